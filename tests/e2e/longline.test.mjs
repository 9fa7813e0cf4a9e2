// End-to-end test of very long lines in the highlight mirror (www/widget/highlight.js,
// LONG_LINE; issue 17): a line of over LONG_LINE characters is not copied into the mirror,
// whose block for it takes the line's height in the textarea, so the highlights after it stay
// aligned; its findings are listed, the bar says why they are not painted; 100,000 《 on one
// line loads, and a key in it costs the widget about what it costs a bare textarea beside it
// (before: minutes to load, then the mirror laid the whole line out again at every key).
// node --test tests/e2e/longline.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './helpers.mjs';

// Attaches the widget to a new textarea (#long-ta) of the embedding example, with `text`, and
// waits for its first findings.
async function attachWith(page, text) {
  await page.evaluate(async (text) => {
    const { attach } = await import('./report-check.js');
    const ta = document.createElement('textarea');
    ta.id = 'long-ta';
    ta.spellcheck = false;
    ta.style.cssText = 'width: 600px; height: 260px; font-size: 16px; line-height: 1.8;';
    document.body.prepend(ta);
    ta.value = text;
    window.longApi = attach(ta, { debounce: 0, keep: false });
    await new Promise((resolve) => window.longApi.addEventListener('findings', resolve, { once: true }));
  }, text);
}

