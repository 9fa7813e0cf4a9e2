// End-to-end test of the long-run guard of the highlight mirror (www/widget/highlight.js,
// TRIMMED_RUN): while the text holds a long run of full-width marks, the textarea and its
// mirror lay them out at full width (text-spacing-trim: space-all), since Chromium re-lays
// out a trimmed run of 10,000 《 in the mirror for over a second a key (issue 17); the
// textarea's own style comes back when the run is gone, and a key stays fast.
// node --test tests/e2e/trim.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './helpers.mjs';

test('a long run of full-width marks is laid out untrimmed in the textarea and its mirror, and typing stays fast', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
  const trim = () => page.evaluate(() => {
    const ta = document.getElementById('trim-ta');
    // The mirror placed over this textarea (the page's own widget has another).
    const at = ta.getBoundingClientRect();
    const mirror = [...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)
      .flatMap((r) => [...r.querySelectorAll('.mirror')])
      .find((m) => { const b = m.getBoundingClientRect(); return Math.abs(b.top - at.top) < 1 && Math.abs(b.left - at.left) < 1; });
    return { ta: getComputedStyle(ta).getPropertyValue('text-spacing-trim'), inline: ta.style.getPropertyValue('text-spacing-trim'),
      mirror: mirror ? getComputedStyle(mirror).getPropertyValue('text-spacing-trim') : 'none' };
  });
  await page.evaluate(async () => {
    const { attach } = await import('./report-check.js');
    const ta = document.createElement('textarea');
    ta.id = 'trim-ta';
    ta.style.cssText = 'width: 600px; height: 260px; text-spacing-trim: trim-start;';
    document.body.prepend(ta);
    ta.value = '我县开展自评，现将有关情况报告如下。';
    window.trimApi = attach(ta, { debounce: 0, keep: false });
    await new Promise((resolve) => window.trimApi.addEventListener('findings', resolve, { once: true }));
    // The mirror is placed over its textarea at the next frame (Controller.layout); on a busy
    // machine the first findings can come before it.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  });
  assert.deepEqual(await trim(), { ta: 'trim-start', inline: 'trim-start', mirror: 'trim-start' });

  // 10,000 《 on one line: both untrimmed; a key is echoed within a few frames.
  await page.evaluate(() => { window.trimApi.controller.value = `关于${'《'.repeat(10_000)}的报告`; });
  await page.waitForFunction(() => document.getElementById('trim-ta').style.getPropertyValue('text-spacing-trim') === 'space-all');
  const before = await trim();
  assert.equal(before.ta, 'space-all');
  assert.equal(before.mirror, 'space-all');
  const ms = await page.evaluate(async () => {
    const ta = document.getElementById('trim-ta');
    ta.focus();
    ta.setSelectionRange(5000, 5000);
    const t0 = performance.now();
    ta.setRangeText('的', 5000, 5000, 'end');
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '的' }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  });
  // Before the guard: 1.2–2.5 s; with it about 30 ms (generous bound for a loaded machine).
  assert.ok(ms < 600, `a key in 10,000 《 took ${ms.toFixed(0)} ms`);

  // The run gone: the textarea's own value is back, and the mirror follows it.
  await page.evaluate(() => { window.trimApi.controller.value = '我县开展自评。'; });
  await page.waitForFunction(() => document.getElementById('trim-ta').style.getPropertyValue('text-spacing-trim') === 'trim-start');
  assert.deepEqual(await trim(), { ta: 'trim-start', inline: 'trim-start', mirror: 'trim-start' });
});
