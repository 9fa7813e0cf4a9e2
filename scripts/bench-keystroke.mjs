// Keystroke benchmark: what a drafter waits for after a key, in headless Chromium through the
// widget (build the wasm first: scripts/build-wasm.sh):
//   node scripts/bench-keystroke.mjs [--json] [--keys=N] [--only=20k,000,long,20k-bare,000-bare] [--long=N]
//     [--trace=FILE [--trace-keys]] [--ab=DIR [--rounds=N]] [--where=worker]
// A page attaches the widget to a <textarea> (attach(), as an OA system embeds it) with
// debounce 0, so the re-check starts at the key, as the budget counts it (the page's own
// <report-check> waits 150 ms + 1 ms per 4,000 characters after the last key before checking;
// that wait is a choice, not a cost, and is left out). Then N single characters are typed, one
// at a time, each at another place of the text (a seeded choice of places and characters), and
// for each key we time, from the key's input event (event.timeStamp):
//   - "set":     the widget's `findings` event for the new text: it has been checked (on the
//                page at the key when the last check was fast, else in the worker) and the
//                widget has registered the new highlights (CSS.highlights ranges) and updated
//                the bar, in the task before the event (the list is built after the paint);
//   - "painted": the end of the next rendering frame after that (requestAnimationFrame, then a
//                message posted from it runs after the frame's style, layout and paint).
// p50/p95 of both, for a made-up 20 KB report in the genre (generated here) and for
// samples/000 (read from ../shared/domain/samples, or $REPORT_CHECK_SAMPLES, at run time; the
// text is never copied into the repository). Budgets (issue 14): "painted" ≤ 16 ms p95 on
// the 20 KB report, ≤ 50 ms on samples/000.
// --only=long times keys in a long line of 《 (issue 17; --long=N of them, 100,000 by default;
// --pattern=S repeats S instead: ）, 7, ?), alternating between the widget's textarea and a bare
// one beside it (same page, same text): see typeKeysSideBySide. --only=20k-bare does the same
// with the 20 KB report (--only=000-bare with samples/000), both textareas 760×520 side by side
// ("render": the key's frame alone);
// --trace=FILE records those keys under CDP tracing and sums each phase per key (tracer).
// --ab=DIR compares another www/ tree's widget with this one's in one run (abMain).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './serve.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const WWW = path.join(REPO, 'www');
const SAMPLES = process.env.REPORT_CHECK_SAMPLES || path.join(REPO, '..', 'shared', 'domain', 'samples');
const ROOT = path.join(REPO, 'target', 'bench-keystroke-www');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const KEYS = Number(arg('keys', 60));
const ONLY = arg('only', '20k,000').split(',');
// How many 《 the long line has (--long=N; issue 17's case is 100,000).
const LONG = Number(arg('long', 100_000));
const PATTERN = arg('pattern', '《');
// --trace=FILE: see tracer (side-by-side cases only).
const TRACE = arg('trace', '');
// --where=worker sends every check to the worker (the widget's choice, onPage, is left out):
// what the worker's round trip costs.
const WHERE = arg('where', '');

function die(msg) {
  console.error(`bench-keystroke: ${msg}`);
  process.exit(1);
}

// A small seeded generator (mulberry32), so every run types the same keys at the same places.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const TOPICS = ['学前教育普及普惠', '义务教育优质均衡', '普通高中多样化发展', '职业教育产教融合', '教师队伍建设',
  '教育经费保障', '学校安全稳定', '课后服务', '控辍保学', '校园文化建设', '特殊教育', '民办教育规范管理'];
const DOING = ['持续加大投入', '健全工作机制', '落实主体责任', '强化督导检查', '完善考核办法', '推进集团化办学',
  '统筹城乡资源', '加强队伍培训', '优化学校布局', '规范办学行为'];
const UNITS = ['所', '个', '名', '万元', '平方米', '人次'];

/** A self-evaluation report of about `bytes` UTF-8 bytes: headings in 一、（一）1. order,
 *  paragraphs with figures, and now and then a problem of the usual kinds. */
