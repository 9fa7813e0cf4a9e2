// The vendorable package: scripts/package-widget.sh makes one .tgz; unpacked and served on its
// own (no www/ around it), its embed example works under the strict CSP. node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  const root = path.join(dir, 'package');
  const meta = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const cargo = readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(meta.version, cargo, 'package version is the crate version');
  assert.equal(meta.types, './report-check.d.ts');
  for (const f of ['report-check.js', 'report-check.d.ts', 'pkg/report_check.js', 'pkg/report_check_bg.wasm']) {
    assert.ok(readFileSync(path.join(root, f)).length > 0, `${f} in the package`);
  }

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
