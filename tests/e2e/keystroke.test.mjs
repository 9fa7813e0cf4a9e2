// End-to-end test of where a check runs after a key (www/widget/controller.js onPage, engine.js
// checkOnPage): a text whose last check was fast is checked on the page, synchronously at the
// key, so its highlights change in the key's own frame, and the findings list is built after
// they are painted; a large, slow or freshly pasted text still goes to the worker (time limit,
// abandonment). Both give the same report. node --test tests/e2e/keystroke.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './helpers.mjs';

// A short self-evaluation report written for this test: a half-width comma, a placeholder
// year, a document number in square brackets.
const REPORT = ['某县人民政府关于履行教育职责情况的自评报告', '', '市人民政府教育督导委员会：',
  '根据有关要求，我县对照评价指标逐项开展自评，现将有关情况报告如下。',
  '一、学前教育普及普惠工作情况',
  '（一）健全工作机制',
  '1.全县新建幼儿园12所,学前三年毛入园率达到91.5%。',
  '2.计划于20xx年底前完成公办园扩容，依据县教发[2023]15号文件执行。',
  '二、义务教育优质均衡工作情况',
  '全县统筹城乡资源，推进集团化办学，群众满意度进一步提升。',
  '', '某县人民政府', '2024年3月15日'].join('\n');