export function madeUpReport(bytes, seed = 14) {
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = ['某县人民政府关于履行教育职责情况的自评报告', '', '市人民政府教育督导委员会：',
    '根据《关于开展县级人民政府履行教育职责评价工作的通知》要求，我县对照评价指标逐项开展自评，现将有关情况报告如下。'];
  let size = Buffer.byteLength(out.join('\n'));
  for (let part = 0; size < bytes; part++) {
    const heading = `${CN[part % 10]}、${pick(TOPICS)}工作情况`;
    out.push(heading);
    size += Buffer.byteLength(heading) + 1;
    for (let sub = 0; sub < 4 && size < bytes; sub++) {
      const subheading = `（${CN[sub]}）${pick(DOING)}`;
      out.push(subheading);
      size += Buffer.byteLength(subheading) + 1;
      for (let item = 1; item <= 3 && size < bytes; item++) {
        const n = 10 + Math.floor(rnd() * 900);
        const rate = (80 + rnd() * 19.9).toFixed(1);
        let line = `${item}.${pick(DOING)}。全县围绕${pick(TOPICS)}，${pick(DOING)}，`
          + `累计新建改扩建学校${n}${pick(UNITS)}，相关指标达到${rate}%，较上年提高${(rnd() * 5).toFixed(1)}个百分点。`
          + `${pick(DOING)}，${pick(DOING)}，群众满意度进一步提升。`;
        // The usual problems, now and then: a half-width comma, a placeholder year, an
        // unmatched bracket, a double space, an old document number in square brackets.
        const r = rnd();
        if (r < 0.15) line = line.replace('，', ',');
        else if (r < 0.25) line += '计划于20xx年底前完成。';
        else if (r < 0.32) line += '（详见附件';
        else if (r < 0.40) line = line.replace('全县', '全县  ');
        else if (r < 0.48) line += `依据县教发[2023]${n}号文件执行。`;
        out.push(line);
        size += Buffer.byteLength(line) + 1;
      }
    }
  }
  out.push('', '某县人民政府', '2024年3月15日');
  return out.join('\n');
}

const PAGE_HTML = `<!doctype html><meta charset="utf-8"><title>keystroke bench</title>
<link rel="stylesheet" href="style.css">
<link rel="stylesheet" href="keystroke.css">
<textarea id="body" spellcheck="false"></textarea>
<script type="module" src="keystroke.js"></script>`;

// Records each key's input event and the first `findings` event for a text that contains it,
// then waits for the frame after it to be painted.
// A file, not a <style> element: the server's Content-Security-Policy (as an OA system's)
// blocks inline styles, which left the textarea at its default two rows.
const PAGE_CSS = 'textarea { width: 760px; height: 520px; font-size: 16px; line-height: 1.8; }\n';

