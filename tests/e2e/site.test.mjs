// End-to-end: the static intranet bundle (scripts/package-site.sh, issue 18). Unpacked into a
// temporary directory under a sub-path and served by plain `python3 -m http.server` (no CSP,
// no special headers: only Content-Type by extension), the drafter's page checks a draft and
// the batch check works; opened from file://, the bundle's page explains in Chinese how to serve it.
// node --test tests/e2e/site.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, REPO } from './helpers.mjs';

const DRAFT = '青山县人民政府2024年度履行教育职责自评报告\n'
  + '根据《关于开展20xx年度履行教育职责评价的通知》要求，现将自评情况报告如下。\n'
  + '一、主要工作\n全县教育经费总投入9.8亿元,比上年增长6.2%。\n';

// `python3 -m http.server 0` in `dir`; resolves to its base URL once it listens.
function pythonServer(dir) {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) resolve(`http://127.0.0.1:${m[1]}/`);
    });
    child.on('exit', (code) => reject(new Error(`python3 -m http.server exited (${code}): ${out}`)));
    setTimeout(() => reject(new Error(`python3 -m http.server did not start: ${out}`)), 15_000);
  });
  return { child, url };
}

test('the intranet bundle works from a plain static server', async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing`);
  const out = execFileSync('bash', [path.join(REPO, 'scripts', 'package-site.sh')], { cwd: REPO, encoding: 'utf8' });
  const tgz = path.join(REPO, out.trim().split('\n').pop());
  assert.ok(existsSync(tgz), tgz);
  assert.ok(existsSync(tgz.replace(/\.tgz$/, '.zip')), 'a .zip for Windows too');

  const root = mkdtempSync(path.join(os.tmpdir(), 'rc-site-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // Under a sub-path, as on an intranet server that hosts other things.
  const dir = path.join(root, 'tools', 'report-check');
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);

  await t.test('the bundle holds the page, the widget, the wasm and the server configurations', () => {
    for (const f of ['index.html', 'app.js', 'start.js', 'report-check.js', 'batch.js', 'batch-worker.js', 'style.css', 'demo.txt', 'pkg/report_check.js', 'pkg/report_check_bg.wasm', 'web.config', 'nginx.conf.example', '部署说明.txt']) {
      assert.ok(existsSync(path.join(dir, f)), `${f} is in the bundle`);
    }
    assert.ok(!existsSync(path.join(dir, 'package')), 'no package/ folder');
    const webConfig = readFileSync(path.join(dir, 'web.config'), 'utf8');
    assert.match(webConfig, /<mimeMap fileExtension="\.wasm" mimeType="application\/wasm" \/>/);
    assert.match(webConfig, /<mimeMap fileExtension="\.mjs" mimeType="text\/javascript" \/>/);
    assert.match(readFileSync(path.join(dir, 'nginx.conf.example'), 'utf8'), /types \{ application\/wasm wasm; \}/);
    // Every module the page imports is in the bundle (relative imports only).
    const missing = [];
    for (const f of execFileSync('find', ['.', '-name', '*.js'], { cwd: dir, encoding: 'utf8' }).trim().split('\n')) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const refs = [
        ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm),
        ...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]/g),
        ...text.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]+)['"],\s*import\.meta\.url/g),
      ];
      for (const m of refs) {
        if (!existsSync(path.join(dir, path.dirname(f), m[1]))) missing.push(`${f} → ${m[1]}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  const server = pythonServer(root);
  t.after(() => server.child.kill());
  const base = `${await server.url}tools/report-check/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const origin = new URL(base).origin;
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route((u) => u.origin !== origin && u.protocol !== 'blob:' && u.protocol !== 'data:', (route) => route.abort());

  await t.test('served by python3 -m http.server, a draft gets findings', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
    await page.goto(base);
    await page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 30_000 });
    assert.equal(await page.locator('#file-warning').count(), 0);
    await page.click('report-check textarea');
    await page.evaluate((text) => document.execCommand('insertText', false, text), DRAFT);
    const findings = await page.waitForFunction(() => {
      const el = document.querySelector('report-check');
      const d = el.toJSON();
      return d.characters === el.value.length && d.findings.length > 0 && d.findings.map((f) => f.rule);
    }, null, { timeout: 30_000 }).then((h) => h.jsonValue());
    assert.ok(findings.includes('figures/placeholder'), findings.join(' '));
    assert.ok(findings.includes('format/half-width-punct'), findings.join(' '));

    // The batch check's own worker loads there too.
    await page.click('#batch-show');
    await page.setInputFiles('#batch-files', [{ name: '甲.txt', mimeType: 'text/plain', buffer: Buffer.from(DRAFT) }]);
    await page.waitForFunction(() => /共 1 个文件/.test(document.getElementById('batch-status').textContent), null, { timeout: 30_000 });
    const row = await page.$$eval('#batch-table tbody td', (tds) => tds.map((td) => td.textContent));
    assert.equal(row[0], '甲.txt');
    assert.ok(Number(row[2]) >= 1, row.join('|'));
    await page.close();
  });

  await t.test('opened from file://, the bundle\'s page explains in Chinese how to serve it', async () => {
    const disk = await (await browser.newContext()).newPage();
    await disk.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    const warning = disk.locator('#file-warning');
    await warning.waitFor({ state: 'visible' });
    const words = await warning.textContent();
    assert.match(words, /请通过网站地址打开/);
    assert.match(words, /python3 -m http\.server/);
    assert.match(words, /nginx/);
    assert.match(words, /IIS/);
  });

  assert.deepEqual(problems, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), []);
});
