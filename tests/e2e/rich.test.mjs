// End-to-end: attach() on rich-text editors (issue 18): TinyMCE (content in an iframe),
// wangEditor (Slate, content in the page) and a plain contenteditable element, each
// self-hosted under the strict CSP of the test server. For each: type, see highlights (DOM
// ranges in the content document's CSS.highlights, the editor's DOM untouched by the widget),
// fix a finding from the list, undo it with the editor's own Ctrl+Z, and submit the form with
// the content intact. node --test tests/e2e/rich.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO, setUp, screenshotPath } from './helpers.mjs';

const TYPED = '部分学校师资不足,需要补充。';

// Every highlighted range in the content's document: its text and its highlight's name.
const drawn = (page, kind) => page.evaluate((kind) => {
  const win = kind === 'tinymce' ? window.editor.getWin() : window;
  const out = [];
  for (const [name, h] of win.CSS.highlights) {
    for (const sr of h) {
      const r = win.document.createRange();
      r.setStart(sr.startContainer, sr.startOffset);
      r.setEnd(sr.endContainer, sr.endOffset);
      out.push({ name, text: r.toString() });
    }
  }
  return out;
}, kind);

const EDITORS = {
  tinymce: {
    page: 'rich-tinymce.html',
    content: (page) => page.frameLocator('iframe').locator('body'),
    html: (page) => page.evaluate(() => window.editor.getContent()),
    field: 'body',
  },
  wangeditor: {
    page: 'rich-wangeditor.html',
    content: (page) => page.locator('[data-slate-editor]'),
    html: (page) => page.evaluate(() => window.editor.getHtml()),
    field: 'body',
  },
};