const PAGE_JS = `
import { attach } from './report-check.js';
import { engine } from './widget/engine.js';
// --where=worker: every check in the worker (the page never instantiates its own engine).
if (new URLSearchParams(location.search).get('where') === 'worker') engine().warmPage = () => {};
const textarea = document.getElementById('body');
const api = attach(textarea, { debounce: 0 });
// The end of the next frame: a message posted from requestAnimationFrame runs after the
// frame's style, layout and paint. Resolves to that time; .frame is when the frame's
// animation callbacks ran (the frame had begun).
const afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
  const frame = performance.now();
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(Object.assign(new Number(performance.now()), { frame }));
  channel.port2.postMessage(0);
}));
let key = null; // the key being timed: its input event, then what became of it
let loaded = null;
textarea.addEventListener('input', (e) => {
  // Capture phase on the textarea itself runs before the widget's own listener.
  if (key && !key.value) {
    key.value = textarea.value, key.at = e.timeStamp;
    // The end of the key's own frame (its style, layout and paint of the new text).
    const k = key;
    afterFrame().then((end) => { k.frameEnd = +end; });
  }
}, { capture: true });
// Every check's findings: the first for the timed key's text ends its timing (recorded here,
// in the listener, so a check that finishes quickly is never missed).
api.addEventListener('findings', () => {
  const now = performance.now();
  const checked = api.controller.checkedText;
  if (loaded && checked === loaded.text) { const l = loaded; loaded = null; afterFrame().then(l.resolve); }
  if (key && key.value && !key.set && checked === key.value) {
    const k = key;
    k.set = now;
    // The widget marks 'report-check:sent' when it starts the check (on the page or in the
    // worker) and 'report-check:received' when it has the report.
    const sent = performance.getEntriesByName('report-check:sent').at(-1);
    const received = performance.getEntriesByName('report-check:received').at(-1);
    // A report from the worker: how long it waited for the page, and its JSON.parse.
    const fromWorker = (name) => {
      const m = performance.getEntriesByName(name).at(-1);
      return m && sent && m.startTime >= sent.startTime - 0.01 && api.controller.lastWhere === 'worker' ? m.duration : NaN;
    };
    const replyWait = fromWorker('report-check:reply-wait');
    const parse = fromWorker('report-check:parse');
    afterFrame().then((painted) => k.resolve({ set: k.set - k.at, painted: painted - k.at,
      // The frame's own work (style, layout, paint), without the wait for it to begin.
      render: painted - painted.frame,
      waited: sent ? sent.startTime - k.at : NaN, worker: sent && received ? received.startTime - sent.startTime : NaN,
      shown: received ? k.set - received.startTime : NaN, findings: api.findings.length, where: api.controller.lastWhere,
      reply_wait: replyWait, parse, key_frame: k.frameEnd !== undefined && sent ? k.frameEnd - sent.startTime : NaN,
      sent_at: sent ? sent.startTime - k.at : NaN, received_at: received ? received.startTime - k.at : NaN }));
  }
});
window.__bench = {
  api,
  // Sets the text and waits for its first check to be painted.
  async load(text) {
    textarea.focus();
    const done = new Promise((resolve) => { loaded = { text, resolve }; });
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    await done;
    return { chars: text.length, findings: api.findings.length, mode: api.mode };
  },
  // Puts the caret at offset pos and arms the timing of the next key; resolves once the text
  // with that key in it is checked and painted.
  place(pos) {
    textarea.focus();
    textarea.setSelectionRange(pos, pos);
    let resolve;
    const done = new Promise((r) => { resolve = r; });
    key = { resolve };
    window.__keyDone = done;
  },
};
// A key in any textarea, timed to the end of the next frame (what the key costs before the page
// can show it and take the next one) from its beforeinput event ("key": Chromium inserts the character
// and lays the textarea out before the input event, which is most of a key in a long line)
// and from its input event ("echo"); resolves to { key, echo, render }.
window.__bench.echo = (id, pos, label = '') => {
  const ta = document.getElementById(id);
  ta.focus();
  ta.setSelectionRange(pos, pos);
  let down = NaN;
  ta.addEventListener('beforeinput', (e) => { down = e.timeStamp; }, { once: true, capture: true });
  window.__echoDone = new Promise((resolve) => ta.addEventListener('input', (e) => {
    const at = e.timeStamp;
    // For --trace: the key's span in the trace (user timing marks), from its beforeinput.
    if (label) performance.mark(\`rc-bench:start:\${label}\`, { startTime: down });
    afterFrame().then((p) => {
      if (label) performance.mark(\`rc-bench:end:\${label}\`);
      resolve({ key: p - down, echo: p - at, render: p - p.frame });
    });
  }, { once: true, capture: true }));
};
// Sets a bare textarea's text; resolves to the ms until the next frame is painted.
window.__bench.loadBare = async (id, text) => {
  const t0 = performance.now();
  document.getElementById(id).value = text;
  return (await afterFrame()) - t0;
};
window.__ready = true;
`;

function prepareSite(texts, www = WWW, root = ROOT) {
  if (!fs.existsSync(path.join(WWW, 'pkg', 'report_check_bg.wasm'))) die('www/pkg is missing: run scripts/build-wasm.sh first');
  fs.rmSync(root, { recursive: true, force: true });
  fs.cpSync(www, root, { recursive: true, dereference: true });
  // An --ab tree without its own wasm build gets this one's (the same engine for both).
  if (!fs.existsSync(path.join(root, 'pkg', 'report_check_bg.wasm'))) fs.cpSync(path.join(WWW, 'pkg'), path.join(root, 'pkg'), { recursive: true });
  fs.writeFileSync(path.join(root, 'keystroke.html'), PAGE_HTML);
  fs.writeFileSync(path.join(root, 'keystroke.js'), PAGE_JS);
  fs.writeFileSync(path.join(root, 'keystroke.css'), PAGE_CSS);
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(root, name), text);
}

