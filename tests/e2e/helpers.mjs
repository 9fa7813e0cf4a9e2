// Shared set-up for the end-to-end tests (not a test file itself: node --test runs *.test.mjs).
// Needs /usr/bin/chromium (Debian package) and the wasm package in www/pkg (wasm-pack build,
// see docs/API.md). Either missing is a failure, not a skip.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WWW = path.join(REPO, 'www');
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.join(REPO, 'target', 'e2e');
export const SAMPLES = path.join(REPO, '..', 'shared', 'domain', 'samples');

export const CATEGORY_ORDER = ['section', 'numbering', 'placeholder', 'figure', 'score', 'punctuation', 'bracket',
  'docnum', 'whitespace', 'encoding', 'residue', 'typo'];
export const SEVERITY_ORDER = ['error', 'warning', 'info'];
// The rows of a CSV the page downloads (CRLF lines, "quoted" cells with "" for a quote).
export const parseCSV = (text) => text.split('\r\n').filter(Boolean).map((line) => {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
});

export const isSorted = (ranks) => ranks.every((r, i) => i === 0 || ranks[i - 1] <= r);

/** Text of ../shared/domain/samples/004_*.txt, or null (with a note) when it is absent. */
export function sample004() {
  try {
    const name = readdirSync(SAMPLES).find((f) => f.startsWith('004_') && f.endsWith('.txt'));
    if (name) return readFileSync(path.join(SAMPLES, name), 'utf8');
  } catch { /* absent */ }
  console.log(`# note: ${SAMPLES}/004_*.txt is absent; using the built-in test report instead`);
  return null;
}

export function screenshotPath(name) {
  mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, name);
}

/**
 * Starts www/ and Chromium. Records every request, page error, console error and CSP
 * violation (in the page and in workers) so a test can assert there were none.
 */
export async function setUp(t) {
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
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const requests = [];
  const problems = [];
  context.on('request', (request) => requests.push(request.url()));
  // Anything for another origin is answered here and never leaves the machine (and is counted).
  await context.route((u) => u.origin !== origin && u.protocol !== 'blob:' && u.protocol !== 'data:', (route) => route.abort());
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const watch = (page) => {
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
    page.on('worker', (worker) => worker.on('console', (msg) => { if (msg.type() === 'error') problems.push(`worker console error: ${msg.text()}`); }));
  };
  context.on('page', watch);
  t.after(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const newPage = async () => {
    const page = await context.newPage();
    return page;
  };
  return { browser, context, url, origin, requests, problems, newPage };
}

export const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// Largest share of differing ink over the 64×64 tiles of two equally sized PNG screenshots:
// 0 when identical, around 1 when text is displaced by a pixel or more. Glyph positions in
// a split text run may round to a different quarter pixel, which stays far below 0.25.
// Decoded by the browser itself, in a blank page.
export const MAX_INK_DIFFERENCE = 0.25;
export async function inkDifference(scratch, pngA, pngB) {
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

// Screenshots a textarea's text area twice, once with only the textarea's glyphs painted and
// once with only the widget's mirror (highlights off): the same pixels, up to rounding, mean
// the mirror — and so every highlight drawn on it — lies exactly on the textarea's text.
// `spec`: { host: selector of the widget host, textarea?: selector of an attached textarea }.
let dumps = 0;
export async function overlayDifference(page, scratch, spec) {
  const paint = (layer) => page.evaluate(([spec, layer]) => {
    const host = document.querySelector(spec.host);
    const textarea = spec.textarea ? document.querySelector(spec.textarea) : host.shadowRoot.querySelector('textarea');
    const mirror = host.shadowRoot.querySelector('.mirror');
    textarea.setSelectionRange(0, 0);
    textarea.blur();
    for (const mark of mirror.querySelectorAll('mark')) {
      mark.style.setProperty('background', 'none');
      mark.style.setProperty('text-decoration', 'none');
      mark.style.setProperty('color', 'inherit');
    }
    window.__savedHighlights ??= new Map(CSS.highlights);
    CSS.highlights.clear();
    textarea.style.setProperty('color', layer === 'editor' ? '#000' : 'transparent', 'important');
    textarea.style.setProperty('caret-color', 'transparent', 'important');
    mirror.style.setProperty('color', layer === 'mirror' ? '#000' : 'transparent');
    mirror.style.setProperty('mix-blend-mode', 'normal');
  }, [spec, layer]);
  // The text area without the side padding, whose rounded corners are painted slightly
  // differently in the two shots; text never reaches into it (lines wrap, no horizontal scroll).
  const clip = await page.evaluate((spec) => {
    const host = document.querySelector(spec.host);
    const textarea = spec.textarea ? document.querySelector(spec.textarea) : host.shadowRoot.querySelector('textarea');
    const r = textarea.getBoundingClientRect();
    const inset = parseFloat(getComputedStyle(textarea).paddingLeft);
    return { x: r.left + textarea.clientLeft + inset, y: r.top + textarea.clientTop, width: textarea.clientWidth - 2 * inset, height: textarea.clientHeight };
  }, spec);
  await paint('editor');
  await nextFrame(page);
  const own = await page.screenshot({ clip });
  await paint('mirror');
  await nextFrame(page);
  const mirrored = await page.screenshot({ clip });
  await page.evaluate((spec) => {
    const host = document.querySelector(spec.host);
    const textarea = spec.textarea ? document.querySelector(spec.textarea) : host.shadowRoot.querySelector('textarea');
    const mirror = host.shadowRoot.querySelector('.mirror');
    for (const [name, h] of window.__savedHighlights) CSS.highlights.set(name, h);
    window.__savedHighlights = undefined;
    textarea.style.removeProperty('color');
    textarea.style.removeProperty('caret-color');
    mirror.style.removeProperty('color');
    mirror.style.removeProperty('mix-blend-mode');
    for (const mark of mirror.querySelectorAll('mark')) mark.removeAttribute('style');
  }, spec);
  if (process.env.E2E_DUMP) {
    writeFileSync(screenshotPath(`overlay-${++dumps}-editor.png`), own);
    writeFileSync(screenshotPath(`overlay-${dumps}-mirror.png`), mirrored);
  }
  return inkDifference(scratch, own, mirrored);
}
