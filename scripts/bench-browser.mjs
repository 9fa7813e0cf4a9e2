// Browser benchmark of the release wasm in www/pkg (build it first: scripts/build-wasm.sh):
//   node scripts/bench-browser.mjs
// In headless Chromium (playwright-core, /usr/bin/chromium), on a local static server:
//   - median check time through the wasm API of samples/000 (when ../shared/domain/samples
//     is there) and of a 20 KB report made here;
//   - cold start, navigation to first findings: a bare page that imports the module,
//     instantiates the wasm and checks the 20 KB report (as it is, and loading as
//     docs/API.md recommends: preload hints, the wasm compiled while the glue loads); and the
//     real page (www/index.html) from navigation until the demo text's findings are shown
//     (and until it is ready to check, as the page recorded it — performance.mark
//     'report-check:ready' in app.js — and as polled from here, which adds the polling's and
//     DevTools' latency; where the time went: scripts and wasm received, the worker created,
//     the wasm compiled, the first paint, app.js's body run, the worker's first message);
//   - peak wasm linear memory (memory never shrinks, so its size after the check is the
//     peak) for samples/000, for 100,000 《 on one line (issue 17: a place per char) and for
//     two 10 MB texts (the made-up report repeated, finding-dense; the samples repeated),
//     each in a fresh page.
// Prints one line per figure; --json prints them as JSON too; --only=cold,warm,memory
// runs only the sections named.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { start } from './serve.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const PKG = path.join(REPO, 'www', 'pkg');
// REPORT_CHECK_SAMPLES names the folder for a checkout without ../shared (a worktree).
const SAMPLES = process.env.REPORT_CHECK_SAMPLES || path.join(REPO, '..', 'shared', 'domain', 'samples');
const ROOT = path.join(REPO, 'target', 'bench-www');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
// --runs=N: cold runs per page (default 9); --each prints every cold run of the real page.
const COLD_RUNS = Number(arg('runs') ?? 9);
// --only=cold,warm,memory runs some of the sections (default: all).
const ONLY = (arg('only') ?? 'cold,warm,memory').split(',');
// --ab=DIR: a copy of www/ (e.g. an older commit's, `git archive`; its pkg/ defaults to
// www/pkg) whose index.html takes turns with www's in the cold runs of the real page.
const AB = arg('ab');
// The static server (scripts/serve.mjs) runs in a process of its own, as a real server would
// (--server=child, the default since session 12): in this process (--server=inline, as before)
// its answers wait while this process handles the browser's DevTools traffic, and a cold load
// of www/index.html was 60-90 ms slower. --server=both: both, taking turns in the cold runs of
// the real page.
const SERVER = arg('server') ?? 'child';

function die(msg) {
  console.error(`bench-browser: ${msg}`);
  process.exit(1);
}

