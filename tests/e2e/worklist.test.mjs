// Working through the list (issue 18, the drafter's page and the integrator's widget), in
// headless Chromium: a rule switched off from its entry is kept with the profile; 忽略 is kept
// per document across reloads and can be seen and undone; a fix is accepted from the inline
// tooltip (button or Alt+Enter); at 800 px and at 200 % zoom an entry's click brings its text
// into view with the counts and 上一处/下一处 in reach; the embedded widget never covers the
// host form's submit button at 800, 1024 and 1366 px. node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, nextFrame, screenshotPath } from './helpers.mjs';

// A made-up 自评报告 with known problems: half-width commas between Chinese characters
// (format/half-width-punct, fixable), 20xx年 (a placeholder), “…“ (a bracket), [2023]
// in a 发文字号. Filler paragraphs make the editor and the list scroll.
const FILLER = Array.from({ length: 30 }, (_, i) =>
  `${i + 1}.第${i + 1}项工作有序开展。全县中小学校持续完善课后服务和家校协同机制，`
  + `组织骨干教师送教下乡${8 + i}次，惠及学生${900 + 13 * i}人次，群众满意度稳步提升。`);
const title = (t) => `${t}履行教育职责自评报告`;
const reportText = (name = '松林县') => [
  title(name),
  '',
  '根据《关于开展2023年度履行教育职责评价工作的通知》（市教督〔2023〕7号）要求，现将自评情况报告如下。',
  '一、总体情况',
  '我县坚持“教育优先“发展战略,计划于20xx年完成全部校舍改造。',
  '（一）重点工作',
  ...FILLER,
  '二、存在问题',
  '部分农村学校师资配备不足,音体美教师短缺,依据《松林县教育发展规划》（松政办[2023]9号）逐步解决。',
  '',
  '松林县教育局',
  '2024年3月8日',
].join('\n');

const checker = 'report-check';

async function paste(page, text) {
  return page.evaluate((text) => new Promise((resolve) => {
    const el = document.querySelector('report-check');
    el.addEventListener('findings', (e) => resolve(JSON.parse(JSON.stringify(e.detail))), { once: true });
    const ta = el.shadowRoot.querySelector('textarea');
    ta.focus();
    ta.select();
    document.execCommand('insertText', false, text);
  }), text);
}

const nextFindings = (page) => page.evaluate(() => new Promise((resolve) => {
  document.querySelector('report-check').addEventListener('findings', (e) => resolve(JSON.parse(JSON.stringify(e.detail))), { once: true });
}));

// The page after a reload: the draft is back and checked.
async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });
  await page.waitForFunction(() => {
    const el = document.querySelector('report-check');
    return el.controller && el.controller.report && el.controller.checkedText === el.value && !el.controller.pending;
  }, null, { timeout: 20_000 });
  return page.evaluate(() => JSON.parse(JSON.stringify(document.querySelector('report-check').controller.detail())));
}

const value = (page) => page.evaluate(() => document.querySelector('report-check').value);

