// End-to-end test of embedding (www/report-check.js) in headless Chromium: attach() on the mock
// OA form of www/embed-example.html, the <report-check> element's events and `value`, and the
// headless check(). node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, screenshotPath, nextFrame, overlayDifference, MAX_INK_DIFFERENCE } from './helpers.mjs';

const ATTACHED = { host: '[data-report-check]', textarea: 'textarea[name="body"]' };

test('embedding report-check', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  const scratch = await env.newPage();
  await page.bringToFront();

  await t.test('attach() adds highlights and a list to an existing textarea', async () => {
    await page.goto(`${env.url}embed-example.html`);
    const original = await page.evaluate(() => document.querySelector('textarea[name="body"]').defaultValue);
    await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
    const state = await page.evaluate(() => {
      const ta = document.querySelector('textarea[name="body"]');
      const host = document.querySelector('[data-report-check]');
      return {
        value: ta.value,
        parent: ta.parentElement.id,
        formControls: [...document.getElementById('draft').elements].map((e) => e.name || e.type),
        items: host.shadowRoot.querySelectorAll('li.item').length,
        findings: window.reportCheck.findings.map((f) => ({ ...f })),
        listColour: getComputedStyle(host.shadowRoot.querySelector('h3')).color,
        mode: window.reportCheck.mode,
      };
    });
    assert.equal(state.value, original, 'attaching leaves the value alone');
    assert.equal(state.parent, 'draft', 'the textarea stays where it was');
    assert.deepEqual(state.formControls, ['title', 'docnum', 'body', 'submit', 'reset'], 'no form control added');
    assert.equal(state.items, state.findings.length);
    assert.notEqual(state.listColour, 'rgb(187, 0, 0)', "the host page's h3 colour does not leak into the widget");
    assert.equal(state.mode, 'highlight');
    const drawn = await page.evaluate(() => window.reportCheck.controller.mirror.drawnSpans());
    const notes = await page.evaluate(async (findings) => {
      const { isDocumentNote } = await import('./report-check.js');
      return findings.map(isDocumentNote);
    }, state.findings);
    for (const f of state.findings.filter((_, i) => !notes[i])) {
      for (const s of (f.occurrences && f.occurrences.length ? f.occurrences : [f])) {
        if (s.end === s.start) continue;
        const d = drawn.find((x) => x.start === s.start && x.end === s.end);
        assert.ok(d, `highlight for ${f.rule} at ${s.start}`);
        assert.equal(d.text, state.value.slice(s.start, s.end));
      }
    }
    const hostStyles = await page.evaluate(() => getComputedStyle(document.querySelector('.oa-actions button')).color);
    assert.equal(hostStyles, 'rgb(255, 255, 255)', "the widget's styles do not leak into the host page");
    const worst = await overlayDifference(page, scratch, ATTACHED);
    assert.ok(worst.share < MAX_INK_DIFFERENCE, `highlights off the textarea's text: ${JSON.stringify(worst)}`);
    await page.screenshot({ path: screenshotPath('embed.png'), fullPage: true });
  });

  await t.test('highlights follow the textarea when it is resized and scrolled', async () => {
    await page.evaluate(() => {
      const ta = document.querySelector('textarea[name="body"]');
      ta.style.height = '160px';
      ta.style.width = '70%';
    });
    await page.waitForTimeout(100);
    await nextFrame(page);
    await page.evaluate(() => { const ta = document.querySelector('textarea[name="body"]'); ta.scrollTop = ta.scrollHeight; });
    await nextFrame(page);
    const worst = await overlayDifference(page, scratch, ATTACHED);
    assert.ok(worst.share < MAX_INK_DIFFERENCE, `after resize and scroll: ${JSON.stringify(worst)}`);
    await page.evaluate(() => {
      const ta = document.querySelector('textarea[name="body"]');
      ta.style.removeProperty('height');
      ta.style.removeProperty('width');
      ta.scrollTop = 0;
    });
  });

  await t.test('typing, a fix and Ctrl+Z go through the textarea; the form submits exactly its fields', async () => {
    const ta = page.locator('textarea[name="body"]');
    await ta.click();
    await page.keyboard.press('Control+End');
    const found = page.evaluate(() => new Promise((r) => window.reportCheck.addEventListener('findings', () => r(), { once: true })));
    await page.keyboard.type('三、存在问题\n部分学校师资不足,需要补充。');
    await found;
    const before = await ta.inputValue();
    const fixable = await page.evaluate(() => window.reportCheck.findings.find((f) => f.suggestion != null && !f.occurrences));
    assert.ok(fixable, 'a fixable finding');
    await page.click(`[data-report-check] li.item[data-start="${fixable.start}"] .fix`);
    assert.equal(await ta.inputValue(), before.slice(0, fixable.start) + fixable.suggestion + before.slice(fixable.end));
    await page.keyboard.press('Control+z');
    assert.equal(await ta.inputValue(), before, 'undo through the host textarea');

    const expected = await page.evaluate(() => [...new FormData(document.getElementById('draft'))]);
    assert.deepEqual(expected.map(([k]) => k), ['title', 'docnum', 'body']);
    assert.equal(expected[2][1].replace(/\r\n/g, '\n'), before);
    const response = page.waitForResponse((r) => r.url().endsWith('/echo'));
    await page.click('button[type="submit"]');
    const received = await (await response).json();
    assert.deepEqual(received, expected.map(([k, v]) => [k, v.replace(/\r?\n/g, '\r\n')]), 'the server gets the form as without the widget');
  });

  await t.test('<report-check>: value property, change and findings events, profile attribute', async () => {
    await page.goto(env.url);
    await page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });
    const result = await page.evaluate(async () => {
      const { profiles } = await import('./report-check.js');
      const list = await profiles();
      const el = document.createElement('report-check');
      el.setAttribute('profile', list[0].id);
      el.style.height = '300px';
      const events = [];
      el.addEventListener('change', (e) => events.push(['change', e.detail.value]));
      const first = new Promise((r) => el.addEventListener('findings', (e) => { events.push(['findings', e.detail.findings.length]); r(e.detail); }, { once: true }));
      document.body.append(el);
      el.value = '我县计划于20xx年完成改造,成效显著。';
      const detail = await first;
      const again = new Promise((r) => el.addEventListener('findings', (e) => r(e.detail), { once: true }));
      const ta = el.shadowRoot.querySelector('textarea');
      ta.focus();
      ta.setSelectionRange(ta.value.length, ta.value.length);
      document.execCommand('insertText', false, '另有20xx项。');
      const second = await again;
      const out = { events, detail: { findings: detail.findings.length, summary: detail.summary, profile: detail.profile },
        second: second.findings.length, value: el.value, shadow: !!el.shadowRoot, lightChildren: el.children.length };
      el.remove();
      return out;
    });
    assert.ok(result.shadow, 'uses Shadow DOM');
    assert.equal(result.lightChildren, 0, 'adds nothing to the light DOM');
    assert.equal(result.value, '我县计划于20xx年完成改造,成效显著。另有20xx项。');
    assert.ok(result.events.some(([type, v]) => type === 'change' && v === result.value), `change event with the value: ${JSON.stringify(result.events)}`);
    assert.ok(result.detail.findings >= 2, `findings event: ${JSON.stringify(result.detail)}`);
    assert.equal(result.detail.summary.total, result.detail.findings);
    assert.ok(result.second > result.detail.findings, 'typing re-checks and fires findings again');
  });

  await t.test('a text set as a whole (value, a file) is checked at once, typing waits for a pause', async () => {
    const r = await page.evaluate(async () => {
      const { attach } = await import('./report-check.js');
      const ta = document.createElement('textarea');
      document.body.append(ta);
      // A pause longer than the test: only a check that does not wait for it can arrive.
      const api = attach(ta, { debounce: 600_000, list: false });
      const findings = () => new Promise((resolve) => api.addEventListener('findings', (e) => resolve(e.detail.findings.length), { once: true }));
      await findings(); // the check on attaching
      const typed = await Promise.race([
        findings().then(() => 'checked'),
        new Promise((resolve) => {
          ta.value = '计划于20xx年完成。';
          ta.dispatchEvent(new Event('input'));
          setTimeout(() => resolve('waiting'), 1500);
        }),
      ]);
      const next = findings();
      api.controller.value = '我县计划于20xx年完成改造,成效显著。';
      const whole = await Promise.race([next, new Promise((resolve) => setTimeout(() => resolve('no check'), 10_000))]);
      api.detach();
      ta.remove();
      return { typed, whole };
    });
    assert.equal(r.typed, 'waiting', 'typing is checked after the pause');
    assert.ok(r.whole >= 2, `setting value checks at once: ${JSON.stringify(r)}`);
  });

  await t.test('a newer check supersedes an older one: stale results are discarded', async () => {
    const r = await page.evaluate(async () => {
      const el = document.querySelector('report-check');
      const events = [];
      el.addEventListener('findings', (e) => events.push(e.detail.findings.length));
      el.value = '计划于20xx年完成。';
      const [older, newer] = await Promise.all([el.check(), el.check()]);
      el.value = '';
      await el.check();
      return { older, newer: newer && newer.findings.length, events };
    });
    assert.equal(r.older, null, 'the superseded check resolves to null and is not shown');
    assert.ok(r.newer > 0);
  });

  await t.test('headless check(text, profile) returns the wasm report', async () => {
    const r = await page.evaluate(async () => {
      const m = await import('./report-check.js');
      const [first] = await m.profiles();
      const report = await m.check('计划于20xx年完成。', first.id);
      const byDefault = await m.check('计划于20xx年完成。');
      let error = null;
      try { await m.check('x', 'no-such-profile'); } catch (e) { error = e.message; }
      return { report, byDefault, error, version: await m.version(), rules: (await m.rules()).length };
    });
    assert.ok(r.report.findings.some((f) => f.category === 'placeholder'), JSON.stringify(r.report));
    assert.deepEqual(r.byDefault, r.report);
    assert.ok(r.error, 'an unknown profile is an error');
    assert.match(r.version, /^\d+\.\d+\.\d+/);
    assert.ok(r.rules > 0);
  });

  await t.test('no request leaves the page origin, no CSP violation, nothing fails', () => {
    const foreign = env.requests.filter((u) => { try { const x = new URL(u); return x.origin !== env.origin && x.protocol !== 'blob:' && x.protocol !== 'data:'; } catch { return true; } });
    assert.deepEqual(foreign, [], 'requests to other origins');
    assert.deepEqual(env.problems, [], 'console errors, page errors or CSP violations');
  });
});