/** A report in the genre, about `bytes` UTF-8 bytes, with the usual problems. */
function madeUpReport(bytes) {
  const lines = ['某县教育局履行教育职责自评报告',
    '根据《关于开展履行教育职责评价工作的通知》要求，现将自评情况报告如下。'];
  let size = Buffer.byteLength(lines.join('\n'));
  for (let i = 1; size < bytes; i++) {
    const line = `（${i}）全县持续推进义务教育优质均衡发展，新增学位${1000 + i}个，`
      + `教师培训覆盖率达到${90 + (i % 10)}%,计划于20xx年完成（县政办[2023]${i}号）。`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join('\n');
}

// ---- the bench site: a copy of www/ (the real page) plus a bare bench page ----

const BENCH_HTML = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="module" src="bench.js"></script>`;
// The same page loading as docs/API.md recommends: both files hinted in the head, the wasm
// fetched and compiled while the JS glue loads.
const BENCH_FAST_HTML = `<!doctype html><meta charset="utf-8"><title>bench</title>
<link rel="modulepreload" href="pkg/report_check.js">
<link rel="preload" href="pkg/report_check_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="bench.js?fast"></script>`;

// Cold start: import + instantiate + check; records performance.now() (ms since navigation).
// Then exposes helpers for the warm timings and memory.
const BENCH_JS = `
const textPromise = fetch('report-20k.txt').then((r) => r.text());
const fast = new URL(import.meta.url).searchParams.has('fast');
const compiled = fast ? WebAssembly.compileStreaming(fetch('./pkg/report_check_bg.wasm')) : undefined;
const engine = await import('./pkg/report_check.js');
const imported = performance.now();
const wasm = await engine.default(fast ? { module_or_path: await compiled } : undefined);
const instantiated = performance.now();
const text = await textPromise;
const got = performance.now();
const report = engine.check(text);
const checked = performance.now();
engine.check(text);
window.__cold = {
  ms: checked,
  findings: report.findings.length,
  // Where the cold start goes: navigation → JS glue imported → wasm fetched,
  // compiled and instantiated → text there → first check (one-time tables) →
  // what a second check of the same text costs.
  // Navigation Timing: the document's response and parse (before any of our code runs;
  // a fresh browser context also starts a renderer process in this time).
  parts: { response: performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0,
    domInteractive: performance.getEntriesByType('navigation')[0]?.domInteractive ?? 0,
    imported, instantiate: instantiated - imported, text: got - instantiated,
    firstCheck: checked - got, secondCheck: performance.now() - checked },
};
window.__engine = engine;
window.__memory = () => wasm.memory.buffer.byteLength;
window.__medianCheck = (t, minMs = 1500) => {
  // Batches long enough for the clamped timer; the median of the batch means.
  engine.check(t);
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) engine.check(t);
    if (performance.now() - t0 >= 20) break;
    n *= 2;
  }
  const means = [];
  const start = performance.now();
  while (means.length < 15 || (performance.now() - start < minMs && means.length < 200)) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) engine.check(t);
    means.push((performance.now() - t0) / n);
  }
  means.sort((a, b) => a - b);
  return { ms: means[means.length >> 1], batch: n, batches: means.length };
};
window.__ready = true;
`;

function prepareSite(texts) {
  if (!fs.existsSync(path.join(PKG, 'report_check_bg.wasm'))) {
    die(`${PKG}/report_check_bg.wasm missing: run scripts/build-wasm.sh first`);
  }
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.cpSync(path.join(REPO, 'www'), ROOT, { recursive: true, dereference: true });
  fs.writeFileSync(path.join(ROOT, 'bench.html'), BENCH_HTML);
  fs.writeFileSync(path.join(ROOT, 'bench-fast.html'), BENCH_FAST_HTML);
  fs.writeFileSync(path.join(ROOT, 'bench.js'), BENCH_JS);
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(ROOT, name), text);
  if (AB) {
    const b = path.join(ROOT, 'b');
    fs.cpSync(AB, b, { recursive: true, dereference: true });
    if (!fs.existsSync(path.join(b, 'pkg', 'report_check_bg.wasm'))) fs.cpSync(PKG, path.join(b, 'pkg'), { recursive: true });
  }
}

