// End-to-end: what a clerk takes away from the page (issue 18): the printable report names the
// document and gives the time in Beijing time whatever the computer's time zone, and the
// findings download as CSV for Excel (UTF-8 with a byte order mark, one row per finding).
// node --test tests/e2e/export.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCSV, setUp } from './helpers.mjs';

// Our own draft: a placeholder year, a half-width comma, a docnum with square brackets.
const DRAFT = '青山县人民政府2024年度履行教育职责自评报告\n'
  + '根据《关于开展20xx年度履行教育职责评价的通知》（青教督[2024]11号）要求，现将自评情况报告如下。\n'
  + '一、主要工作\n全县教育经费总投入9.8亿元,比上年增长6.2%。\n';

const ready = (page) => page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });

// The page's findings once the editor's text has been checked.
const checked = (page) => page.waitForFunction(() => {
  const el = document.querySelector('report-check');
  const d = el.toJSON();
  return d.characters === el.value.length && d.findings.length > 0 && d;
}, null, { timeout: 20_000 }).then((h) => h.jsonValue());

// RFC 4180 rows (cells here hold no line break).

test('the printable report and the CSV a clerk takes away', async (t) => {
  const env = await setUp(t);
  // A computer whose clock is set to New York: the report still gives Beijing time.
  const context = await env.browser.newContext({ timezoneId: 'America/New_York', acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  page.on('pageerror', (err) => env.problems.push(`page error: ${err.message}`));
  await page.goto(env.url);
  await ready(page);
  await page.setInputFiles('#file-input', { name: '青山县自评报告.txt', mimeType: 'text/plain', buffer: Buffer.from(DRAFT) });
  await page.waitForFunction((t) => document.querySelector('report-check').value === t, DRAFT);
  const data = await checked(page);

  await t.test('the printable report names the document and uses Beijing time, not UTC or the local zone', async () => {
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    const before = new Date();
    await page.click('#print-summary');
    const after = new Date();
    assert.equal(await page.evaluate(() => window.__printed), true);
    const words = await page.textContent('#print-report');
    assert.match(words, /文档：青山县自评报告\.txt/);
    const m = words.match(/检查时间：(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2}):(\d{2})（北京时间）/);
    assert.ok(m, words);
    // The stated wall time read as UTC+8 is the moment of the click.
    const [, y, mo, d, h, mi, s] = m.map(Number);
    const moment = Date.UTC(y, mo - 1, d, h - 8, mi, s);
    assert.ok(moment >= before.getTime() - 61_000 && moment <= after.getTime() + 1000, `${m[0]} is not Beijing time now`);
    assert.notEqual(await page.evaluate(() => new Date().getTimezoneOffset()), -480, 'the browser is not in Beijing time');
  });

  await t.test('a text with no file is named by its title', async () => {
    await page.evaluate(() => { document.querySelector('report-check').fileName = ''; });
    await page.click('#print-summary');
    assert.match(await page.textContent('#print-report'), /文档：青山县人民政府2024年度履行教育职责自评报告/);
    await page.evaluate(() => { document.querySelector('report-check').fileName = '青山县自评报告.txt'; });
  });

  await t.test('the findings download as CSV: UTF-8 with a BOM, one row per finding in document order', async () => {
    const download = page.waitForEvent('download');
    await page.click('#export-csv');
    const d = await download;
    assert.match(d.suggestedFilename(), /^青山县自评报告-检查结果-\d{8}-\d{6}\.csv$/);
    const bytes = readFileSync(await d.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const rows = parseCSV(bytes.toString('utf8').slice(1));
    assert.deepEqual(rows[0], ['序号', '行', '列', '类别', '级别', '原文', '说明', '建议修改', '处数', '规则']);
    assert.equal(rows.length - 1, data.findings.length);
    const sorted = [...data.findings].sort((a, b) => a.start - b.start || a.end - b.end);
    rows.slice(1).forEach((r, i) => {
      const f = sorted[i];
      assert.deepEqual([Number(r[0]), Number(r[1]), Number(r[2]), r[5], r[6], r[9]], [i + 1, f.line, f.column, f.text, f.message, f.rule]);
    });
    // The placeholder, the half-width comma and the docnum are there, with their fixes.
    const byRule = new Map(rows.slice(1).map((r) => [r[9], r]));
    assert.equal(byRule.get('format/docnum')?.[7], '〔2024〕11号');
    assert.equal(byRule.get('format/half-width-punct')?.[5], ',');
    assert.equal(byRule.get('format/half-width-punct')?.[4], '警告');
    assert.ok(byRule.has('figures/placeholder'));
    // The file name's stamp is Beijing time too.
    const [, ymd, hms] = d.suggestedFilename().match(/(\d{8})-(\d{6})/);
    const now = new Date(Date.now() + 8 * 3600_000).toISOString();
    assert.equal(ymd, now.slice(0, 10).replace(/-/g, ''));
    assert.ok(Math.abs(Number(hms.slice(0, 2)) - Number(now.slice(11, 13))) <= 1);
  });

  await t.test('a cell Excel would read as a formula is kept as text', async () => {
    const csv = await page.evaluate(async () => {
      const { findingsCSV } = await import('./findings-csv.js');
      return findingsCSV({ findings: [{ start: 0, end: 3, line: 1, column: 1, category: 'typo', severity: 'info', text: '=1+1', message: '说明,含逗号', suggestion: null, rule: 'x/y' }] });
    });
    assert.match(csv.split('\r\n')[1], /^1,1,1,[^,]+,提示,'=1\+1,"说明,含逗号",,1,x\/y$/);
  });

  assert.deepEqual(env.problems, []);
});
