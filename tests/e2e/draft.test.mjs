// End-to-end tests of the drafter's page holding a day's work (issue 18): the draft and the
// profile kept in the browser across reloads and cleared by a button, the text given back
// (复制全文, 下载 .txt with the file's name), and a page opened from disk explaining itself.
// node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setUp, WWW } from './helpers.mjs';

const DRAFT = '某县教育局履行教育职责自评报告\n\n一、基本情况\n全县共有学校36所,在校学生1.2万人。\n';

const ready = (page) => page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });
const value = (page) => page.evaluate(() => document.querySelector('report-check').value);

test('the drafter keeps the draft and takes the text away', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.bringToFront();
  await page.goto(env.url);
  await ready(page);

  await t.test('the draft and the profile survive a reload; the footer says where they are kept', async () => {
    const profiles = await page.$$eval('#profile option', (os) => os.map((o) => o.value));
    const other = profiles[profiles.length - 1];
    await page.selectOption('#profile', other);
    await page.click('report-check textarea');
    await page.keyboard.type('拟稿：');
    await page.evaluate((text) => {
      const ta = document.querySelector('report-check').shadowRoot.querySelector('textarea');
      document.execCommand('insertText', false, text);
      ta.blur();
    }, DRAFT);
    const typed = await value(page);
    await page.waitForFunction(() => /已于/.test(document.getElementById('draft-state').textContent));
    assert.match(await page.textContent('footer'), /localStorage/);
    await page.reload();
    await ready(page);
    assert.equal(await value(page), typed, 'the text is back');
    assert.equal(await page.inputValue('#profile'), other, 'the profile is back');
    await page.waitForFunction((other) => document.querySelector('report-check').controller.report
      && document.querySelector('report-check').profile === other, other);
  });

  await t.test('复制全文 and 下载 .txt give the text back (UTF-8, the opened file\'s name)', async () => {
    await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
    const text = await value(page);
    await page.click('#copy-all');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    let download = page.waitForEvent('download');
    await page.click('#download-txt');
    let file = await download;
    assert.match(file.suggestedFilename(), /^报告-\d{8}-\d{6}\.txt$/);
    const bytes = readFileSync(await file.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    assert.equal(bytes.subarray(3).toString('utf8'), text);
    // Opened from a file: downloaded under that name.
    const chooser = page.waitForEvent('filechooser');
    await page.click('#open-file');
    await (await chooser).setFiles({ name: '青石县自评报告（第二稿）.txt', mimeType: 'text/plain', buffer: Buffer.from('青石县自评报告,正文。', 'utf8') });
    await page.waitForFunction(() => document.querySelector('report-check').value === '青石县自评报告,正文。');
    download = page.waitForEvent('download');
    await page.click('#download-txt');
    file = await download;
    assert.equal(file.suggestedFilename(), '青石县自评报告（第二稿）.txt');
    // Back to the typed draft (the opened file replaced it undoably).
    await page.click('report-check .undo-replace');
    assert.equal(await value(page), text);
  });

  await t.test('清除草稿 empties the editor and the stored draft (undoable)', async () => {
    const text = await value(page);
    await page.click('#clear-draft');
    assert.equal(await value(page), '');
    assert.equal(await page.evaluate(() => localStorage.getItem('report-check:draft')), null);
    await page.reload();
    await ready(page);
    assert.equal(await value(page), '', 'nothing comes back after a reload');
    // A mistaken click is undone in the same visit before reloading: try again.
    await page.evaluate((t) => { document.querySelector('report-check').value = t; }, text);
    await page.click('#clear-draft');
    await page.click('report-check .undo-replace');
    assert.equal(await value(page), text);
  });

  await t.test('opened from disk (file://), the page explains in Chinese how to serve it', async () => {
    // A context of its own: the shared one answers every request off the test server itself.
    const context = await env.browser.newContext();
    const disk = await context.newPage();
    await disk.goto(pathToFileURL(path.join(WWW, 'index.html')).href);
    const warning = disk.locator('#file-warning');
    await warning.waitFor({ state: 'visible' });
    const words = await warning.textContent();
    assert.match(words, /python3 -m http\.server/);
    assert.match(words, /nginx/);
    await context.close();
  });
});