test('a keystroke is checked on the page when that is fast, in the worker otherwise', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });

  // A textarea of its own with debounce 0 (the check starts at the key), its first check done
  // (in the worker: nothing is known of the text yet) and the page's engine instantiated.
  const first = await page.evaluate(async (text) => {
    const { attach } = await import('./report-check.js');
    const { engine } = await import('./widget/engine.js');
    const ta = document.createElement('textarea');
    ta.style.cssText = 'width: 600px; height: 260px;';
    document.body.prepend(ta);
    ta.value = text;
    const api = attach(ta, { debounce: 0, keep: false });
    await new Promise((resolve) => api.addEventListener('findings', resolve, { once: true }));
    for (let i = 0; i < 250 && !engine().page; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    // What the widget had done by the end of each key's input event (its listener runs first).
    window.__atInput = [];
    ta.addEventListener('input', () => {
      const c = api.controller;
      window.__atInput.push({ checked: c.checkedText === ta.value, where: c.lastWhere, listStale: c.listStale });
    });
    window.__kt = { api, ta, engine: engine() };
    // A key typed by a script (the same path as a real key: an input event, debounce 0), and
    // the list's last entry (far from where the keys are typed).
    window.__key = (area, text, from, to = from) => {
      area.focus();
      area.setRangeText(text, from, to, 'end');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    };
    window.__lastEntry = (root) => [...root.querySelectorAll('li.item')].pop();
    return { where: api.controller.lastWhere, page: !!engine().page, findings: api.findings.length };
  }, REPORT);
  assert.equal(first.where, 'worker', 'a new text is checked in the worker');
  assert.ok(first.page, 'the engine is instantiated on the page after the first findings');
  assert.ok(first.findings > 0);

  const typeAt = async (pos, keys) => {
    await page.evaluate((p) => { window.__kt.ta.focus(); window.__kt.ta.setSelectionRange(p, p); window.__atInput.length = 0; }, pos);
    await page.keyboard.type(keys);
  };
  // Waits until the widget has checked the textarea's current text.
  const settled = () => page.waitForFunction(() => window.__kt.api.controller.checkedText === window.__kt.ta.value, null, { timeout: 20_000 });
  // Types (and checks) a character at a time until the last check was fast enough for the page
  // (a busy machine can slow one down, e.g. the worker's first).
  const fastNow = async () => {
    for (let i = 0; i < 20; i++) {
      await settled();
      // The widget's own prediction for a key typed now.
      const fast = await page.evaluate(() => {
        const { api, ta } = window.__kt;
        return api.controller.onPage(`${ta.value}的`, 1);
      });
      if (fast) return;
      await typeAt(0, '某');
    }
    assert.fail('no check was fast enough for the page in 20 tries');
  };

  await t.test('a short text: the key is checked at once on the page, the list follows the paint', async () => {
    await fastNow();
    const at = await page.evaluate(() => window.__kt.ta.value.indexOf('二、'));
    await typeAt(at, ',');
    const seen = await page.evaluate(() => window.__atInput);
    assert.deepEqual(seen, [{ checked: true, where: 'page', listStale: true }],
      'checked on the page before the key\'s input event ended; the list not yet rebuilt');
    // After the frame, the list shows the new findings.
    await page.waitForFunction(() => !window.__kt.api.controller.listStale);
    const state = await page.evaluate(() => ({
      items: window.__kt.api.element.shadowRoot.querySelectorAll('li.item').length,
      findings: window.__kt.api.findings.length,
      comma: window.__kt.api.findings.filter((f) => f.rule === 'format/half-width-punct').map((f) => f.start),
      value: window.__kt.ta.value,
    }));
    assert.equal(state.items, state.findings);
    assert.ok(state.comma.includes(at), `the half-width comma typed at ${at} is found: ${state.comma}`);
  });

  await t.test('the checks\' user timing marks do not pile up: one of each name, the last', async () => {
    await settled();
    const before = await page.evaluate(() => performance.getEntriesByName('report-check:sent').at(-1)?.startTime ?? -1);
    await typeAt(0, '某某某');
    await settled();
    const r = await page.evaluate(() => ['report-check:sent', 'report-check:received']
      .map((name) => performance.getEntriesByName(name)).map((list) => ({ n: list.length, at: list.at(-1)?.startTime ?? -1 })));
    for (const { n, at } of r) {
      assert.equal(n, 1, 'each check replaces the last mark of its name');
      assert.ok(at > before, 'the mark is the newest check\'s');
    }
  });

  await t.test('the page and the worker give the same report', async () => {
    const r = await page.evaluate(async () => {
      const { check } = await import('./report-check.js');
      const { api, ta } = window.__kt;
      const worker = await check(ta.value);
      return { where: api.controller.lastWhere, page: JSON.stringify(api.controller.report), worker: JSON.stringify(worker) };
    });
    assert.equal(r.where, 'page');
    assert.equal(r.page, r.worker);
  });

  await t.test('a click on the list before it is rebuilt acts on the same finding', async () => {
    await fastNow();
    await page.waitForFunction(() => !window.__kt.api.controller.listStale);
    const r = await page.evaluate(() => {
      const { api, ta } = window.__kt;
      const root = api.element.shadowRoot;
      // The last entry, as listed before the key.
      const target = window.__lastEntry(root);
      const was = { rule: target.dataset.rule, start: Number(target.dataset.start), end: Number(target.dataset.end) };
      window.__key(ta, '的', 1);
      const stale = api.controller.listStale;
      target.querySelector('.entry').click();
      return { stale, was, selection: [ta.selectionStart, ta.selectionEnd], after: api.controller.listStale,
        items: root.querySelectorAll('li.item').length, findings: api.findings.length };
    });
    assert.ok(r.stale, 'the list waits for the paint');
    assert.equal(r.after, false, 'the click brought the list up to date');
    assert.equal(r.items, r.findings);
    // The entry's finding, one character further on since the key: selected.
    assert.deepEqual(r.selection, [r.was.start + 1, r.was.end + 1]);
  });

  await t.test('focus on a stale entry shows the tip of the finding it lists', async () => {
    await fastNow();
    await page.waitForFunction(() => !window.__kt.api.controller.listStale);
    const r = await page.evaluate(() => {
      const { api, ta } = window.__kt;
      const root = api.element.shadowRoot;
      const target = window.__lastEntry(root);
      const listed = target.querySelector('.message').textContent;
      // A half-width comma in the title: a finding before every listed one, so each listed
      // entry's index now names the finding before it.
      window.__key(ta, ',', 2);
      const stale = api.controller.listStale;
      const moved = api.findings[Number(target.dataset.index)].message !== listed;
      target.querySelector('.entry').focus();
      const tip = root.querySelector('.tip .msg')?.textContent;
      window.__key(ta, '', 2, 3);
      return { stale, moved, listed, tip };
    });
    assert.ok(r.stale, 'the list waits for the paint');
    assert.ok(r.moved, 'the key shifted the findings under the entries');
    assert.equal(r.tip, r.listed);
  });

  await t.test('a click on a stale entry past those rebuilt at once still acts', async () => {
    await settled();
    const r = await page.evaluate(async () => {
      const { attach } = await import('./report-check.js');
      // 200 unfilled placeholders (one finding each): more entries than the list builds at once.
      const ta = document.createElement('textarea');
      ta.style.cssText = 'width: 600px; height: 200px;';
      document.body.prepend(ta);
      ta.value = '全县完成校舍改造xx所，投入资金xx万元。\n'.repeat(100);
      const api = attach(ta, { debounce: 0, keep: false });
      await new Promise((resolve) => api.addEventListener('findings', resolve, { once: true }));
      // The key must be checked on the page (a busy machine can slow a check past the frame
      // budget): checked again until the widget predicts that; then every entry is let build.
      for (let i = 0; i < 20 && !api.controller.onPage(`的${ta.value}`, 1); i++) await api.controller.runCheck();
      const root = api.element.shadowRoot;
      // Every entry built (the list is filled in slices after the first LIST_AT_ONCE).
      for (let i = 0; i < 500 && root.querySelectorAll('li.item').length < api.findings.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const target = window.__lastEntry(root);
      const was = { count: root.querySelectorAll('li.item').length, start: Number(target.dataset.start), end: Number(target.dataset.end) };
      window.__key(ta, '的', 0);
      const stale = api.controller.listStale;
      target.querySelector('.entry').click();
      const out = { was, stale, selection: [ta.selectionStart, ta.selectionEnd] };
      api.detach?.();
      ta.remove();
      return out;
    });
    assert.ok(r.was.count > 150, `${r.was.count} entries`);
    assert.ok(r.stale, 'the list waits for the paint');
    assert.deepEqual(r.selection, [r.was.start + 1, r.was.end + 1]);
  });

  await t.test('a paste goes to the worker', async () => {
    await settled();
    const pasted = '全县统筹城乡资源，推进集团化办学，优化学校布局，规范办学行为。'.repeat(10);
    await page.evaluate((p) => { window.__kt.ta.focus(); window.__kt.ta.setSelectionRange(p, p); window.__atInput.length = 0; }, REPORT.length - 20);
    await page.keyboard.insertText(pasted);
    await settled();
    const seen = await page.evaluate(() => window.__atInput);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].checked, false, 'not checked on the page');
    assert.equal(await page.evaluate(() => window.__kt.api.controller.lastWhere), 'worker');
  });

  await t.test('a key typed while the worker checks a paste goes to the worker too', async () => {
    await fastNow();
    const seen = await page.evaluate(() => {
      const { ta } = window.__kt;
      window.__atInput.length = 0;
      ta.focus();
      ta.setSelectionRange(0, ta.value.length);
      // The whole text replaced by another of the same length (nothing known of its check
      // time), then a key before its findings arrive.
      document.execCommand('insertText', false, '某'.repeat(ta.value.length));
      window.__key(ta, '的', 3);
      return window.__atInput.map((s) => s.checked);
    });
    assert.deepEqual(seen, [false, false], 'neither checked on the page');
    await settled();
    assert.equal(await page.evaluate(() => window.__kt.api.controller.lastWhere), 'worker');
    // Back to the report for what follows.
    await page.evaluate((text) => {
      const { ta } = window.__kt;
      ta.value = text;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }, REPORT);
  });

  await t.test('a text whose last check was slow goes to the worker', async () => {
    await settled();
    // As if the last check had taken 50 ms.
    await page.evaluate(() => {
      const { api, ta, engine } = window.__kt;
      engine.timings.set(api.controller.channel, { chars: ta.value.length, ms: 50, where: 'worker' });
    });
    await typeAt(12, '育');
    assert.equal((await page.evaluate(() => window.__atInput))[0].checked, false);
    await settled();
    assert.equal(await page.evaluate(() => window.__kt.api.controller.lastWhere), 'worker');
    // A check that alone fits in a frame, but not with the widget's own work for the key.
    const [alone, withOwn] = await page.evaluate(async () => {
      const { PAGE_KEY_MS } = await import('./widget/controller.js');
      const { api, ta, engine } = window.__kt;
      engine.timings.set(api.controller.channel, { chars: ta.value.length, ms: PAGE_KEY_MS - 1, where: 'worker' });
      engine.pageTimings.delete(api.controller.channel);
      api.controller.inputMs = 0;
      api.controller.applyMs = 0;
      const a = api.controller.onPage(`${ta.value}的`, 1);
      api.controller.applyMs = 5;
      return [a, api.controller.onPage(`${ta.value}的`, 1)];
    });
    assert.deepEqual([alone, withOwn], [true, false]);
    // The widget's choice for a key typed now, after a page check of `pageMs` (`age` ms ago)
    // and a worker check of `workerMs`, its own work taken as nothing.
    const predict = (cases) => page.evaluate((list) => {
      const { api, ta, engine } = window.__kt;
      const c = api.controller;
      c.inputMs = 0;
      c.applyMs = 0;
      return list.map(([pageMs, age, workerMs]) => {
        engine.pageTimings.set(c.channel, { chars: ta.value.length, ms: pageMs, where: 'page', at: performance.now() - age });
        engine.timings.set(c.channel, { chars: ta.value.length, ms: workerMs, where: 'worker' });
        return c.onPage(`${ta.value}的`, 1);
      });
    }, cases);
    // A worker check of 30 ms (the machine busy) after a page check of 2 ms: the page's
    // predicts; a worker check of 80 ms (the text itself slow) is believed.
    assert.deepEqual(await predict([[2, 0, 30], [2, 0, 80]]), [true, false]);
    // The page slower than the worker (a throttled or busy page): an 80 ms page check keeps the
    // keys in the worker even after a 5 ms worker check, until it is 5 s old.
    const [slowPage, retried] = await predict([[80, 0, 5], [80, 6000, 5]]);
    assert.deepEqual([slowPage, retried], [false, true]);
  });

  await t.test('a long text goes to the worker', async () => {
    const long = await page.evaluate(async (text) => {
      const { api, ta } = window.__kt;
      const done = new Promise((resolve) => api.addEventListener('findings', resolve, { once: true }));
      ta.value = text;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      await done;
      return ta.value.length;
    }, REPORT.repeat(Math.ceil(120_000 / REPORT.length)));
    assert.ok(long > 100_000);
    await typeAt(30, '的');
    assert.equal((await page.evaluate(() => window.__atInput))[0].checked, false);
    await settled();
    assert.equal(await page.evaluate(() => window.__kt.api.controller.lastWhere), 'worker');
  });

  await t.test('nothing failed', () => {
    assert.deepEqual(env.problems, []);
  });
});