test('working through the list', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(env.url);
  await page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });

  await t.test('a rule switched off from its entry stays off with its profile, across a reload, until switched on', async () => {
    const detail = await paste(page, reportText());
    const profile = detail.profile || await page.evaluate(() => document.getElementById('profile').value);
    const rule = 'format/half-width-punct';
    const before = detail.findings.filter((f) => f.rule === rule);
    assert.ok(before.length > 0, `findings of ${rule}: ${detail.findings.map((f) => f.rule).join(' ')}`);
    const others = detail.findings.filter((f) => f.rule !== rule).length;
    const rechecked = nextFindings(page);
    await page.click(`${checker} li.item[data-rule="${rule}"] .rule-off`);
    const after = await rechecked;
    assert.ok(!after.findings.some((f) => f.rule === rule), 'the rule is off');
    assert.equal(after.findings.length, others, 'the other findings stay');
    assert.deepEqual(after.rulesOff, [rule]);
    assert.equal(await page.locator(`${checker} li.item[data-rule="${rule}"]`).count(), 0, 'its entries are gone');

    const reloaded = await reload(page);
    assert.deepEqual(reloaded.rulesOff, [rule], 'kept across a reload');
    assert.ok(!reloaded.findings.some((f) => f.rule === rule), 'still off after a reload');
    assert.ok(reloaded.findings.length > 0, 'the other rules still run');
    // Listed, with its description, under 已关闭的规则.
    await page.click(`${checker} .kept details.rules-off summary`);
    const listed = await page.locator(`${checker} .kept .rules-off li[data-rule="${rule}"]`).textContent();
    assert.ok(listed.includes(rule), listed);

    // Kept with the profile: another profile has the rule on.
    const other = await page.evaluate((p) => [...document.getElementById('profile').options].map((o) => o.value).find((v) => v && v !== p), profile);
    assert.ok(other, 'a second profile');
    let next = nextFindings(page);
    await page.selectOption('#profile', other);
    const withOther = await next;
    assert.ok(withOther.findings.some((f) => f.rule === rule), `on in ${other}`);
    assert.deepEqual(withOther.rulesOff, []);
    next = nextFindings(page);
    await page.selectOption('#profile', profile);
    assert.ok(!(await next).findings.some((f) => f.rule === rule), `off again in ${profile}`);

    // 开启 switches it back on (and that is kept too).
    next = nextFindings(page);
    await page.click(`${checker} .kept .rules-off li[data-rule="${rule}"] .rule-on`);
    const on = await next;
    assert.equal(on.findings.filter((f) => f.rule === rule).length, before.length, 'back on');
    assert.deepEqual((await reload(page)).rulesOff, []);
  });

  await t.test('a switched-off rule the engine no longer has is dropped, not a broken check', async () => {
    const detail = await paste(page, reportText());
    const profile = detail.profile || await page.evaluate(() => document.getElementById('profile').value) || 'self-evaluation';
    const rule = 'format/half-width-punct';
    // As an older version kept it: a rule since renamed, beside one that exists.
    await page.evaluate(([profile, rule]) => {
      const d = JSON.parse(localStorage.getItem('report-check:prefs') || '{}');
      d.rulesOff = { ...(d.rulesOff || {}), [profile]: ['structure/no-such-rule', rule] };
      d.ignores = d.ignores || {};
      localStorage.setItem('report-check:prefs', JSON.stringify(d));
    }, [profile, rule]);
    const reloaded = await reload(page);
    assert.equal(await page.evaluate(() => document.querySelector('report-check').controller.error), '', 'the check ran');
    assert.deepEqual(reloaded.rulesOff, [rule], 'the unknown id is dropped');
    assert.ok(!reloaded.findings.some((f) => f.rule === rule), 'the known one stays off');
    assert.ok(reloaded.findings.length > 0, 'the other rules run');
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('report-check:prefs')).rulesOff);
    assert.deepEqual(Object.values(kept).flat().filter((r) => r === 'structure/no-such-rule'), [], 'and forgotten');
    // Back on, as the next test expects.
    const next = nextFindings(page);
    await page.click(`${checker} .kept details.rules-off summary`);
    await page.click(`${checker} .kept .rules-off li[data-rule="${rule}"] .rule-on`);
    await next;
  });

  await t.test('no check while an input method composes; one when the characters are in', async () => {
    await paste(page, reportText());
    const ta = page.locator(`${checker} textarea`);
    await ta.focus();
    await page.evaluate(() => {
      const ta = document.querySelector('report-check').shadowRoot.querySelector('textarea');
      ta.setSelectionRange(ta.value.length, ta.value.length);
    });
    const seq = () => page.evaluate(() => document.querySelector('report-check').controller.seq);
    const before = await seq();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'jiao', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.imeSetComposition', { text: 'jiaoyu', selectionStart: 6, selectionEnd: 6 });
    await page.waitForTimeout(600); // past the debounce (150 ms and 1 ms per 4,000 chars)
    assert.equal(await seq(), before, 'nothing checked with the pinyin in the text');
    assert.ok((await value(page)).endsWith('jiaoyu'), 'the composition is in the textarea');
    const checked = nextFindings(page);
    await cdp.send('Input.insertText', { text: '教育' });
    await checked;
    assert.ok(await seq() > before, 'checked once the characters are in');
    assert.ok((await value(page)).endsWith('教育'), await value(page));
    await cdp.detach();
  });

  await t.test('忽略 is kept per document across a reload; 已忽略 lists it and 恢复 undoes it', async () => {
    const detail = await paste(page, reportText());
    const f = detail.findings.find((g) => g.category === 'placeholder');
    assert.ok(f, 'a placeholder finding');
    const n = detail.findings.length;
    await page.click(`${checker} li.item[data-rule="${f.rule}"][data-start="${f.start}"] .ignore`);
    assert.equal(await page.locator(`${checker} li.item[data-rule="${f.rule}"][data-start="${f.start}"]`).count(), 0);
    // The count says what is left to work through.
    await page.waitForFunction((left) => document.querySelector('report-check').shadowRoot.querySelector('.shown-count').textContent === `共 ${left} 条`, n - 1, { timeout: 5000 })
      .catch(async () => assert.fail(`count after 忽略: ${await page.textContent(`${checker} .shown-count`)}, ${n - 1} left`));

    const reloaded = await reload(page);
    assert.equal(reloaded.ignored, 1, 'kept across a reload');
    assert.equal(reloaded.findings.length, n - 1);
    assert.ok(!reloaded.findings.some((g) => g.rule === f.rule && g.start === f.start), 'still ignored');
    // Seen under 已忽略, with the text it was about.
    await page.click(`${checker} .kept details.ignored summary`);
    const item = page.locator(`${checker} .kept .ignored li[data-rule="${f.rule}"]`);
    assert.ok((await item.textContent()).includes('20xx'), await item.textContent());

    // Another document (another title) with the same sentence: not ignored there.
    const elsewhere = await paste(page, reportText('柏树县'));
    assert.equal(elsewhere.ignored, 0, 'ignores belong to their document');
    assert.ok(elsewhere.findings.some((g) => g.rule === f.rule && g.message === f.message), 'shown in the other document');
    // Back to the first document: its ignore is there again.
    const back = await paste(page, reportText());
    assert.equal(back.ignored, 1);
    assert.ok(!back.findings.some((g) => g.rule === f.rule && g.start === f.start));

    // 恢复 undoes it, also after a reload (已忽略 stays open as the user left it).
    assert.equal(await page.locator(`${checker} .kept details.ignored`).getAttribute('open'), '');
    const restored = nextFindings(page);
    await page.click(`${checker} .kept .ignored li[data-rule="${f.rule}"] .unignore`);
    const r = await restored;
    assert.equal(r.ignored, 0);
    assert.ok(r.findings.some((g) => g.rule === f.rule && g.start === f.start), 'shown again');
    assert.equal((await reload(page)).ignored, 0, 'the undo is kept');
    assert.equal(await page.locator(`${checker} .kept`).isHidden(), true, 'nothing set aside: no 已忽略 box');
  });

  await t.test('a fix is accepted from the inline tooltip (its 修改 button, or Alt+Enter), and Ctrl+Z undoes it', async () => {
    const detail = await paste(page, reportText());
    const f = detail.findings.find((g) => g.suggestion != null && !g.occurrences && g.end > g.start);
    assert.ok(f, 'a fixable finding');
    const before = await value(page);
    const fixed = before.slice(0, f.start) + f.suggestion + before.slice(f.end);
    // Hover its text: the tip shows the advice and a 修改 button the pointer can reach.
    await page.evaluate(([start, end]) => {
      const el = document.querySelector('report-check');
      el.controller.scrollToSpan(start, end);
      el.shadowRoot.querySelector('textarea').blur();
    }, [f.start, f.end]);
    await nextFrame(page);
    const box = await page.evaluate(([start, end]) => {
      const b = document.querySelector('report-check').controller.mirror.rects(start, end)[0];
      return { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 };
    }, [f.start, f.end]);
    await page.mouse.move(box.x - 60, box.y - 60);
    await page.mouse.move(box.x, box.y);
    const button = page.locator(`${checker} .tip:not([hidden]) .tip-fix`);
    await button.waitFor({ state: 'visible' });
    assert.ok((await page.textContent(`${checker} .tip`)).includes(f.message));
    await page.screenshot({ path: screenshotPath('tooltip-fix.png') });
    const rechecked = nextFindings(page);
    await button.click(); // a real click: the pointer travels from the text to the button
    assert.equal(await value(page), fixed, 'fixed from the tooltip');
    assert.ok(!(await rechecked).findings.some((g) => g.rule === f.rule && g.start === f.start), 'the finding is gone');
    const undone = nextFindings(page);
    await page.keyboard.press('Control+z');
    assert.equal(await value(page), before, 'Ctrl+Z undoes the tooltip fix');
    await undone;

    // From the keyboard: the caret in the span, Alt+Enter.
    await page.evaluate((start) => {
      const ta = document.querySelector('report-check').shadowRoot.querySelector('textarea');
      ta.focus();
      ta.setSelectionRange(start, start);
    }, f.start);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.locator(`${checker} .tip:not([hidden]) .tip-fix`).waitFor({ state: 'visible' });
    await page.keyboard.press('Alt+Enter');
    assert.equal(await value(page), fixed, 'fixed with Alt+Enter');
    await page.keyboard.press('Control+z');
    assert.equal(await value(page), before);
    // No fix on a finding without a suggestion: Alt+Enter leaves the text alone.
    const plain = detail.findings.find((g) => g.suggestion == null && !g.occurrences && g.end > g.start && g.scope !== 'document');
    if (plain) {
      await page.evaluate((start) => document.querySelector('report-check').shadowRoot.querySelector('textarea').setSelectionRange(start, start), plain.start);
      await page.keyboard.press('Alt+Enter');
      assert.equal(await value(page), before, 'nothing written without a suggestion');
    }
  });

  await t.test('no request leaves the page origin, no CSP violation, nothing fails', () => {
    assert.deepEqual(env.problems, []);
  });
});