test('a line too long for the mirror: its findings are listed, not painted; the highlights after it stay aligned', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
  const LONG = await page.evaluate(async () => (await import('./widget/highlight.js')).LONG_LINE);
  // A half-width comma before and after a line of 《 longer than the limit (itself a finding).
  const head = '我县,开展自评。\n';
  const long = '关于'.concat('《'.repeat(LONG + 2000), '的报告');
  const tail = '\n现将有关情况,报告如下。\n';
  await attachWith(page, head + long + tail);
  const state = await page.evaluate(([headLen, longLen]) => {
    const m = window.longApi.controller.mirror;
    const ta = document.getElementById('long-ta');
    const drawn = m.drawnSpans();
    const inLong = window.longApi.findings.filter((f) => f.start >= headLen && f.start < headLen + longLen);
    const bar = [...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)
      .flatMap((r) => [...r.querySelectorAll('.notice')]).map((n) => n.textContent).find((s) => s.includes('太长'));
    return { drawn: drawn.map((d) => [d.start, d.end, d.text]), inLong: inLong.length, note: bar || '',
      longLines: m.longLines, paintEnd: m.paintEnd };
  }, [head.length, long.length]);
  assert.deepEqual(state.longLines, [1]);
  assert.equal(state.paintEnd, Infinity, 'the textarea scrolls: the long line\'s height is known, the lines after it are painted');
  assert.ok(state.inLong > 0, 'the long line has findings (listed)');
  assert.ok(state.drawn.every(([s, e]) => e <= head.length || s >= head.length + long.length), `nothing painted in the long line: ${JSON.stringify(state.drawn)}`);
  assert.deepEqual(state.drawn.map((d) => d[2]), [',', ','], 'both commas painted');
  assert.match(state.note, /第 2 行太长（\d+ 字没有换行）/);

  // Pointing at the comma before the long line finds it (the long line has no character boxes
  // in the mirror; a search through it must not skip the text above), and at the one after it.
  const pointed = await page.evaluate(([before, after]) => {
    const m = window.longApi.controller.mirror;
    const ta = document.getElementById('long-ta');
    const at = (i) => {
      const [r] = m.rects(i, i + 1);
      return m.offsetAt((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    };
    ta.scrollTop = 0;
    m.syncScroll();
    const first = at(before);
    ta.scrollTop = ta.scrollHeight;
    m.syncScroll();
    const second = at(after);
    ta.scrollTop = 0;
    m.syncScroll();
    return [first, second];
  }, [head.indexOf(','), head.length + long.length + tail.indexOf(',')]);
  assert.deepEqual(pointed, [head.indexOf(','), head.length + long.length + tail.indexOf(',')]);

  // Aligned: the comma after the long line lies where a plain copy of the whole text, laid out
  // like the mirror, has it (the textarea's own layout), at the bottom of the scrolled text.
  const where = await page.evaluate(([at]) => {
    const ta = document.getElementById('long-ta');
    ta.scrollTop = ta.scrollHeight;
    ta.dispatchEvent(new Event('scroll'));
    const m = window.longApi.controller.mirror;
    m.syncScroll();
    const box = m.box;
    const [r] = m.rects(at, at + 1);
    const inMirror = r.top - (box.getBoundingClientRect().top - box.scrollTop);
    const ref = document.createElement('div');
    ref.style.cssText = box.style.cssText;
    for (const p of ['height', 'top', 'left', 'display']) ref.style.removeProperty(p);
    ref.style.setProperty('position', 'absolute');
    ref.style.setProperty('top', '0');
    ref.style.setProperty('left', '0');
    ref.style.setProperty('white-space', 'pre-wrap');
    // A textarea shows a line after a final line break; a block does when it holds a character.
    ref.textContent = `${ta.value}\u200b`;
    document.body.append(ref);
    const range = document.createRange();
    range.setStart(ref.firstChild, at);
    range.setEnd(ref.firstChild, at + 1);
    const inRef = range.getBoundingClientRect().top - ref.getBoundingClientRect().top;
    const refHeight = ref.getBoundingClientRect().height;
    ref.remove();
    return { inMirror, inRef, refHeight, taHeight: ta.scrollHeight, visible: r.bottom > ta.getBoundingClientRect().top };
  }, [head.length + long.length + tail.indexOf(',')]);
  assert.ok(Math.abs(where.inMirror - where.inRef) < 2, `the comma after the long line: ${where.inMirror} px in the mirror, ${where.inRef} px in the text (${JSON.stringify(where)})`);
  assert.ok(Math.abs(where.refHeight - where.taHeight) < 2, `the copy lays the text out as the textarea does: ${JSON.stringify(where)}`);

  // Typing in the long line keeps the lines after it aligned (the line grows by a row).
  await page.evaluate(([at]) => {
    const ta = document.getElementById('long-ta');
    ta.focus();
    ta.setSelectionRange(at, at);
    ta.setRangeText('的'.repeat(60), at, at, 'end');
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '的' }));
  }, [head.length + 100]);
  await page.waitForFunction(() => window.longApi.controller.checkedText === document.getElementById('long-ta').value);
  const after = await page.evaluate(() => {
    const m = window.longApi.controller.mirror;
    const drawn = m.drawnSpans().filter((d) => d.text === ',');
    const box = m.box;
    const last = drawn.at(-1);
    const top = last.rects[0].top - (box.getBoundingClientRect().top - box.scrollTop);
    const ta = document.getElementById('long-ta');
    const ref = document.createElement('div');
    ref.style.cssText = box.style.cssText;
    for (const p of ['height', 'top', 'left', 'display']) ref.style.removeProperty(p);
    Object.assign(ref.style, { position: 'absolute', top: '0', left: '0', whiteSpace: 'pre-wrap' });
    ref.textContent = ta.value;
    document.body.append(ref);
    const range = document.createRange();
    range.setStart(ref.firstChild, last.start);
    range.setEnd(ref.firstChild, last.end);
    const expected = range.getBoundingClientRect().top - ref.getBoundingClientRect().top;
    ref.remove();
    return { top, expected, n: drawn.length };
  });
  assert.equal(after.n, 2);
  assert.ok(Math.abs(after.top - after.expected) < 2, `after typing in the long line: ${JSON.stringify(after)}`);

  // Going to the long line's finding scrolls the textarea to about where it is (no tip: the
  // line is not laid out in the mirror, so its text has no rectangles there).
  const went = await page.evaluate(([from, to]) => {
    const c = window.longApi.controller;
    const ta = document.getElementById('long-ta');
    ta.scrollTop = 0;
    const i = c.findings.findIndex((f) => f.start >= from && f.start < to);
    c.reveal(i);
    const f = c.findings[i];
    const selection = [ta.selectionStart, ta.selectionEnd];
    // The middle of the long line.
    const mid = Math.floor((from + to) / 2);
    c.scrollToSpan(mid, mid + 1);
    return { scrollTop: ta.scrollTop, selection, span: [f.start, f.end], rects: c.mirror.rects(f.start, f.end).length,
      expected: c.mirror.longLineTop(mid) - ta.clientHeight / 2, half: c.mirror.lineTop(1) + c.mirror.lines[1].offsetHeight / 2 - ta.clientHeight / 2 };
  }, [head.length, head.length + long.length]);
  assert.deepEqual(went.selection, went.span);
  assert.equal(went.rects, 0);
  assert.ok(Math.abs(went.scrollTop - went.expected) <= 1 && Math.abs(went.scrollTop - went.half) < 100, JSON.stringify(went));

  // The long line gone: painted in full again, no note.
  await page.evaluate(() => { window.longApi.controller.value = '我县,开展自评。'; });
  await page.waitForFunction(() => window.longApi.controller.checkedText === '我县,开展自评。');
  const back = await page.evaluate(() => ({ longLines: window.longApi.controller.mirror.longLines, drawn: window.longApi.controller.mirror.drawnSpans().length,
    note: window.longApi.controller.paintNote() }));
  assert.deepEqual(back, { longLines: [], drawn: 1, note: '' });

  // A line of 2,000 characters stays in the mirror, unless it holds a run of trimmed marks
  // (which lay out several times slower).
  const prose = `我县,开展自评${'，持续加大投入'.repeat(285)}。`;
  for (const [text, longLines] of [[prose, []], [`${prose.slice(0, 1000)}${'《'.repeat(1000)}`, [0]]]) {
    await page.evaluate((text) => { window.longApi.controller.value = text; }, text);
    await page.waitForFunction((text) => window.longApi.controller.checkedText === text, text);
    const m = await page.evaluate(() => ({ longLines: window.longApi.controller.mirror.longLines, commas: window.longApi.controller.mirror.drawnSpans().filter((d) => d.text === ',').length }));
    assert.deepEqual(m, { longLines, commas: longLines.length ? 0 : 1 }, `${text.length} characters`);
  }
});