// --ab=DIR [--rounds=N]: A/B of two versions of the widget in one run, on a noisy machine:
// DIR is another www/ tree (e.g. `git archive main www | tar -x -C /tmp/base`; its pkg/ is
// taken from this one when absent). N rounds (6 by default), each typing --keys keys into the
// 20 KB report (samples/000 with --only=000-bare) beside a bare textarea (as --only=20k-bare) with DIR's widget and with this
// one's, in alternating order, the same keys for both within a round.
async function abMain(dir) {
  const rounds = Number(arg('rounds', 6));
  const texts = { 'report-20k.txt': madeUpReport(20_000) };
  // --only=000-bare: samples/000 instead of the 20 KB report.
  let file = 'report-20k.txt';
  if (ONLY.includes('000-bare')) {
    const sample = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).sort().find((n) => n.startsWith('000')) : undefined;
    if (!sample) die(`--ab --only=000-bare: no samples/000 in ${SAMPLES}`);
    texts[(file = 'sample-000.txt')] = fs.readFileSync(path.join(SAMPLES, sample), 'utf8');
  }
  const roots = { base: path.join(REPO, 'target', 'bench-keystroke-base'), new: ROOT };
  prepareSite(texts, path.resolve(dir), roots.base);
  prepareSite(texts);
  const servers = {};
  for (const [name, root] of Object.entries(roots)) servers[name] = await start({ root, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, ignoreDefaultArgs: ['--hide-scrollbars'] });
  const all = { base: [], new: [] };
  const traced = { base: { body: [], bare: [] }, new: { body: [], bare: [] } };
  try {
    console.log(`Chromium ${browser.version()}; A/B ${dir} (base) against ${WWW} (new): ${rounds} rounds of ${KEYS} keys in ${file}; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    for (let r = 0; r < rounds; r++) {
      for (const name of r % 2 ? ['new', 'base'] : ['base', 'new']) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${servers[name].url}keystroke.html`);
        await page.waitForFunction(() => window.__ready);
        const trace = TRACE ? tracer(page, TRACE, true) : null;
        const { rows } = await typeKeysSideBySide(page, file, KEYS, 17 + r, { wide: true, trace });
        if (trace) for (const id of ['body', 'bare']) traced[name][id].push(...trace.per[id]);
        if (errors.length) die(`page errors (${name}): ${errors.join('; ')}`);
        all[name].push(...rows);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    for (const { server } of Object.values(servers)) server.close();
  }
  const q = (xs) => `p50 ${quantile(xs, 0.5).toFixed(1)} p95 ${quantile(xs, 0.95).toFixed(1)}`;
  const out = {};
  for (const [name, rows] of Object.entries(all)) {
    const m = {
      widget_painted: rows.map((x) => x.findings?.painted ?? Infinity), widget_render: rows.map((x) => x.body.render),
      widget_key: rows.map((x) => x.body.key), bare_render: rows.map((x) => x.bare.render), bare_key: rows.map((x) => x.bare.key),
    };
    out[name] = Object.fromEntries(Object.entries(m).map(([k, xs]) => [k, [quantile(xs, 0.5), quantile(xs, 0.95)]]));
    console.log(`${name.padEnd(4)} (${rows.length} keys): widget key → findings painted ${q(m.widget_painted)}; widget render ${q(m.widget_render)}; `
      + `widget beforeinput → frame ${q(m.widget_key)}; bare render ${q(m.bare_render)}; bare beforeinput → frame ${q(m.bare_key)} ms`);
  }
  if (TRACE) {
    // Main-thread phases per key, p50 / p95 (ms), base → new, for the widget's textarea and the bare one.
    const cols = ['span', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Blink.CompositingInputs.UpdateTime', 'Paint',
      'Commit', 'ProxyMain::BeginMainFrame::commit', 'ProxyMain::BeginMainFrame', ...RASTER, 'styled', 'dirty', 'paints'];
    const f = (list, c) => `${quantile(list.map((x) => x[c] || 0), 0.5).toFixed(2)}/${quantile(list.map((x) => x[c] || 0), 0.95).toFixed(2)}`;
    console.log(`traced phases, p50/p95 ms per key: ${'phase'.padEnd(36)} ${'widget base'.padStart(12)} ${'widget new'.padStart(12)} ${'bare base'.padStart(12)} ${'bare new'.padStart(12)}`);
    for (const c of cols) {
      console.log(`  ${c.padEnd(70)} ${f(traced.base.body, c).padStart(12)} ${f(traced.new.body, c).padStart(12)} ${f(traced.base.bare, c).padStart(12)} ${f(traced.new.bare, c).padStart(12)}`);
    }
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(out));
}

const quantile = (xs, q) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

// Characters a drafter types: CJK, Chinese and ASCII punctuation, digits (some make or
// clear findings: a half-width comma, a digit in a figure, a bracket).
const TYPED = ['的', '教', '育', '，', '。', ',', '1', '5', '（', '）', '《', '0', '年', ' '];

// The next key: a seeded place in the widget's text and a seeded character.
async function nextKey(page, rnd) {
  const length = await page.evaluate(() => document.getElementById('body').value.length);
  return { pos: Math.floor(rnd() * (length + 1)), ch: TYPED[Math.floor(rnd() * TYPED.length)] };
}