// At 800 px, and at 200 % zoom (a 1280×800 window zoomed to 200 % is 640×400 CSS pixels at
// two device pixels each), the list is under the editor: clicking an entry far down brings
// its text into view and selects it; the counts and 上一处/下一处 stay on screen and work.
test('narrow screens and zoom', async (t) => {
  const env = await setUp(t);
  for (const [name, viewport, deviceScaleFactor] of [['800 px', { width: 800, height: 700 }, 1], ['200 % zoom', { width: 640, height: 400 }, 2]]) {
    await t.test(`${name}: an entry's click shows and selects its text; counts and 上一处/下一处 in reach`, async () => {
      const context = await env.browser.newContext({ viewport, deviceScaleFactor });
      t.after(() => context.close());
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(env.url);
      await page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });
      assert.equal(await page.evaluate(() => devicePixelRatio), deviceScaleFactor);
      const detail = await paste(page, reportText());
      const ordered = [...detail.findings].filter((f) => f.scope !== 'document' && f.category !== 'section').sort((a, b) => a.start - b.start || a.end - b.end);
      const f = ordered[ordered.length - 1];
      const entry = page.locator(`${checker} li.item[data-rule="${f.rule}"][data-start="${f.start}"] .entry`);
      await entry.scrollIntoViewIfNeeded();
      await entry.click();
      await nextFrame(page);
      const inReach = async () => page.evaluate(([start, end]) => {
        const el = document.querySelector('report-check');
        const root = el.shadowRoot;
        const ta = root.querySelector('textarea');
        const b = ta.getBoundingClientRect();
        const view = { top: Math.max(0, b.top + ta.clientTop), bottom: Math.min(innerHeight, b.top + ta.clientTop + ta.clientHeight),
          left: b.left + ta.clientLeft, right: b.left + ta.clientLeft + ta.clientWidth };
        // A control is in reach when it is on screen and the topmost element at its centre.
        const reach = (sel) => {
          const node = root.querySelector(sel);
          const r = node.getBoundingClientRect();
          const x = (r.left + r.right) / 2;
          const y = (r.top + r.bottom) / 2;
          return r.width > 0 && y >= 0 && y <= innerHeight && x >= 0 && x <= innerWidth && root.elementFromPoint(x, y)?.closest(sel) === node;
        };
        const rects = el.controller.mirror.rects(start, Math.max(end, start + 1)).map(({ top, bottom, left, right }) => ({ top, bottom, left, right }));
        const bar = root.querySelector('.bar').getBoundingClientRect();
        return {
          selection: [ta.selectionStart, ta.selectionEnd],
          focused: root.activeElement === ta,
          view, rects, barBottom: bar.bottom,
          counts: reach('.counts'), prev: reach('.prev'), next: reach('.next'),
        };
      }, [f.start, f.end]);
      const s = await inReach();
      await page.screenshot({ path: screenshotPath(`narrow-${viewport.width}x${deviceScaleFactor}.png`) });
      assert.deepEqual(s.selection, [f.start, f.end], 'the entry selects its text');
      assert.ok(s.focused, 'the editor has the focus');
      assert.ok(s.rects.length > 0);
      for (const r of s.rects) {
        assert.ok(r.top >= s.view.top - 0.5 && r.bottom <= s.view.bottom + 0.5 && r.top >= s.barBottom - 0.5,
          `the text is in view, not under the bar: ${JSON.stringify(r)} in ${JSON.stringify(s.view)}, bar to ${s.barBottom}`);
      }
      assert.ok(s.counts && s.prev && s.next, `counts ${s.counts}, 上一处 ${s.prev}, 下一处 ${s.next} in reach`);
      // 上一处 goes to the finding before it (a real click on the button).
      const prevF = ordered[ordered.length - 2];
      await page.click(`${checker} .prev`);
      await nextFrame(page);
      const p = await inReach.call(null);
      assert.ok(p.prev && p.next, 'still in reach');
      const sel = await page.evaluate(() => { const ta = document.querySelector('report-check').shadowRoot.querySelector('textarea'); return [ta.selectionStart, ta.selectionEnd]; });
      assert.deepEqual(sel, [prevF.start, prevF.end], '上一处 selects the previous finding');
      assert.deepEqual(errors, []);
    });
  }
});

