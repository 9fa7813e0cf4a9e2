// End-to-end test of www/ in headless Chromium: node --test tests/e2e/
// Needs /usr/bin/chromium (Debian package) and the wasm package in www/pkg (wasm-pack build,
// see docs/API.md). Either missing is a failure, not a skip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WWW = path.join(REPO, 'www');
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(REPO, 'target', 'e2e', 'page.png');
const EXPECTED_CATEGORIES = ['placeholder', 'bracket', 'docnum', 'punctuation'];
// List order, from docs/API.md.
const CATEGORY_ORDER = ['section', 'numbering', 'placeholder', 'figure', 'score', 'punctuation', 'bracket',
  'docnum', 'whitespace', 'encoding', 'residue', 'typo'];
const SEVERITY_ORDER = ['error', 'warning', 'info'];
const isSorted = (ranks) => ranks.every((r, i) => i === 0 || ranks[i - 1] <= r);

// A made-up report with known problems: 20xx年 (placeholder), “四个意识“ (bracket),
// [2023]12号 (docnum) and half-width commas between Chinese characters (punctuation).
// Long wrapping paragraphs make the editor scroll; the last problems sit near the end.
const FILLER = Array.from({ length: 24 }, (_, i) =>
  `${i + 1}.第${i + 1}项重点工作稳步推进。全县各级各类学校围绕立德树人根本任务，持续完善课程体系和评价机制，`
  + `开展教研活动${12 + i}次，覆盖教师${300 + 7 * i}人次，学生综合素质评价覆盖率保持在100%，相关经验在全市交流推广。`);
const REPORT = [
  '青石县教育局履行教育职责自评报告',
  '',
  '根据《关于开展2023年度履行教育职责评价工作的通知》（市教督〔2023〕3号）要求，现将自评情况报告如下。',
  '一、总体情况',
  '我县始终牢固树立“四个意识“，坚持教育优先发展，计划于20xx年完成全部薄弱学校改造。',
  '（一）重点工作',
  ...FILLER,
  '二、存在问题',
  '部分学校师资配备不足,音体美教师短缺。依据《青石县教育发展规划》（青政办[2023]12号）逐步解决。',
  '',
  '青石县教育局',
  '2024年1月15日',
].join('\n');
const XSS = '<img src=x onerror="window.__pwned=1">';

const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function setEditorText(page, text) {
  await page.evaluate(() => { window.__lastReport = null; });
  await page.fill('#editor', text);
  await page.waitForFunction(() => window.__lastReport !== null);
  return page.evaluate(() => window.__lastReport);
}

const markSelector = (f) => `#backdrop mark.finding[data-rule="${f.rule}"][data-start="${f.start}"][data-end="${f.end}"]`;
const itemSelector = (f) => `li.finding-item[data-rule="${f.rule}"][data-start="${f.start}"][data-end="${f.end}"]`;