// Keys alternate between the widget's textarea and a bare one beside it (same size, text and
// text-spacing-trim), at the same places; each timed from its beforeinput event (Chromium then
// inserts the character and lays its textarea out) to the end of the next frame.
// (A time limit only so that a regression fails instead of taking minutes.)
test('100,000 《 on one line load, and a key in it costs the widget about what it costs a bare textarea', { timeout: 300_000 }, async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
  const text = `关于${'《'.repeat(100_000)}的报告`;
  // The bare textarea first (laid out as the widget lays its textarea out: untrimmed), to the
  // end of the frame that shows it.
  const bareLoad = await page.evaluate((text) => new Promise((resolve) => {
    const bare = document.createElement('textarea');
    bare.id = 'bare-ta';
    bare.spellcheck = false;
    bare.style.cssText = 'width: 600px; height: 260px; font-size: 16px; line-height: 1.8; text-spacing-trim: space-all;';
    document.body.prepend(bare);
    const t0 = performance.now();
    bare.value = text;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - t0);
      channel.port2.postMessage(0);
    });
  }), text);
  // The widget: attached to a textarea with that text, to its findings painted. Before: the
  // mirror (or the textarea, before the guard was set) laid the line out trimmed, for minutes.
  const t0 = Date.now();
  await attachWith(page, text);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const load = Date.now() - t0;
  const loaded = await page.evaluate(() => ({ findings: window.longApi.findings.length, note: window.longApi.controller.paintNote(),
    // The check itself (in the worker; the widget marks when it sends the text and gets the report).
    check: performance.getEntriesByName('report-check:received').at(-1).startTime - performance.getEntriesByName('report-check:sent').at(-1).startTime }));
  console.log(`# 100,000 《 on one line: the bare textarea shows it in ${bareLoad.toFixed(0)} ms, the widget its findings in ${load} ms (of which the check ${loaded.check.toFixed(0)} ms)`);
  assert.ok(loaded.findings > 0);
  assert.match(loaded.note, /第 1 行太长/);
  assert.ok(load - loaded.check <= 3 * bareLoad, `loading 100,000 《: widget ${load} ms (check ${loaded.check.toFixed(0)} ms), bare textarea ${bareLoad.toFixed(0)} ms`);
  await page.evaluate(() => {
    document.getElementById('long-ta').after(document.getElementById('bare-ta'));
    window.keyCost = (id, pos) => new Promise((resolve) => {
      const ta = document.getElementById(id);
      ta.focus();
      ta.setSelectionRange(pos, pos);
      let t0 = NaN;
      ta.addEventListener('beforeinput', (e) => { t0 = e.timeStamp; }, { once: true, capture: true });
      ta.addEventListener('input', () => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - t0);
        channel.port2.postMessage(0);
      }), { once: true, capture: true });
    });
  });
  const rows = [];
  for (let i = 0; i < 8; i++) {
    const pos = 2 + Math.floor(((i * 37) % 97) / 97 * 100_000);
    const row = {};
    for (const id of i % 2 ? ['long-ta', 'bare-ta'] : ['bare-ta', 'long-ta']) {
      await page.evaluate(([id, pos]) => { window.pending = window.keyCost(id, pos); }, [id, pos]);
      await page.keyboard.type('的');
      row[id] = await page.evaluate(() => window.pending);
      if (id === 'long-ta') await page.waitForFunction(() => window.longApi.controller.checkedText === document.getElementById('long-ta').value, null, { timeout: 60_000 });
      await page.waitForTimeout(30);
    }
    rows.push(row);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bare = median(rows.map((r) => r['bare-ta']));
  const widget = median(rows.map((r) => r['long-ta']));
  const excess = median(rows.map((r) => r['long-ta'] - r['bare-ta']));
  console.log(`# a key in 100,000 《: bare textarea ${bare.toFixed(0)} ms, widget ${widget.toFixed(0)} ms (median of ${rows.length}; excess ${excess.toFixed(0)} ms)`);
  // Before: the widget's mirror laid the whole line out again at each key, as long again as
  // the textarea's own layout of it and more. Now: at most half the bare cost and a frame more.
  assert.ok(excess <= 0.5 * bare + 17, `a key in 100,000 《: widget ${widget.toFixed(0)} ms, bare ${bare.toFixed(0)} ms: ${JSON.stringify(rows)}`);
});

