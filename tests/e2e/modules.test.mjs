// The widget's modules (www/widget/, re-exported by www/report-check.js) under the strict CSP
// the server sends: the public entry exports what report-check.d.ts declares, and checking
// runs in a module worker started from widget/worker.js. node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setUp, WWW } from './helpers.mjs';

test('the widget modules', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForFunction(() => window.reportCheck && window.reportCheck.findings.length > 0, null, { timeout: 20_000 });

  await t.test('report-check.js exports what report-check.d.ts declares, and nothing else', async () => {
    const dts = readFileSync(path.join(WWW, 'report-check.d.ts'), 'utf8');
    const declared = [...dts.matchAll(/^export (?:declare )?(?:function|const|class) (\w+)/gm)].map((m) => m[1]).sort();
    const exported = await page.evaluate(async () => Object.keys(await import('./report-check.js')).sort());
    // Controller, isDocumentNote's helpers for the page (shiftFindings, diffEdges) are exported
    // for the page's tests; the declared API must all be there.
    for (const name of declared) assert.ok(exported.includes(name), `${name} exported`);
    assert.deepEqual(exported, ['CATEGORIES', 'Controller', 'FileError', 'MAX_FILE_BYTES', 'ReportCheckElement', 'SEVERITIES',
      'annotateDocx', 'attach', 'categoryLabel', 'check', 'checkDocx', 'checkTimeLimit', 'decodeText', 'diffEdges', 'isDocumentNote',
      'keepSurrogates', 'profiles', 'readTextFile', 'rules', 'severityLabel', 'shiftFindings', 'version']);
  });

  await t.test('checks run in a module worker started from widget/worker.js', async () => {
    assert.deepEqual(workers.map((u) => new URL(u).pathname), ['/widget/worker.js'], `workers: ${workers.join(' ')}`);
    const r = await page.evaluate(async () => (await import('./report-check.js')).check('一、总体情况\n我县于2024年开展自评。。', null));
    assert.ok(r.findings.length > 0, 'the worker checks');
    assert.equal(workers.length, 1, 'one worker for the page');
    // Not the main-thread fallback: the worker started, got the wasm the page compiled, and
    // stays up (a worker that failed would have been dropped for mode 'local').
    const engine = await page.evaluate(async () => {
      const e = (await import('./widget/engine.js')).engine();
      return { mode: e.mode, worker: !!e.worker, restarts: e.restarts };
    });
    assert.deepEqual(engine, { mode: 'worker', worker: true, restarts: 0 });
  });

  await t.test('the worker answers profiles, version, categories and rules before the checks waiting with them', async () => {
    // Everything is queued before the worker has its engine (the module comes last): as on a
    // page's load, where the element's first check is posted before the page asks for profiles.
    const replies = await page.evaluate(() => new Promise((resolve, reject) => {
      const w = new Worker(new URL('./widget/worker.js', location.href), { type: 'module' });
      const done = [];
      w.addEventListener('error', (e) => reject(new Error(e.message)));
      w.addEventListener('message', (e) => {
        const { id, result, json, error, started } = e.data;
        if (started) return;
        done.push({ id, ok: error === undefined, findings: json ? JSON.parse(json).findings.length : undefined, n: Array.isArray(result) ? result.length : typeof result });
        if (done.length === 6) { w.terminate(); resolve(done); }
      });
      w.postMessage({ id: 1, op: 'check', text: '一、总体情况\n我县于2024年开展自评。。', profile: null });
      w.postMessage({ id: 2, op: 'profiles' });
      w.postMessage({ id: 3, op: 'check', text: '二、主要做法\n全县共有学校36所,在校学生1.2万人。', profile: null });
      w.postMessage({ id: 4, op: 'version' });
      w.postMessage({ id: 5, op: 'categories' });
      w.postMessage({ id: 6, op: 'rules' });
      w.postMessage({ op: 'module', module: null });
    }));
    assert.deepEqual(replies.map((r) => r.id), [2, 4, 5, 6, 1, 3], JSON.stringify(replies));
    assert.ok(replies.every((r) => r.ok), JSON.stringify(replies));
    // The checks still run, in the order they came, with their findings.
    assert.ok(replies[4].findings > 0 && replies[5].findings > 0, JSON.stringify(replies));
    assert.ok(replies[0].n > 0 && replies[1].n === 'string' && replies[2].n > 0 && replies[3].n > 0, JSON.stringify(replies));
  });

  await t.test('the page hints the wasm in its head, so its fetch starts while the page parses', () => {
    const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
    assert.match(html, /<link rel="preload" href="pkg\/report_check_bg\.wasm" as="fetch" type="application\/wasm" crossorigin>/);
  });

  // The modules index.html's entry scripts import, statically, all the way down.
  const entries = () => [...readFileSync(path.join(WWW, 'index.html'), 'utf8')
    .matchAll(/<script type="module"(?: async)? src="([\w/.-]+\.js)"(?: fetchpriority="low")?><\/script>/g)].map((m) => m[1]);
  const staticGraph = (roots) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(path.join(WWW, file), 'utf8');
      for (const [, spec] of code.matchAll(/^import (?:[^'";]* from )?'(\.[^']+)';/gm)) {
        visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
      }
    };
    roots.forEach(visit);
    return seen;
  };

  await t.test('index.html starts the engine first and preloads every module its scripts import and the glue (the worker loads its own)', () => {
    const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
    const scripts = entries();
    assert.deepEqual(scripts, ['start.js', 'app.js', 'batch.js']);
    // start.js is an async module right after the wasm's preload: the worker starts and the wasm
    // compiles while the page's other modules load.
    assert.ok(html.indexOf('src="start.js"') < html.indexOf('rel="modulepreload"'), 'start.js before the module preloads');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([\w/.-]+\.js)">/g)].map((m) => m[1]).sort();
    const graph = [...staticGraph(scripts)].filter((f) => !scripts.includes(f)).sort();
    // And the wasm-pack glue, which engine.js imports at once for the page's own instance (it
    // answers profiles and version: the page is ready without waiting for the worker).
    assert.deepEqual(preloaded, [...graph, 'pkg/report_check.js'].sort());
    // What the page never uses at load is not in it: attach() and the rich-text editor adapters.
    assert.ok(!graph.some((f) => f === 'report-check.js' || f === 'widget/attach.js' || f.startsWith('widget/adapters/')), graph.join(' '));
  });

  await t.test('index.html loads only those modules before it is ready to check', async () => {
    const index = await env.newPage();
    const loaded = [];
    index.on('request', (r) => { if (r.url().endsWith('.js')) loaded.push(new URL(r.url()).pathname.slice(1)); });
    await index.goto(env.url);
    await index.waitForFunction(() => window.__reportCheckReady, null, { timeout: 20_000 });
    const scripts = entries();
    const expected = new Set([...staticGraph(scripts), 'file-check.js', 'widget/worker.js', 'pkg/report_check.js']);
    assert.deepEqual([...new Set(loaded)].filter((f) => !expected.has(f)), []);
    for (const f of staticGraph(scripts)) assert.ok(loaded.includes(f), `${f} loaded`);
    // The widget's full API is still there for scripts of the page (loaded when asked for).
    assert.equal(await index.evaluate(async () => typeof (await import('./report-check.js')).attach), 'function');
    await index.close();
  });

  await t.test('index.html is ready to check with no answer from the worker: the page\'s own instance answers profiles and version', async () => {
    const index = await env.newPage();
    // A worker that never gets a message (so never answers): the checks wait, being ready does not.
    await index.addInitScript(() => {
      const W = window.Worker;
      window.Worker = class extends W { postMessage() {} };
    });
    await index.goto(env.url);
    await index.waitForFunction(() => window.__reportCheckReady, null, { timeout: 20_000 });
    const got = await index.evaluate(async () => ({
      options: [...document.querySelectorAll('#profile option')].map((o) => o.value),
      profiles: (await import('./widget/engine.js').then((e) => e.profiles())).map((p) => p.id),
      selectDisabled: document.getElementById('profile').disabled,
      demoDisabled: document.getElementById('load-demo').disabled,
      version: document.getElementById('version').textContent,
      ready: performance.getEntriesByName('report-check:ready').length,
    }));
    assert.ok(got.profiles.length > 1, JSON.stringify(got));
    assert.deepEqual(got.options, got.profiles);
    assert.equal(got.selectDisabled, false);
    assert.equal(got.demoDisabled, false);
    assert.match(got.version, /^引擎 v\d+\.\d+\.\d+/);
    assert.equal(got.ready, 1, 'the page marks when it became ready (scripts/bench-browser.mjs reads it)');
    await index.close();
  });

  await t.test('no CSP violation, page error or console error', () => {
    assert.deepEqual(env.problems, []);
  });
});