// Largest share of differing ink over the 64×64 tiles of two equally sized PNG screenshots:
// 0 when identical, around 1 when text is displaced by a pixel or more. Glyph positions in
// a split text run may round to a different quarter pixel, which stays far below 0.25.
// Decoded by the browser itself, in a blank page.
const MAX_INK_DIFFERENCE = 0.25;
async function inkDifference(scratch, pngA, pngB) {
  return scratch.evaluate(async ([a, b]) => {
    const grey = async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
      context.drawImage(bitmap, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const ink = new Float32Array(width * height);
      for (let i = 0; i < ink.length; i++) ink[i] = 255 - (data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / 3;
      return { ink, width, height };
    };
    const A = await grey(a);
    const B = await grey(b);
    const TILE = 64;
    let worst = { share: 0, x: 0, y: 0 };
    for (let ty = 0; ty < A.height; ty += TILE) {
      for (let tx = 0; tx < A.width; tx += TILE) {
        let inkA = 0;
        let inkB = 0;
        let diff = 0;
        for (let y = ty; y < Math.min(ty + TILE, A.height); y++) {
          for (let x = tx; x < Math.min(tx + TILE, A.width); x++) {
            const i = y * A.width + x;
            inkA += A.ink[i];
            inkB += B.ink[i];
            diff += Math.abs(A.ink[i] - B.ink[i]);
          }
        }
        const share = diff / Math.max(inkA, inkB, 255 * 10); // ignore tiles with hardly any ink
        if (share > worst.share) worst = { share, x: tx, y: ty };
      }
    }
    return worst;
  }, [pngA.toString('base64'), pngB.toString('base64')]);
}

// Screenshots the editor's text area twice, once with only the textarea's glyphs painted and
// once with only the backdrop's (marks undecorated): the same pixels, up to rounding, mean
// every mark lies exactly on its text. Returns the ink difference (see above).
async function overlayDifference(page, scratch) {
  const paint = (layer) => page.evaluate((layer) => {
    const editor = document.getElementById('editor');
    const backdrop = document.getElementById('backdrop');
    editor.setSelectionRange(0, 0);
    editor.blur();
    for (const mark of backdrop.querySelectorAll('mark')) {
      mark.style.background = 'none';
      mark.style.textDecoration = 'none';
      mark.style.borderColor = 'transparent';
    }
    editor.style.color = layer === 'editor' ? '#000' : 'transparent';
    backdrop.style.color = layer === 'backdrop' ? '#000' : 'transparent';
  }, layer);
  // The text area without the side padding, whose rounded corners are painted slightly
  // differently in the two shots; text never reaches into it (lines wrap, no horizontal scroll).
  const clip = await page.$eval('#editor', (editor) => {
    const r = editor.getBoundingClientRect();
    const inset = parseFloat(getComputedStyle(editor).paddingLeft);
    return { x: r.left + editor.clientLeft + inset, y: r.top + editor.clientTop, width: editor.clientWidth - 2 * inset, height: editor.clientHeight };
  });
  await paint('editor');
  await nextFrame(page);
  const own = await page.screenshot({ clip });
  await paint('backdrop');
  await nextFrame(page);
  const mirrored = await page.screenshot({ clip });
  await page.evaluate(() => {
    for (const node of document.querySelectorAll('#editor, #backdrop, #backdrop mark')) node.removeAttribute('style');
  });
  return inkDifference(scratch, own, mirrored);
}

async function scrollEditor(page, where) {
  await page.evaluate((where) => {
    const editor = document.getElementById('editor');
    editor.scrollTop = where * (editor.scrollHeight - editor.clientHeight);
  }, where);
  await nextFrame(page);
}

test('report-check page', async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
  assert.ok(existsSync(path.join(WWW, 'pkg', 'report_check.js')),
    'www/pkg/report_check.js is missing: build it first with `bash scripts/build-wasm.sh` ('
    + '`wasm-pack build --target web --release --out-dir www/pkg --out-name report_check`)');

  const { server, url } = await start({ root: WWW, port: 0 });
  const origin = new URL(url).origin;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Keep classic scrollbars, as users have them: they narrow the text area.
    ignoreDefaultArgs: ['--hide-scrollbars'],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  t.after(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const scratch = await browser.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });

  await page.goto(url);
  await page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });

  let report;
  await t.test('lists findings by category and marks their exact text', async () => {
    report = await setEditorText(page, REPORT);
    const value = await page.inputValue('#editor');
    for (const category of EXPECTED_CATEGORIES) {
      const items = await page.locator(`li.finding-item[data-category="${category}"]`).count();
      assert.ok(items > 0, `no list entry for category ${category}; findings: ${JSON.stringify(report.findings)}`);
      const count = await page.textContent(`.group-header[data-category="${category}"] .count`);
      assert.equal(Number(count), items, `count of group ${category}`);
    }
    for (const f of report.findings) {
      assert.equal(await page.textContent(markSelector(f)), value.slice(f.start, f.end), `mark text of ${f.rule} at ${f.start}`);
    }
    const groups = await page.$$eval('.group-header', (headers) => headers.map((h) => ({
      category: h.dataset.category,
      severities: [...document.querySelectorAll(`li.finding-item[data-category="${h.dataset.category}"]`)]
        .map((li) => li.dataset.severity),
    })));
    assert.ok(isSorted(groups.map((g) => CATEGORY_ORDER.indexOf(g.category))), `group order: ${JSON.stringify(groups)}`);
    for (const g of groups) {
      assert.ok(isSorted(g.severities.map((s) => SEVERITY_ORDER.indexOf(s))), `severity order in ${g.category}`);
    }
    const summary = await page.textContent('#summary');
    const { error, warning, info } = report.summary;
    assert.equal(summary.replace(/\s+/g, ''), `错误${error}·警告${warning}·提示${info}`);
  });

  await t.test('clicking an entry selects its span and scrolls its mark into view', async () => {
    const targets = report.findings.filter((f) => EXPECTED_CATEGORIES.includes(f.category));
    assert.ok(targets.some((f) => f.start > REPORT.length - 200), 'expected a finding near the end of the text');
    for (const f of targets) {
      await page.click(itemSelector(f));
      await nextFrame(page);
      const state = await page.evaluate((selector) => {
        const editor = document.getElementById('editor');
        const box = editor.getBoundingClientRect();
        const top = box.top + editor.clientTop;
        const left = box.left + editor.clientLeft;
        return {
          focused: document.activeElement === editor,
          selection: [editor.selectionStart, editor.selectionEnd],
          view: { top, left, bottom: top + editor.clientHeight, right: left + editor.clientWidth },
          rects: [...document.querySelector(selector).getClientRects()]
            .map(({ top, left, bottom, right }) => ({ top, left, bottom, right })),
        };
      }, markSelector(f));
      assert.ok(state.focused, 'editor focused');
      assert.deepEqual(state.selection, [f.start, f.end], `selection of ${f.rule}`);
      assert.ok(state.rects.length > 0, `mark of ${f.rule} has a box`);
      for (const r of state.rects) {
        const inside = r.top >= state.view.top - 0.5 && r.bottom <= state.view.bottom + 0.5
          && r.left >= state.view.left - 0.5 && r.right <= state.view.right + 0.5;
        assert.ok(inside, `mark of ${f.rule} at ${f.start} visible: ${JSON.stringify(r)} in ${JSON.stringify(state.view)}`);
      }
    }
  });

  await t.test('marks stay exactly on their text when scrolled, wrapped and resized', async () => {
    const overflow = await page.$eval('#editor', (e) => e.scrollHeight - e.clientHeight);
    assert.ok(overflow > 200, 'the test report should overflow the editor');
    for (const size of [{ width: 1280, height: 800 }, { width: 760, height: 700 }]) {
      await page.setViewportSize(size);
      for (const where of [0, 0.5, 1]) {
        await scrollEditor(page, where);
        const worst = await overlayDifference(page, scratch);
        assert.ok(worst.share < MAX_INK_DIFFERENCE,
          `backdrop off its text at ${size.width}px wide, scroll ${where}: ${JSON.stringify(worst)}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await t.test('pasted HTML is shown as text, never parsed', async () => {
    await page.evaluate(() => { window.__lastReport = null; document.getElementById('editor').select(); });
    await page.focus('#editor');
    await page.keyboard.insertText(`报告正文${XSS}结束`);
    await page.waitForFunction(() => window.__lastReport !== null);
    await page.waitForTimeout(300);
    assert.ok((await page.textContent('#backdrop')).includes(XSS), 'backdrop shows the HTML as text');
    assert.equal(await page.locator('img').count(), 0, 'no <img> element created');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'injected handler ran');
  });

  await t.test('the demo report loads and shows findings', async () => {
    await page.evaluate(() => { window.__lastReport = null; });
    await page.click('#load-demo');
    await page.waitForFunction(() => window.__lastReport !== null);
    const demo = await page.evaluate(() => window.__lastReport);
    const categories = new Set(demo.findings.map((f) => f.category));
    for (const category of EXPECTED_CATEGORIES) assert.ok(categories.has(category), `demo shows a ${category} finding`);
    await scrollEditor(page, 0);
    const worst = await overlayDifference(page, scratch);
    assert.ok(worst.share < MAX_INK_DIFFERENCE, `demo marks off their text: ${JSON.stringify(worst)}`);
    await page.click('li.finding-item');
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  await t.test('no request leaves the page origin and nothing fails', () => {
    const foreign = requests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'requests to other origins');
    assert.deepEqual(problems, [], 'console or page errors');
  });
});