test('a long line with no finding in it: no note that its findings are not painted', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
  const LONG = await page.evaluate(async () => (await import('./widget/highlight.js')).LONG_LINE);
  // A title, an opening with a half-width comma, a heading, then a plain sentence repeated
  // past the limit on one line (no finding in it but notes about the whole document, which
  // are never painted).
  const head = '某县人民政府关于履行教育职责情况的自评报告\n根据有关要求,现将自评情况报告如下。\n一、主要工作情况\n';
  const long = '全县统筹城乡教育资源，推进集团化办学，群众满意度进一步提升'.repeat(Math.ceil(LONG / 29) + 10);
  await attachWith(page, `${head}${long}。\n`);
  await page.evaluate(async () => { window.__spans = await import('./widget/spans.js'); });
  const state = await page.evaluate(([from, to]) => {
    const c = window.longApi.controller;
    const { isDocumentNote } = window.__spans;
    return { longLines: c.mirror.longLines, inLong: c.findings.filter((f) => !isDocumentNote(f) && f.end > from && f.start < to).length,
      note: c.paintNote(), drawn: c.mirror.drawnSpans().map((d) => d.text) };
  }, [head.length, head.length + long.length]);
  assert.deepEqual(state.longLines, [3]);
  assert.equal(state.inLong, 0, 'no finding in the long line');
  assert.deepEqual(state.drawn, [',']);
  assert.equal(state.note, '');
});
