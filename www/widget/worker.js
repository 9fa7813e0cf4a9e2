// The module worker's script (engine.js starts it): one request queue; a newer check on the
// same channel supersedes a waiting one. Loaded anywhere else, it does nothing.
//
// No imports, so the worker starts after one fetch: it imports the wasm-pack glue at once,
// while the page fetches and compiles the wasm (preloaded by the page's <link rel=preload>)
// and posts the compiled WebAssembly.Module as its first message ({ op: 'module' }); a null
// module (the page could not compile it) and the worker fetches and compiles it itself.

const PKG_URL = new URL('../pkg/report_check.js', import.meta.url);

const IN_WORKER = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof globalThis.WorkerGlobalScope;

// ---------------------------------------------------------------------------------------------
// Worker side: one request queue; a newer check on the same channel supersedes a waiting one.

if (IN_WORKER) {
  const glue = import(PKG_URL.href);
  let posted;
  const module = new Promise((resolve) => { posted = resolve; });
  let engine = null;
  const queue = [];
  let busy = false;
  const load = () => (engine ??= Promise.all([glue, module]).then(async ([m, compiled]) => {
    await m.default(compiled ? { module_or_path: compiled } : undefined);
    return m;
  }));
  // The quick answers (profiles, version, categories, rules: what a page needs to be ready to
  // check) go before waiting checks. At load the page's first check (of its empty or restored
  // text) is queued before them, and an instance's first check takes 25 to 50 ms even on an
  // empty text (the engine builds its tables then): it runs right after them, while the drafter
  // looks at the page, instead of keeping the page's controls disabled.
  const QUICK = new Set(['profiles', 'version', 'categories', 'rules']);
  const next = () => {
    const i = queue.findIndex((m) => QUICK.has(m.op));
    return queue.splice(Math.max(0, i), 1)[0];
  };
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      while (queue.length) {
        // The engine first: the request is then chosen among all that arrived meanwhile.
        await load().catch(() => {});
        const msg = next();
        let reply;
        try {
          const m = await load();
          // The page times a check from here (a long one is abandoned: Engine.abandon).
          globalThis.postMessage({ id: msg.id, started: performance.timeOrigin + performance.now() });
          let result;
          let ms;
          if (msg.op === 'check') {
            const t0 = performance.now();
            // The report as JSON text, written by the engine: posted as it is, parsed once on
            // the page (no objects built here only to be stringified again).
            result = m.check_json(msg.text, msg.profile || undefined);
            // How long the check took (the page decides from it where the next one runs).
            ms = performance.now() - t0;
          }
          else if (msg.op === 'check_docx') result = m.check_docx(new Uint8Array(msg.bytes), msg.profile || undefined);
          else if (msg.op === 'annotate_docx') result = m.annotate_docx(new Uint8Array(msg.bytes), msg.profile || undefined, msg.fixes || undefined, msg.skip || undefined);
          else if (msg.op === 'profiles') result = m.profiles();
          else if (msg.op === 'rules') result = m.rules();
          else if (msg.op === 'categories') result = m.categories();
          else if (msg.op === 'version') result = m.version();
          else throw new Error(`unknown op ${msg.op}`);
          // A check's report goes as JSON text: the page parses 500 findings in about 1 ms,
          // where reading them from a structured clone takes 5 ms of the page's time.
          // `posted`: when the reply left, so the page can tell how long it waited for the page.
          reply = msg.op === 'check' ? { id: msg.id, json: result, ms, posted: performance.timeOrigin + performance.now() } : { id: msg.id, result };
        } catch (err) {
          reply = { id: msg.id, error: String((err && err.message) || err) };
        }
        globalThis.postMessage(reply);
        // Let newer messages arrive before the next check, so superseded ones are skipped.
        await new Promise((r) => setTimeout(r, 0));
      }
    } finally {
      busy = false;
    }
  };
  // Load at once, before the first request arrives (a failure is reported to that request).
  load().catch(() => {});
  globalThis.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg.op === 'module') {
      posted(msg.module instanceof WebAssembly.Module ? msg.module : null);
      return;
    }
    if (msg.channel != null) {
      for (let i = queue.length - 1; i >= 0; i--) {
        if (queue[i].channel === msg.channel) {
          globalThis.postMessage({ id: queue[i].id, stale: true });
          queue.splice(i, 1);
        }
      }
    }
    queue.push(msg);
    run();
  });
}