// The static server (scripts/serve.mjs) in this process, or in a child process of its own.
async function serve(where = SERVER) {
  if (where === 'inline') return start({ root: ROOT, port: 0 });
  if (where !== 'child') die(`--server=${where}: inline, child or both`);
  const child = spawn(process.execPath, ['--input-type=module', '-e',
    `const { start } = await import(${JSON.stringify(new URL('./serve.mjs', import.meta.url).href)});
     const { url } = await start({ root: ${JSON.stringify(ROOT)}, port: 0 });
     console.log(url);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).trim()));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { url, server: { close: () => child.kill() } };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// One cold load of the real page (a fresh context: no cache, a new renderer process) at `site`:
// navigation → ready (as the page recorded it, and as polled from here), → the demo's findings,
// and where the time went.
async function coldPage(browser, site) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // The <report-check> element announces every check with a bubbling 'findings' event.
    document.addEventListener('findings', (e) => {
      if (e.detail?.findings?.length && window.__firstFindingsAt === undefined) {
        window.__firstFindingsAt = performance.now();
      }
    }, true);
    // Where the time to "engine ready" goes: when the page created the engine's worker,
    // when its compile of the wasm was done, when the worker first answered (it had
    // loaded the engine), and the first paint.
    const at = (window.__coldParts = {});
    const now = () => performance.now();
    const W = window.Worker;
    window.Worker = class extends W {
      constructor(...args) {
        at.worker ??= now();
        super(...args);
        this.addEventListener('message', () => { at.answered ??= now(); });
      }
    };
    const compile = WebAssembly.compileStreaming;
    if (compile) {
      WebAssembly.compileStreaming = (...args) => compile.apply(WebAssembly, args)
        .then((m) => { at.compiled ??= now(); return m; });
    }
  });
  const page = await context.newPage();
  await page.goto(site, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__reportCheckReady, null, { polling: 10 });
  const ready = await page.evaluate(() => performance.now());
  const parts = await page.evaluate(() => {
    const res = performance.getEntriesByType('resource');
    const end = (test) => Math.max(...res.filter((r) => test(r.name)).map((r) => r.responseEnd));
    return {
      readyMark: performance.getEntriesByName('report-check:ready')[0]?.startTime ?? NaN,
      appRun: performance.getEntriesByName('report-check:app')[0]?.startTime ?? NaN,
      scriptsLoaded: end((n) => /\.js$/.test(new URL(n).pathname)),
      wasmLoaded: end((n) => n.endsWith('.wasm')),
      firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? NaN,
      domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventStart ?? NaN,
      ...window.__coldParts,
    };
  });
  await page.click('#load-demo');
  await page.waitForFunction(() => window.__firstFindingsAt !== undefined, null, { polling: 10 });
  const findings = await page.evaluate(() => window.__firstFindingsAt);
  await context.close();
  return { ready, findings, ...parts };
}

async function main() {
  const report20k = madeUpReport(20_000);
  const texts = { 'report-20k.txt': report20k };
  const sampleFile = fs.existsSync(SAMPLES)
    ? fs.readdirSync(SAMPLES).sort().find((n) => n.startsWith('000'))
    : undefined;
  // All samples joined: a 10 MB text of real reports for the memory figure.
  const allSamples = fs.existsSync(SAMPLES)
    ? fs.readdirSync(SAMPLES).sort().filter((n) => n.endsWith('.txt'))
      .map((n) => fs.readFileSync(path.join(SAMPLES, n), 'utf8')).join('\n')
    : undefined;
  if (sampleFile) texts['sample-000.txt'] = fs.readFileSync(path.join(SAMPLES, sampleFile), 'utf8');
  else console.log(`SAMPLES ABSENT: ${SAMPLES} not found; the figures of samples/000 and of the samples repeated to 10 MB are skipped`);
  prepareSite(texts);

  const { server, url } = await serve(SERVER === 'both' ? 'inline' : SERVER);
  const other = SERVER === 'both' ? await serve('child') : null;
  console.log(`server: ${{ child: 'a process of its own', inline: 'in the bench\'s process', both: 'in the bench\'s process (inline) and one of its own (child), taking turns' }[SERVER]}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const results = {};
  const out = (key, value, line) => {
    results[key] = value;
    console.log(line);
  };
  try {
    const wasmBytes = fs.statSync(path.join(PKG, 'report_check_bg.wasm')).size;
    console.log(`wasm: ${wasmBytes} bytes raw; Chromium ${browser.version()}`);

    if (ONLY.includes('cold')) {
    // Cold start, bare page: each run in a fresh context (no cache; the server sends no-store).
    // The plain page and the one loading as docs/API.md recommends, taking turns.
    const bare = [];
    const parts = [];
    const fast = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const name of ['bench.html', 'bench-fast.html']) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${url}${name}`);
        await page.waitForFunction(() => window.__cold, null, { polling: 10 });
        const cold = await page.evaluate(() => window.__cold);
        if (name === 'bench.html') {
          bare.push(cold.ms);
          parts.push(cold.parts);
        } else {
          fast.push(cold.ms);
        }
        await context.close();
      }
    }
    out('cold_bare_ms', median(bare),
      `cold start, bare page (navigation → module, wasm, check of 20 KB → findings): median ${median(bare).toFixed(1)} ms of ${COLD_RUNS} (min ${Math.min(...bare).toFixed(1)})`);
    const part = (k) => median(parts.map((p) => p[k]));
    results.cold_bare_parts_ms = Object.fromEntries(Object.keys(parts[0]).map((k) => [k, part(k)]));
    console.log(`  medians: navigation → document received ${part('response').toFixed(1)} ms → parsed (domInteractive) ${part('domInteractive').toFixed(1)} ms; ours from there: ${(median(bare.map((ms, i) => ms - parts[i].domInteractive))).toFixed(1)} ms`);
    console.log(`  medians: navigation → JS glue imported ${part('imported').toFixed(1)} ms; wasm fetch+compile+instantiate ${part('instantiate').toFixed(1)} ms; first check ${part('firstCheck').toFixed(1)} ms (a second check: ${part('secondCheck').toFixed(1)} ms)`);
    out('cold_fast_ms', median(fast),
      `cold start, bare page loading as docs/API.md recommends (preload hints, wasm compiled while the glue loads): median ${median(fast).toFixed(1)} ms of ${COLD_RUNS} (min ${Math.min(...fast).toFixed(1)})`);

    // Cold start, the real page: navigation until the demo's findings are rendered. With
    // --ab=DIR, the page of DIR (a copy of www/, served under /b/) takes turns with www's.
    const sites = AB ? [['A', url], ['B', `${url}b/`]] : other ? [['inline', url], ['child', other.url]] : [['', url]];
    const runs = Object.fromEntries(sites.map(([name]) => [name, []]));
    for (let i = 0; i < COLD_RUNS; i++) {
      const order = i % 2 ? [...sites].reverse() : sites;
      for (const [name, site] of order) {
        const r = await coldPage(browser, site);
        runs[name].push(r);
        // --each: every run's figures (ms since navigation).
        if (process.argv.includes('--each')) {
          console.log(`  ${name || 'run'} ${i + 1}: ${Object.entries(r).map(([k, v]) => `${k} ${Number(v).toFixed(0)}`).join(', ')}`);
        }
      }
    }
    for (const [name] of sites) {
      const r = runs[name];
      const m = (k) => median(r.map((x) => x[k] ?? NaN));
      const label = !name ? '' : AB ? ` (${name}: ${name === 'A' ? 'www/' : AB})` : ` (server ${name})`;
      const key = name ? `_${name}` : '';
      out(`cold_page_ms${key}`, m('findings'),
        `cold start, www/index.html${label}: engine ready after median ${m('readyMark').toFixed(1)} ms as the page recorded it (performance.mark at ready; fastest ${Math.min(...r.map((x) => x.readyMark)).toFixed(1)}), ${m('ready').toFixed(1)} ms polled by the bench; navigation → click 载入示例 → demo.txt → findings shown: median ${m('findings').toFixed(1)} ms of ${COLD_RUNS}`);
      // What the engine adds after the page's own code has run (app.js waits for profiles
      // and version): a difference within each run, less noisy than either figure.
      const after = median(r.map((x) => x.readyMark - x.appRun));
      console.log(`  ready after app.js ran: median ${after.toFixed(1)} ms (app.js ran at ${m('appRun').toFixed(1)} ms)`);
      results[`cold_page_ready_after_app_ms${key}`] = after;
      results[`cold_page_ready_ms${key}`] = m('readyMark');
      results[`cold_page_ready_polled_ms${key}`] = m('ready');
      const partKeys = ['scriptsLoaded', 'wasmLoaded', 'firstPaint', 'domContentLoaded', 'worker', 'compiled', 'appRun', 'answered'];
      results[`cold_page_parts_ms${key}`] = Object.fromEntries(partKeys.map((k) => [k, m(k)]));
      console.log(`  medians: navigation → page's scripts received ${m('scriptsLoaded').toFixed(1)} ms, wasm received ${m('wasmLoaded').toFixed(1)} ms, engine's worker created ${m('worker').toFixed(1)} ms, wasm compiled ${m('compiled').toFixed(1)} ms, first paint ${m('firstPaint').toFixed(1)} ms, DOMContentLoaded ${m('domContentLoaded').toFixed(1)} ms, app.js ran ${m('appRun').toFixed(1)} ms, the worker's first message ${m('answered').toFixed(1)} ms (its first check started; profiles and version come from the page's own instance)`);
    }
    }

    // Warm timings and memory: fresh page per measurement of memory.
    const fresh = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}bench.html`);
      await page.waitForFunction(() => window.__ready);
      return { context, page };
    };
    const load = (page, name) => page.evaluate(async (n) => {
      window.__text = await (await fetch(n)).text();
      return window.__text.length;
    }, name);

    if (ONLY.includes('warm')) {
      const { context, page } = await fresh();
      await load(page, 'report-20k.txt');
      const r = await page.evaluate(() => window.__medianCheck(window.__text));
      out('check_20k_ms', r.ms, `check 20 KB report: median ${r.ms.toFixed(3)} ms (${r.batches} batches of ${r.batch})`);
      await context.close();
    }
    if (texts['sample-000.txt']) {
      if (ONLY.includes('warm')) {
        const { context, page } = await fresh();
        await load(page, 'sample-000.txt');
        const r = await page.evaluate(() => window.__medianCheck(window.__text));
        out('check_000_ms', r.ms, `check samples/000 (${Buffer.byteLength(texts['sample-000.txt'])} bytes): median ${r.ms.toFixed(3)} ms (${r.batches} batches of ${r.batch})`);
        await context.close();
      }
      if (ONLY.includes('memory')) {
        // Memory: a page that has only checked the 20 KB report at start, then sample 000 once.
        const { context, page } = await fresh();
        await load(page, 'sample-000.txt');
        const m = await page.evaluate(() => {
          const before = window.__memory();
          const findings = window.__engine.check(window.__text).findings.length;
          return { before, after: window.__memory(), findings };
        });
        out('memory_000_bytes', m.after,
          `wasm memory, samples/000: ${(m.after / 2 ** 20).toFixed(2)} MiB peak (${(m.before / 2 ** 20).toFixed(2)} MiB after start-up; ${m.findings} findings)`);
        await context.close();
      }
    }
    if (ONLY.includes('memory')) {
      // A 10 MB text, `unit` repeated, checked once in a fresh page.
      const tenMegabytes = async (unit, what, key) => {
        const { context, page } = await fresh();
        const copies = Math.ceil(10_000_000 / (Buffer.byteLength(unit) + 1));
        const m = await page.evaluate(([unit, n]) => {
          const text = Array(n).fill(unit).join('\n');
          const bytes = new TextEncoder().encode(text).length;
          const before = window.__memory();
          const t0 = performance.now();
          const findings = window.__engine.check(text).findings.length;
          const ms = performance.now() - t0;
          return { bytes, before, after: window.__memory(), findings, ms };
        }, [unit, copies]);
        out(`${key}_bytes`, m.after,
          `wasm memory, ${(m.bytes / 1e6).toFixed(1)} MB ${what}: ${(m.after / 2 ** 20).toFixed(1)} MiB peak = ${(m.after / m.bytes).toFixed(2)}× the text's UTF-8 bytes (${m.findings} findings in ${m.ms.toFixed(0)} ms)`);
        results[`${key}_text_bytes`] = m.bytes;
        await context.close();
      };
      // Issue 17: 100,000 《 on one line (300 KB), one place each, in a fresh page: the
      // peak and the growth over start-up, both against the text.
      {
        const { context, page } = await fresh();
        const m = await page.evaluate(() => {
          const text = `关于${'《'.repeat(100_000)}的报告`;
          const bytes = new TextEncoder().encode(text).length;
          const before = window.__memory();
          const t0 = performance.now();
          const r = window.__engine.check(text);
          const ms = performance.now() - t0;
          const places = r.findings.reduce((n, f) => n + (f.places ?? (f.occurrences?.length || 1)), 0);
          return { bytes, before, after: window.__memory(), findings: r.findings.length, places, ms };
        });
        out('memory_long_line_bytes', m.after,
          `wasm memory, 100,000 《 on one line (${m.bytes} bytes): ${(m.after / 2 ** 20).toFixed(2)} MiB peak = ${(m.after / m.bytes).toFixed(2)}× the text; `
          + `${((m.after - m.before) / 2 ** 20).toFixed(2)} MiB over start-up (${(m.before / 2 ** 20).toFixed(2)} MiB) = ${((m.after - m.before) / m.bytes).toFixed(2)}× (${m.findings} findings, ${m.places} places, in ${m.ms.toFixed(0)} ms)`);
        results.memory_long_line_before_bytes = m.before;
        await context.close();
      }
      await tenMegabytes(report20k, 'text (the made-up report repeated: a finding every 57 bytes)', 'memory_10mb');
      if (allSamples) await tenMegabytes(allSamples, 'text (the samples repeated)', 'memory_10mb_samples');
    }
  } finally {
    await browser.close();
    server.close();
    other?.server.close();
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
}

main().catch((err) => die(err.stack || String(err)));
