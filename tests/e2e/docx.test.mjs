// End-to-end: a .docx opened on the page (www/index.html's file input) shows its text as Word
// does and lists its layout findings; a .doc named .docx gets the reader's Chinese message.
// Uses ../shared/corpus/docx (CI has it: missing there is a failure, a skip elsewhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, setUp } from './helpers.mjs';

const CORPUS = [path.join(REPO, '..', 'shared', 'corpus'), path.join(REPO, '..', '..', 'shared', 'corpus')]
  .find((p) => existsSync(p));

// The editor's text and the bar's words, once the text is not `before`.
async function opened(page, before) {
  await page.waitForFunction((before) => {
    const root = document.querySelector('report-check').shadowRoot;
    return root.querySelector('textarea').value !== before;
  }, before);
  return page.evaluate(() => {
    const root = document.querySelector('report-check').shadowRoot;
    return { text: root.querySelector('textarea').value, bar: root.textContent };
  });
}

test('a .docx opens with its text and layout findings', async (t) => {
  if (!CORPUS) {
    assert.ok(!process.env.CI, '../shared/corpus is missing in CI');
    console.log('# note: ../shared/corpus is absent; the .docx page test checked nothing');
    return;
  }
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(`${env.url}index.html`);
  await page.waitForFunction(() => document.querySelector('report-check')?.shadowRoot?.querySelector('textarea'));
  const before = await page.evaluate(() => document.querySelector('report-check').shadowRoot.querySelector('textarea').value);

  const name = 'gov-report-2025-anhui.docx';
  const bytes = readFileSync(path.join(CORPUS, 'docx', name));
  const started = Date.now();
  await page.setInputFiles('#file-input', {
    name, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: bytes,
  });
  const got = await opened(page, before);
  console.log(`# ${name} (${bytes.length} B) opened in ${Date.now() - started} ms (file input to text shown)`);
  const want = readFileSync(path.join(CORPUS, 'real-prose', name.replace('.docx', '.txt')), 'utf8');
  const firstLine = want.split('\n')[0].trim();
  assert.ok(got.text.startsWith(firstLine), got.text.slice(0, 80));
  assert.ok(!got.text.includes('PK\u0003\u0004') && !got.text.includes('word/document.xml'));
  assert.match(got.bar, /版式问题 \d+ 条/);
  assert.match(got.bar, /页边距与 GB\/T 9704 不符/);

  // Speed: read + check a 69 KB .docx through the page's API (worker round trip included).
  const big = readFileSync(path.join(CORPUS, 'docx', 'gov-report-2025-guangdong.docx'));
  const times = await page.evaluate(async (bytes) => {
    const m = await import('./report-check.js');
    const data = new Uint8Array(bytes);
    const out = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const r = await m.checkDocx(data.slice().buffer);
      out.push(performance.now() - t);
      if (!r.text.length) throw new Error('no text');
    }
    return out.sort((a, b) => a - b);
  }, [...big]);
  console.log(`# checkDocx of a ${big.length} B .docx in Chromium: median ${times[3].toFixed(1)} ms, fastest ${times[0].toFixed(1)} ms`);
  assert.ok(times[3] < 5000, `checkDocx took ${times[3]} ms`);

  // An old .doc given a .docx name: the reader's message, the text untouched.
  await page.setInputFiles('#file-input', {
    name: 'old.docx', mimeType: 'application/octet-stream',
    buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
  });
  await page.waitForFunction(() => document.querySelector('report-check').shadowRoot.textContent.includes('另存为 .docx'));
  const after = await page.evaluate(() => document.querySelector('report-check').shadowRoot.querySelector('textarea').value);
  assert.equal(after, got.text);
  assert.deepEqual(env.problems, [], 'console errors, page errors or CSP violations');
});