// The embedded widget (embed-example.html: attach() on an OA form) stays inside its box and
// never covers the host's controls: a real click reaches 提交审批 and the form is submitted.
test('the embedded widget fits the host page', async (t) => {
  const env = await setUp(t);
  for (const width of [800, 1024, 1366]) {
    await t.test(`${width} px: the widget stays in its box; 提交审批 submits the form`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height: 768 } });
      t.after(() => context.close());
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${env.url}embed-example.html`);
      await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
      const geometry = await page.evaluate(() => {
        const host = document.querySelector('[data-report-check]');
        const h = host.getBoundingClientRect();
        const rect = (r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
        const parts = [...host.shadowRoot.querySelectorAll('.bar, .panel, .list-tools, .kept')].filter((n) => n.getClientRects().length).map((n) => rect(n.getBoundingClientRect()));
        const form = document.getElementById('draft').getBoundingClientRect();
        const actions = document.querySelector('.oa-actions').getBoundingClientRect();
        return { host: rect(h), parts, form: rect(form), actions: rect(actions), scrollWidth: document.documentElement.scrollWidth, innerWidth };
      });
      for (const p of geometry.parts) {
        assert.ok(p.top >= geometry.host.top - 0.5 && p.bottom <= geometry.host.bottom + 0.5 && p.left >= geometry.host.left - 0.5
          && p.right <= geometry.host.right + 0.5, `inside its box: ${JSON.stringify(p)} in ${JSON.stringify(geometry.host)}`);
      }
      const overlaps = !(geometry.host.bottom <= geometry.actions.top || geometry.host.top >= geometry.actions.bottom
        || geometry.host.right <= geometry.actions.left || geometry.host.left >= geometry.actions.right);
      assert.ok(!overlaps, `the widget ${JSON.stringify(geometry.host)} does not cover the buttons ${JSON.stringify(geometry.actions)}`);
      assert.ok(geometry.host.right <= geometry.form.right + 0.5 && geometry.host.left >= geometry.form.left - 0.5, 'within the form\'s width');
      assert.ok(geometry.scrollWidth <= geometry.innerWidth, 'no sideways scrolling');
      const body = await page.evaluate(() => document.querySelector('textarea[name="body"]').value);
      const response = page.waitForResponse((r) => r.url().endsWith('/echo'));
      // A real click (Playwright clicks only what is on top at that point).
      await page.getByRole('button', { name: '提交审批' }).click({ timeout: 5000 });
      const received = await (await response).json();
      assert.deepEqual(received.map(([k]) => k), ['title', 'docnum', 'body'], 'the form was submitted');
      assert.equal(received[2][1].replace(/\r\n/g, '\n'), body);
      assert.deepEqual(errors, []);
    });
  }

  // The same on the rich-text examples (attach(editor) after the editor's own box), at the
  // narrowest width.
  const contents = {
    'rich-tinymce.html': (page) => page.frameLocator('iframe').locator('body'),
    'rich-wangeditor.html': (page) => page.locator('[data-slate-editor]'),
    'rich-quill.html': (page) => page.locator('.ql-editor'),
  };
  for (const [example, content] of Object.entries(contents)) {
    await t.test(`${example} at 800 px: the widget stays in its box; 提交审批 submits the form`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 800, height: 768 } });
      t.after(() => context.close());
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${env.url}${example}`);
      await page.waitForFunction(() => window.reportCheck && window.editor, null, { timeout: 20_000 });
      // A drafter types a paragraph with findings.
      await content(page).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('部分学校师资不足,需要补充,经费为xx万元。');
      await page.waitForFunction(() => window.reportCheck.findings.length > 1, null, { timeout: 20_000 });
      await nextFrame(page);
      const geometry = await page.evaluate(() => {
        const host = document.querySelector('[data-report-check]');
        const rect = (r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
        const parts = [...host.shadowRoot.querySelectorAll('.bar, .panel, .list-tools, .kept')].filter((n) => n.getClientRects().length).map((n) => rect(n.getBoundingClientRect()));
        return { host: rect(host.getBoundingClientRect()), parts, actions: rect(document.querySelector('.oa-actions').getBoundingClientRect()),
          form: rect(document.getElementById('draft').getBoundingClientRect()), scrollWidth: document.documentElement.scrollWidth, innerWidth };
      });
      assert.ok(geometry.parts.length > 0);
      for (const p of geometry.parts) {
        assert.ok(p.top >= geometry.host.top - 0.5 && p.bottom <= geometry.host.bottom + 0.5 && p.left >= geometry.host.left - 0.5
          && p.right <= geometry.host.right + 0.5, `inside its box: ${JSON.stringify(p)} in ${JSON.stringify(geometry.host)}`);
      }
      assert.ok(geometry.host.bottom <= geometry.actions.top || geometry.host.top >= geometry.actions.bottom,
        `the widget ${JSON.stringify(geometry.host)} does not cover the buttons ${JSON.stringify(geometry.actions)}`);
      assert.ok(geometry.host.right <= geometry.form.right + 0.5 && geometry.host.left >= geometry.form.left - 0.5, 'within the form\'s width');
      assert.ok(geometry.scrollWidth <= geometry.innerWidth, 'no sideways scrolling');
      const response = page.waitForResponse((r) => r.url().endsWith('/echo'));
      await page.getByRole('button', { name: '提交审批' }).click({ timeout: 5000 });
      const received = new Map(await (await response).json());
      assert.match(received.get('body'), /全县共有学校136所[\s\S]*师资不足,需要补充/, 'the form was submitted with the content');
      assert.deepEqual(errors, []);
    });
  }

  await t.test('attach(): a fix accepted from the tooltip goes through the host textarea; Ctrl+Z undoes it', async () => {
    const page = await env.newPage();
    await page.goto(`${env.url}embed-example.html`);
    await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
    const ta = page.locator('textarea[name="body"]');
    const before = await ta.inputValue();
    const f = await page.evaluate(() => window.reportCheck.findings.find((g) => g.suggestion != null && !g.occurrences && g.end > g.start));
    assert.ok(f, 'a fixable finding');
    const box = await page.evaluate(([start, end]) => {
      const b = window.reportCheck.controller.mirror.rects(start, end)[0];
      return { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 };
    }, [f.start, f.end]);
    await page.mouse.move(box.x - 60, box.y - 60);
    await page.mouse.move(box.x, box.y);
    const button = page.locator('[data-report-check] .tip:not([hidden]) .tip-fix');
    await button.waitFor({ state: 'visible' });
    await button.click();
    assert.equal(await ta.inputValue(), before.slice(0, f.start) + f.suggestion + before.slice(f.end));
    await ta.focus();
    await page.keyboard.press('Control+z');
    assert.equal(await ta.inputValue(), before, 'undone in the host textarea');
    assert.deepEqual(env.problems, []);
  });
});