test('attach() on rich-text editors', async (t) => {
  for (const dir of ['tinymce', path.join('@wangeditor', 'editor')]) {
    assert.ok(existsSync(path.join(REPO, 'node_modules', dir)), `node_modules/${dir} is missing: run npm ci`);
  }
  const env = await setUp(t);
  // Every CSP violation with the script it came from. TinyMCE's own code builds a caret
  // placeholder (<span data-mce-bogus="all" style="display: inline-block;">, never content)
  // through innerHTML, whose style attribute the strict policy refuses: TinyMCE documents
  // style-src 'unsafe-inline' and works without it. Those, and only those, are allowed.
  await env.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__csp ??= []).push({ directive: e.violatedDirective, source: e.sourceFile || '' });
    });
  });
  const violations = (page) => page.evaluate(() => window.__csp || []);
  const isTinyMCEsOwn = (v) => v.directive === 'style-src-attr' && /\/vendor\/tinymce\/tinymce\.min\.js$/.test(v.source);

  for (const [kind, spec] of Object.entries(EDITORS)) {
    await t.test(`${kind}: type, highlights over the content, fix, undo, submit`, async () => {
      const page = await env.newPage();
      await page.goto(`${env.url}${spec.page}`);
      await page.waitForFunction(() => window.reportCheck && window.editor, null, { timeout: 20_000 });
      const value = () => page.evaluate(() => window.reportCheck.controller.value);
      const initial = await value();
      assert.match(initial, /^某县人民政府履行教育职责自评报告\n一、基本情况\n全县共有学校136所/);

      // Type a new paragraph at the end, as a drafter does.
      await spec.content(page).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('End');
      const found = page.evaluate(() => new Promise((r) => window.reportCheck.addEventListener('findings', (e) => {
        if (e.detail.findings.some((f) => f.rule === 'format/half-width-punct')) r();
      })));
      await page.keyboard.press('Enter');
      await page.keyboard.type(`三、存在问题\n${TYPED}`);
      await found;
      const before = await value();
      assert.ok(before.endsWith(`\n三、存在问题\n${TYPED}`), JSON.stringify(before));

      // Highlights are DOM ranges over the editor's own text; the widget added no element to it.
      await page.waitForFunction((kind) => {
        const win = kind === 'tinymce' ? window.editor.getWin() : window;
        return [...win.CSS.highlights.values()].some((h) => h.size > 0);
      }, kind);
      const ranges = await drawn(page, kind);
      assert.ok(ranges.some((r) => r.text === ',' && /^rc-punctuation-/.test(r.name)), JSON.stringify(ranges));
      const html = await spec.html(page);
      assert.doesNotMatch(html, /<mark|rc-|data-report-check/, 'no widget markup in the content');
      // A re-check and repaint change nothing in the editor's DOM.
      const mutations = await page.evaluate(async (kind) => {
        const root = kind === 'tinymce' ? window.editor.getBody() : document.querySelector('[data-slate-editor]');
        const seen = [];
        const mo = new MutationObserver((list) => seen.push(...list.map((m) => m.type)));
        mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
        await window.reportCheck.check();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        mo.disconnect();
        return seen;
      }, kind);
      assert.deepEqual(mutations, [], 'painting does not touch the editor DOM');
      await page.screenshot({ path: screenshotPath(`rich-${kind}.png`), fullPage: true });

      // Fix the half-width comma from the list: through the editor's API.
      const comma = await page.evaluate(() => window.reportCheck.findings.find((f) => f.rule === 'format/half-width-punct' && f.suggestion === '，'));
      assert.ok(comma, 'a fixable comma');
      assert.equal(before.slice(comma.start, comma.end), ',');
      // Hovering the comma in the editor shows its tooltip, placed at the comma.
      const spot = await page.evaluate((c) => {
        const [r] = window.reportCheck.controller.mirror.rects(c.start, c.end);
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, comma);
      await page.mouse.move(spot.x, spot.y);
      await page.waitForFunction(() => !document.querySelector('[data-report-check]').shadowRoot.querySelector('.tip').hidden);
      const tip = await page.evaluate(() => {
        const t = document.querySelector('[data-report-check]').shadowRoot.querySelector('.tip');
        const r = t.getBoundingClientRect();
        return { text: t.textContent, top: r.top, bottom: r.bottom };
      });
      assert.match(tip.text, /半角/);
      // Just below the comma's line, or just above it.
      const near = (tip.top > spot.y && tip.top - spot.y < 40) || (tip.bottom < spot.y && spot.y - tip.bottom < 40);
      assert.ok(near, `the tip is by the comma: ${JSON.stringify(tip)} vs ${spot.y}`);
      // Its entry in the list selects it in the editor.
      await page.click(`[data-report-check] li.item[data-start="${comma.start}"] .entry`);
      assert.equal(await page.evaluate((kind) => (kind === 'tinymce' ? window.editor.getWin() : window).getSelection().toString(), kind), ',');
      await page.click(`[data-report-check] li.item[data-start="${comma.start}"] .fix`);
      const fixed = before.slice(0, comma.start) + '，' + before.slice(comma.end);
      await page.waitForFunction((t) => window.reportCheck.controller.value === t, fixed);
      assert.match(await spec.html(page), /师资不足，需要补充/);

      // The editor's own undo brings the comma back.
      await spec.content(page).focus?.();
      await page.keyboard.press('Control+z');
      await page.waitForFunction((t) => window.reportCheck.controller.value === t, before, { timeout: 5000 });
      const back = await spec.html(page);
      assert.match(back, /师资不足,需要补充/);

      // The form carries the content, intact and without any widget markup.
      const response = page.waitForResponse((r) => r.url().endsWith('/echo'));
      await page.click('button[type="submit"]');
      const received = new Map(await (await response).json());
      assert.equal(received.get('title'), '某县人民政府履行教育职责自评报告');
      const body = received.get(spec.field);
      assert.match(body, /三、存在问题/);
      assert.match(body, /师资不足,需要补充。/);
      assert.doesNotMatch(body, /<mark|rc-|data-report-check|\uFEFF/);
      assert.equal(body.replace(/\r\n/g, '\n'), back.replace(/\r\n/g, '\n'));
      assert.deepEqual((await violations(page)).filter((v) => !(kind === 'tinymce' && isTinyMCEsOwn(v))), [], 'no CSP violation but TinyMCE\'s own');
      await page.close();
    });
  }

  await t.test('the text of editor content: blocks and <br> are line breaks, editor bookkeeping is skipped, offsets map both ways', async () => {
    const page = await env.newPage();
    await page.goto(`${env.url}embed-example.html`);
    const cases = await page.evaluate(async () => {
      const { readText, toDom, fromDom } = await import('./widget/adapters/text-map.js');
      const read = (html) => {
        const div = document.createElement('div');
        div.innerHTML = html;
        return readText(div).text;
      };
      // Every offset maps to a DOM point and back (a \n between blocks maps to the line's end).
      const div = document.createElement('div');
      div.innerHTML = '<p>一、<b>基本</b>情况</p><p><br></p><ul><li>甲</li><li>乙<br>丙</li></ul>';
      const map = readText(div);
      const back = [];
      for (let i = 0; i <= map.text.length; i++) {
        const [node, offset] = toDom(map, i, true);
        back.push(fromDom(map, div, node, offset));
      }
      return {
        paragraphs: read('<p>A</p><p><br></p><p>B<br>C</p>'),
        nested: read('<div><p>A</p><div><p>B</p></div></div><p>C</p>'),
        inline: read('<p>总投入<strong>9.8</strong>亿元，<span>增长</span>6.2%。</p>'),
        tinymce: read('<p>A<br data-mce-bogus="1"></p><p><br data-mce-bogus="1"></p><span data-mce-bogus="all">x</span><p>\uFEFFB\uFEFFC</p>'),
        slate: read('<p><span data-slate-node="text"><span data-slate-leaf="true"><span data-slate-string="true">A</span></span></span></p><p><span data-slate-node="text"><span data-slate-leaf="true"><span data-slate-zero-width="n" data-slate-length="0">\uFEFF<br></span></span></span></p><p><span data-slate-string="true">B</span></p>'),
        table: read('<table><tbody><tr><td>项目</td><td>得分</td></tr><tr><td>甲</td><td>9</td></tr></tbody></table><p>完</p>'),
        text: map.text,
        back,
      };
    });
    assert.equal(cases.paragraphs, 'A\n\nB\nC');
    assert.equal(cases.nested, 'A\nB\nC');
    assert.equal(cases.inline, '总投入9.8亿元，增长6.2%。');
    assert.equal(cases.tinymce, 'A\n\nBC');
    assert.equal(cases.slate, 'A\n\nB');
    assert.equal(cases.table, '项目\t得分\n甲\t9\n完');
    assert.equal(cases.text, '一、基本情况\n\n甲\n乙\n丙');
    // Each offset comes back, but one on an empty line between blocks, which maps to the next text.
    cases.back.forEach((b, i) => assert.ok(b === i || (b > i && /^\n+$/.test(cases.text.slice(i - 1, b))), `offset ${i} -> ${b}`));
    await page.close();
  });

  await t.test('a plain contenteditable element: highlights, fix and undo', async () => {
    const page = await env.newPage();
    await page.goto(`${env.url}embed-example.html`);
    await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
    const state = await page.evaluate(async () => {
      const { attach } = await import('./report-check.js');
      const div = document.createElement('div');
      div.contentEditable = 'true';
      div.id = 'ce';
      div.style.cssText = 'border:1px solid #999;min-height:120px;padding:8px';
      div.innerHTML = '<p>某县教育局工作总结</p><p>全县完成投资<b>9.8亿元</b>,同比增长6.2%。</p>';
      document.querySelector('.oa-main').append(div);
      const api = attach(div);
      window.ce = api;
      await new Promise((r) => api.addEventListener('findings', r, { once: true }));
      return { value: api.controller.value, findings: api.findings.map((f) => ({ rule: f.rule, start: f.start, end: f.end, suggestion: f.suggestion })) };
    });
    assert.equal(state.value, '某县教育局工作总结\n全县完成投资9.8亿元,同比增长6.2%。');
    const comma = state.findings.find((f) => f.rule === 'format/half-width-punct');
    assert.ok(comma, JSON.stringify(state.findings));
    const ranges = await drawn(page, 'page');
    assert.ok(ranges.some((r) => r.text === ','), JSON.stringify(ranges));
    await page.click(`[data-report-check] li.item[data-start="${comma.start}"] .fix`);
    await page.waitForFunction(() => window.ce.controller.value.includes('亿元，同比'));
    assert.equal(await page.$eval('#ce b', (b) => b.textContent), '9.8亿元', 'the formatting around the fix is kept');
    await page.focus('#ce');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => window.ce.controller.value.includes('亿元,同比'));
    assert.deepEqual(await violations(page), []);
    await page.close();
  });

  // Chromium's console lines for the TinyMCE violations checked above carry no source.
  const tinymceOwn = /^console error: (CSP violation: style-src-attr inline|Applying inline style violates the following Content Security Policy directive)/;
  assert.deepEqual(env.problems.filter((p) => !tinymceOwn.test(p)), []);
  assert.deepEqual(env.requests.filter((u) => !u.startsWith(env.origin)), []);
});
