// The vendorable package: scripts/package-widget.sh makes one .tgz; unpacked and served on its
// own (no www/ around it), its embed example works under the strict CSP; and the README's steps,
// followed literally (unpack into /static/report-check/, the three lines in a .js file of a page
// with a textarea), work. node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';
import { REPO, CHROMIUM } from './helpers.mjs';

test('the widget package works on its own', async (t) => {
  const out = execFileSync('bash', [path.join(REPO, 'scripts', 'package-widget.sh')], { cwd: REPO, encoding: 'utf8' });
  const tgz = path.join(REPO, out.trim().split('\n').pop());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'report-check-widget-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  // Everything at the top level: no package/ folder.
  const root = dir;
  const top = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(top.includes('report-check.js') && top.includes('report-check.d.ts') && top.includes('pkg/report_check_bg.wasm'),
    `top-level entries: ${top.join(' ')}`);
  assert.ok(!top.some((f) => f.startsWith('package/')), 'no package/ folder');
  const meta = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const cargo = readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(meta.version, cargo, 'package version is the crate version');
  assert.equal(meta.types, './report-check.d.ts');
  for (const f of ['report-check.js', 'report-check.d.ts', 'pkg/report_check.js', 'pkg/report_check_bg.wasm']) {
    assert.ok(readFileSync(path.join(root, f)).length > 0, `${f} in the package`);
  }
  // The modules the entry is made of (www/widget/), the worker's script among them.
  const modules = readdirSync(path.join(REPO, 'www', 'widget')).filter((f) => f.endsWith('.js'));
  assert.ok(modules.includes('worker.js') && modules.length > 5, `www/widget: ${modules.join(' ')}`);
  for (const f of modules) assert.ok(top.includes(`widget/${f}`), `widget/${f} in the package`);

  const { server, url } = await start({ root, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  t.after(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const page = await browser.newPage();
  const problems = [];
  const origin = new URL(url).origin;
  const foreign = [];
  page.on('request', (r) => { if (new URL(r.url()).origin !== origin) foreign.push(r.url()); });
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  await page.goto(`${url}embed-example.html`);
  await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });
  assert.ok(await page.locator('[data-report-check] li.item').count() > 0, 'findings listed');
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
});

test("the README's embedding steps work as written", async (t) => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Embedding in an OA system'));
  // The unpack command and the three lines, as the README gives them.
  const unpack = section.match(/`mkdir -p (\S+) && tar -xzf report-check-widget-<version>\.tgz -C (\S+)`/);
  assert.ok(unpack, 'the README gives the unpack command');
  const lines = section.match(/```html\n<script type="module">\n([\s\S]*?)\n<\/script>\n```/);
  assert.ok(lines, 'the README gives the script lines');
  const out = execFileSync('bash', [path.join(REPO, 'scripts', 'package-widget.sh')], { cwd: REPO, encoding: 'utf8' });
  const tgz = path.join(REPO, out.trim().split('\n').pop());
  const site = mkdtempSync(path.join(os.tmpdir(), 'report-check-site-'));
  t.after(() => rmSync(site, { recursive: true, force: true }));
  // /srv/www is the site root in the README: here a temporary directory.
  const target = path.join(site, path.relative('/srv/www', unpack[2]));
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', target]);
  // An OA page with its textarea; under the strict CSP the three lines go in a .js file.
  writeFileSync(path.join(site, 'favicon.svg'), readFileSync(path.join(REPO, 'www', 'favicon.svg')));
  writeFileSync(path.join(site, 'form.js'), `${lines[1].replace(/^ {2}/gm, '')}\n`);
  writeFileSync(path.join(site, 'form.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>拟稿</title><link rel="icon" href="favicon.svg" type="image/svg+xml">'
    + '<script type="module" src="form.js"></script></head><body><form><textarea name="body" rows="10">'
    + '某县人民政府履行教育职责自评报告\n全县共有学校36所,在校学生1.2万人。经自评,我县得分为xx分。</textarea>'
    + '<button type="submit">提交</button></form></body></html>');
  const { server, url } = await start({ root: site, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  t.after(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${url}form.html`);
  await page.waitForFunction(() => document.querySelector('[data-report-check]')?.shadowRoot.querySelectorAll('li.item').length > 0, null, { timeout: 20_000 });
  assert.deepEqual(problems, []);
});