async function typeKeys(page, file, keys, seed) {
  const info = await page.evaluate(async (name) => window.__bench.load(await (await fetch(name)).text()), file);
  const rnd = random(seed);
  const rows = [];
  for (let i = 0; i < keys; i++) {
    const { pos, ch } = await nextKey(page, rnd);
    await page.evaluate((p) => window.__bench.place(p), pos);
    await page.keyboard.type(ch);
    rows.push(await page.evaluate(() => Promise.race([window.__keyDone,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no findings for the new text within 30 s of the key')), 30_000))])));
    // Idle a little between keys, so each key is timed on its own, not queued behind another.
    await page.waitForTimeout(30);
  }
  return { info, rows };
}

// Issue 17's long line: a bare textarea (no widget) beside the widget's, same size and text,
// in the same page; keys alternate between them at the same places. For each key: key → end
// of the next frame ("echo": what typing feels like), and for the widget's also key → its
// findings painted. The bare textarea's echo is Chromium's own cost of the text; the
// difference is ours (the mirror, the highlights, the list).
async function typeKeysSideBySide(page, file, keys, seed, { wide = false, trace = null } = {}) {
  const info = await page.evaluate(async ([name, wide]) => {
    const text = await (await fetch(name)).text();
    const body = document.getElementById('body');
    const bare = document.createElement('textarea');
    bare.id = 'bare';
    bare.spellcheck = false;
    if (wide) {
      // --only=20k-bare, 000-bare: both 760×520 (keystroke.css), the bare one to the right of the
      // widget's, both in view (the page's viewport is widened for it).
      bare.style.setProperty('position', 'absolute');
      bare.style.setProperty('left', '800px');
      bare.style.setProperty('top', `${body.getBoundingClientRect().top + scrollY}px`);
    } else {
      for (const t of [body, bare]) t.style.width = '600px';
    }
    body.after(bare);
    // The same text layout as the widget's textarea, which lays full-width marks out at full
    // width while the text holds a long run of them (highlight.js, TRIMMED_RUN): Chromium
    // takes over a minute to lay out 100,000 《 trimmed.
    const t0 = performance.now();
    const loaded = await window.__bench.load(text);
    loaded.load_ms = performance.now() - t0;
    bare.style.setProperty('text-spacing-trim', getComputedStyle(body).getPropertyValue('text-spacing-trim'));
    loaded.bare_load_ms = await window.__bench.loadBare('bare', text);
    return loaded;
  }, [file, wide]);
  const rnd = random(seed);
  const rows = [];
  if (trace) await trace.start();
  for (let i = 0; i < keys; i++) {
    const { pos, ch } = await nextKey(page, rnd);
    // Bare first on even keys, the widget first on odd ones.
    const order = i % 2 ? ['body', 'bare'] : ['bare', 'body'];
    const row = { ch };
    for (const id of order) {
      if (id === 'body') await page.evaluate((p) => window.__bench.place(p), pos);
      await page.evaluate(([t, p, label]) => window.__bench.echo(t, p, label), [id, pos, trace ? `${id}:${i}` : '']);
      await page.keyboard.type(ch);
      row[id] = await page.evaluate((t) => Promise.race([window.__echoDone, new Promise((_, reject) => setTimeout(() => reject(new Error(`no frame after the key in #${t}`)), 60_000))]), id);
      // The widget's findings for the text with this key (null if none came within 60 s).
      if (id === 'body') row.findings = await page.evaluate(() => Promise.race([window.__keyDone, new Promise((r) => setTimeout(() => r(null), 60_000))]));
      await page.waitForTimeout(30);
    }
    rows.push(row);
  }
  if (trace) await trace.stop(rows);
  return { info, rows };
}

// --trace=FILE (with --only=20k-bare or long): the keys are typed under CDP tracing
// (devtools.timeline), the trace is written to FILE, and for each textarea (widget, bare) the
// main thread's time per event name inside each key's span (beforeinput → the end of the next
// frame) is summed: p50/p95 over the keys of each phase (UpdateLayoutTree = recalculate style,
// Layout, PrePaint, Paint, Layerize, Commit…), plus the elements styled and objects laid out.
function tracer(page, file, quiet = false) {
  let cdp = null;
  const events = [];
  return {
    async start() {
      cdp = await page.context().newCDPSession(page);
      cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
      await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: [
        'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'blink', 'cc', 'toplevel',
        'disabled-by-default-devtools.timeline.invalidationTracking'] } });
    },
    async stop(rows) {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      fs.writeFileSync(file, JSON.stringify({ traceEvents: events }));
      this.per = summariseTrace(events, rows, quiet);
    },
  };
}

// The phases summed per key (main thread; the span's events, nested ones counted in their own
// name too), and the raster work on other threads of the renderer in the same span.
const PHASES = ['EventDispatch', 'FunctionCall', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint',
  'Blink.CompositingInputs.UpdateTime', 'Paint', 'Layerize', 'Commit', 'ProxyMain::BeginMainFrame::commit', 'UpdateLayer', 'HitTest',
  'ScheduleStyleRecalculation', 'ProxyMain::BeginMainFrame', 'PaintArtifactCompositor::Update', 'Document::UpdateStyleAndLayout'];
const RASTER = ['DisplayItemList::Raster', 'MainFrame.Draw'];

function summariseTrace(events, rows, quiet = false) {
  // The renderer's main thread: where the user timing marks are.
  const marks = events.filter((e) => e.name.startsWith('rc-bench:'));
  if (!marks.length) { console.log('trace: no key marks found'); return; }
  const { pid, tid } = marks[0];
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  const raster = events.filter((e) => e.pid === pid && e.ph === 'X' && RASTER.includes(e.name));
  const at = new Map();
  for (const m of marks) at.set(m.name, m.ts);
  const NAMES = [...PHASES, ...RASTER];
  const per = { body: [], bare: [] };
  for (let i = 0; i < rows.length; i++) {
    for (const id of ['body', 'bare']) {
      const a = at.get(`rc-bench:start:${id}:${i}`);
      const b = at.get(`rc-bench:end:${id}:${i}`);
      if (a === undefined || b === undefined) continue;
      const sums = { key: i, ch: rows[i].ch, span: (b - a) / 1000, styled: 0, dirty: 0, paints: 0 };
      for (const e of main) {
        if (e.ts < a || e.ts > b) continue;
        sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
        if (e.name === 'UpdateLayoutTree') sums.styled += e.args?.elementCount || 0;
        if (e.name === 'Layout') sums.dirty += e.args?.beginData?.dirtyObjects || 0;
        if (e.name === 'Paint') sums.paints += 1;
      }
      for (const e of raster) if (e.ts >= a && e.ts <= b) sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
      per[id].push(sums);
    }
  }
  if (quiet) return per;
  const q = (xs, p) => quantile(xs.length ? xs : [0], p);
  for (const id of ['body', 'bare']) {
    const list = per[id];
    const cols = ['span', ...NAMES.filter((n) => list.some((s) => s[n])), 'styled', 'dirty', 'paints'];
    console.log(`trace, ${id === 'body' ? 'widget' : 'bare'} textarea (${list.length} keys), ms per key in the key's span (p50 / p95 / max):`);
    for (const c of cols) {
      const xs = list.map((s) => s[c] || 0);
      console.log(`  ${c.padEnd(40)} ${q(xs, 0.5).toFixed(2).padStart(8)} ${q(xs, 0.95).toFixed(2).padStart(8)} ${Math.max(...xs).toFixed(2).padStart(8)}`);
    }
  }
  if (process.argv.includes('--trace-keys')) {
    for (let i = 0; i < rows.length; i++) {
      const line = ['body', 'bare'].map((id) => {
        const s = per[id].find((x) => x.key === i);
        return s ? `${id} span ${s.span.toFixed(1)} style ${(s.UpdateLayoutTree || 0).toFixed(1)}/${s.styled} layout ${(s.Layout || 0).toFixed(1)}/${s.dirty} prepaint ${(s.PrePaint || 0).toFixed(1)} paint ${(s.Paint || 0).toFixed(1)}x${s.paints} layerize ${(s.Layerize || 0).toFixed(1)} commit ${(s.Commit || 0).toFixed(1)} js ${((s.FunctionCall || 0) + (s.EventDispatch || 0)).toFixed(1)}` : '';
      });
      console.log(`  key ${i} ${JSON.stringify(rows[i].ch)}: ${line.join(' | ')}`);
    }
  }
  return per;
}

async function main() {
  const texts = { 'report-20k.txt': madeUpReport(20_000) };
  const sampleFile = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).sort().find((n) => n.startsWith('000')) : undefined;
  if (sampleFile) texts['sample-000.txt'] = fs.readFileSync(path.join(SAMPLES, sampleFile), 'utf8');
  else console.log(`SAMPLES ABSENT: ${SAMPLES} not found; the samples/000 figure is skipped`);
  texts['long-line.txt'] = `关于${PATTERN.repeat(Math.ceil(LONG / PATTERN.length)).slice(0, LONG)}的报告`;
  prepareSite(texts);
  const { server, url } = await start({ root: ROOT, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, ignoreDefaultArgs: ['--hide-scrollbars'] });
  const results = { keys: KEYS };
  try {
    console.log(`Chromium ${browser.version()}; ${KEYS} keys per text; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    const cases = [['20k', 'report-20k.txt', 'made-up 20 KB report', 16], ['000', 'sample-000.txt', 'samples/000', 50],
      ['long', 'long-line.txt', `${LONG.toLocaleString('en')} ${PATTERN} on one line (issue 17)`, undefined],
      ['20k-bare', 'report-20k.txt', 'made-up 20 KB report', undefined],
      ['000-bare', 'sample-000.txt', 'samples/000', undefined]]
      .filter(([key, file]) => ONLY.includes(key) && texts[file]);
    for (const [key, file, what, budget] of cases) {
      const context = await browser.newContext({ viewport: key.endsWith('-bare') ? { width: 1600, height: 900 } : { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}keystroke.html${WHERE ? `?where=${WHERE}` : ''}`);
      await page.waitForFunction(() => window.__ready);
      const box = await page.evaluate(() => { const r = document.getElementById('body').getBoundingClientRect(); return `${Math.round(r.width)}×${Math.round(r.height)}`; });
      if (box !== '760×520') die(`the textarea is ${box}, not 760×520 (keystroke.css not applied?)`);
      const keys = key === 'long' ? Math.min(KEYS, 15) : KEYS;
      if (key === 'long' || key.endsWith('-bare')) {
        const trace = TRACE ? tracer(page, TRACE) : null;
        const { info, rows } = await typeKeysSideBySide(page, file, keys, 17, { wide: key.endsWith('-bare'), trace });
        if (errors.length) die(`page errors: ${errors.join('; ')}`);
        const q = (xs) => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
        const bare = rows.map((r) => r.bare.key);
        const ours = rows.map((r) => r.body.key);
        const bareEcho = rows.map((r) => r.bare.echo);
        const ourEcho = rows.map((r) => r.body.echo);
        const painted = rows.map((r) => r.findings?.painted ?? NaN);
        const bareRender = rows.map((r) => r.bare.render);
        const ourRender = rows.map((r) => r.body.render);
        results[key] = { bytes: Buffer.byteLength(texts[file]), chars: info.chars, findings: info.findings, mode: info.mode,
          load_ms: info.load_ms, bare_load_ms: info.bare_load_ms,
          bare_key_p50_ms: quantile(bare, 0.5), widget_key_p50_ms: quantile(ours, 0.5),
          bare_key_p95_ms: quantile(bare, 0.95), widget_key_p95_ms: quantile(ours, 0.95),
          bare_echo_p50_ms: quantile(bareEcho, 0.5), widget_echo_p50_ms: quantile(ourEcho, 0.5),
          widget_painted_p50_ms: quantile(painted, 0.5), widget_painted_p95_ms: quantile(painted, 0.95),
          bare_render_p50_ms: quantile(bareRender, 0.5), bare_render_p95_ms: quantile(bareRender, 0.95),
          widget_render_p50_ms: quantile(ourRender, 0.5), widget_render_p95_ms: quantile(ourRender, 0.95), rows };
        console.log(`${what} (${Buffer.byteLength(texts[file])} bytes, ${info.findings} findings, ${info.mode} mode): `
          + `loaded and its findings painted in ${info.load_ms.toFixed(0)} ms (the bare textarea laid out afterwards: ${info.bare_load_ms.toFixed(0)} ms); `
          + `keys alternating between a bare textarea and the widget's, same page, same text (${keys} each): `
          + `beforeinput → next frame painted: bare textarea ${q(bare)}; with the widget ${q(ours)}; `
          + `input event → next frame: bare ${q(bareEcho)}; widget ${q(ourEcho)}; `
          + `widget key → its findings painted ${q(painted)}; `
          + `the key's frame alone (rAF → after its style, layout, paint: "render"): bare ${q(bareRender)}; widget ${q(ourRender)}`);
        await context.close();
        continue;
      }
      const { info, rows } = await typeKeys(page, file, keys, 17);
      if (errors.length) die(`page errors: ${errors.join('; ')}`);
      const set = rows.map((r) => r.set);
      const painted = rows.map((r) => r.painted);
      const r = {
        bytes: Buffer.byteLength(texts[file]), chars: info.chars, findings: info.findings, mode: info.mode,
        set_p50_ms: quantile(set, 0.5), set_p95_ms: quantile(set, 0.95),
        painted_p50_ms: quantile(painted, 0.5), painted_p95_ms: quantile(painted, 0.95), painted_max_ms: Math.max(...painted),
        work_p50_ms: quantile(rows.map((x) => x.set + x.render), 0.5), work_p95_ms: quantile(rows.map((x) => x.set + x.render), 0.95),
        render_p50_ms: quantile(rows.map((x) => x.render), 0.5),
        waited_p50_ms: quantile(rows.map((x) => x.waited), 0.5),
        worker_p50_ms: quantile(rows.map((x) => x.worker), 0.5),
        shown_p50_ms: quantile(rows.map((x) => x.shown), 0.5),
        on_page: rows.filter((x) => x.where === 'page').length,
      };
      // The keys checked in the worker alone: painted, and sent → report on the page.
      const inWorker = rows.filter((x) => x.where === 'worker');
      if (inWorker.length) {
        Object.assign(r, {
          worker_keys: inWorker.length,
          worker_painted_p50_ms: quantile(inWorker.map((x) => x.painted), 0.5),
          worker_painted_p95_ms: quantile(inWorker.map((x) => x.painted), 0.95),
          worker_sent_p50_ms: quantile(inWorker.map((x) => x.worker), 0.5),
          worker_sent_p95_ms: quantile(inWorker.map((x) => x.worker), 0.95),
          // Of sent → report: the reply's wait for the page (busy, e.g. with the key's frame),
          // JSON.parse; and when the key's own frame ended, from the send.
          worker_reply_wait_p50_ms: quantile(inWorker.map((x) => x.reply_wait), 0.5),
          worker_reply_wait_p95_ms: quantile(inWorker.map((x) => x.reply_wait), 0.95),
          worker_parse_p50_ms: quantile(inWorker.map((x) => x.parse), 0.5),
          worker_key_frame_p50_ms: quantile(inWorker.map((x) => x.key_frame), 0.5),
        });
      }
      results[key] = r;
      const verdict = budget === undefined ? '' : ` (budget ≤ ${budget} ms p95: ${r.painted_p95_ms <= budget ? 'met' : 'NOT met'})`;
      console.log(`keystroke → highlights painted, ${what} (${r.bytes} bytes, ${r.findings} findings, ${r.mode} mode): `
        + `p50 ${r.painted_p50_ms.toFixed(1)} ms, p95 ${r.painted_p95_ms.toFixed(1)} ms, max ${r.painted_max_ms.toFixed(1)} ms${verdict}; `
        + `without the wait for the next frame to begin (highlights set + that frame's style, layout and paint): p50 ${r.work_p50_ms.toFixed(1)} ms, p95 ${r.work_p95_ms.toFixed(1)} ms; `
        + `checked and highlights set: p50 ${r.set_p50_ms.toFixed(1)} ms, p95 ${r.set_p95_ms.toFixed(1)} ms; of that, key → check sent to the worker (the widget's wait for more keys): p50 ${r.waited_p50_ms.toFixed(1)} ms, `
        + `check (sent → report, on the page or from the worker) p50 ${r.worker_p50_ms.toFixed(1)} ms, report → highlights set p50 ${r.shown_p50_ms.toFixed(1)} ms (${keys} keys, ${r.on_page} checked on the page)`
        + (r.worker_keys ? `; the ${r.worker_keys} keys checked in the worker: painted p50 ${r.worker_painted_p50_ms.toFixed(1)} ms, p95 ${r.worker_painted_p95_ms.toFixed(1)} ms, `
          + `sent → report p50 ${r.worker_sent_p50_ms.toFixed(1)} ms, p95 ${r.worker_sent_p95_ms.toFixed(1)} ms `
          + `(of that, the reply waited for the page p50 ${r.worker_reply_wait_p50_ms.toFixed(1)} ms, p95 ${r.worker_reply_wait_p95_ms.toFixed(1)} ms; `
          + `JSON.parse p50 ${r.worker_parse_p50_ms.toFixed(1)} ms; the key's own frame ended p50 ${r.worker_key_frame_p50_ms.toFixed(1)} ms after the send)` : ''));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
}

(arg('ab', '') ? abMain(arg('ab', '')) : main()).catch((err) => die(err.stack || String(err)));
