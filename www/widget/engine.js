// The engine: loads the wasm-pack output (../pkg/) and runs checks in a module worker
// (worker.js, next to this file), on the main thread when no worker can start; a check past
// its time limit is abandoned. A second instance on the page runs, synchronously, the checks
// an editor predicts to be fast (checkOnPage), so their highlights change in the key's own
// frame. The headless API (check, checkDocx, profiles, rules, version).

import { withCategories } from './labels.js';

const PKG_URL = new URL('../pkg/report_check.js', import.meta.url);
const WASM_URL = new URL('../pkg/report_check_bg.wasm', import.meta.url);

const WORKER_URL = new URL('./worker.js', import.meta.url);

// The wasm, fetched and compiled on this thread once per page: from the first call on, while
// the worker starts (it is posted to the worker: worker.js), not after the worker has loaded.
// null when streaming compilation fails (a server that does not send application/wasm, a
// policy without 'wasm-unsafe-eval'): then the glue fetches the wasm itself and falls back to
// compiling from bytes.
let compiling = null;
const compile = () => (typeof WebAssembly.compileStreaming === 'function'
  ? WebAssembly.compileStreaming(fetch(WASM_URL)).catch(() => null)
  : Promise.resolve(null));
const compiled = () => (compiling ??= compile());
/** The wasm's compile, started by a page's first script before this module has loaded (a
 * promise of a WebAssembly.Module, or of null when it could not compile): used instead of
 * compiling it again. Without it, the engine compiles the wasm at its first call. */
export function useCompiled(promise) {
  compiling ??= Promise.resolve(promise).catch(() => null);
}

// Loads the engine on this thread: the wasm is fetched and compiled while the JS glue is
// fetched, not after it.
export function loadEngine() {
  const module = compiled();
  return import(PKG_URL.href).then(async (m) => {
    const wasm = await module;
    await m.default(wasm ? { module_or_path: wasm } : undefined);
    return m;
  });
}

// ---------------------------------------------------------------------------------------------
// Engine client (main thread).

// How long a check may run before it is abandoned: generous, since a normal 1 MB report takes
// a second or two; only text built to be slow (or a bug) gets near it.
export const checkTimeLimit = (text) => 20_000 + Math.ceil(String(text ?? '').length / 1000) * 20;
// A check of an editor's text that has run this long is abandoned when a newer text of the
// same editor arrives: only the newest text's check matters.
const SUPERSEDE_AFTER_MS = 1000;

class Engine {
  constructor() {
    this.worker = null;
    this.local = null;
    this.seq = 0;
    this.calls = new Map();
    this.running = null; // the call the worker is working on
    this.restarts = 0;
    this.mode = 'worker';
    this.page = null; // the engine instantiated on this thread, once warmPage() has loaded it
    this.timings = new Map(); // channel → { chars, ms, where } of its last finished check
    this.pageTimings = new Map(); // channel → { chars, ms } of its last check on this thread
    this.supersedeAfterMs = SUPERSEDE_AFTER_MS;
  }

  // The check of an editor's older text (channel) that a newer text of it makes unneeded: the
  // one the worker runs, or one sent whose start the page has not heard of yet (its main thread
  // was busy, e.g. laying out the long text it sent), once it has run supersedeAfterMs.
  supersededBy(channel, now = performance.now()) {
    if (channel == null) return null;
    const r = this.running && this.running.msg.channel === channel ? this.running
      : [...this.calls.values()].find((c) => c.started === undefined && c.msg.channel === channel && c.msg.op === 'check');
    return r && now - (r.started ?? r.sent) > this.supersedeAfterMs ? r : null;
  }

  // Instantiates the engine on this thread too (the wasm is already compiled here), for
  // checkOnPage. Called once an editor has its first findings, so it never delays them.
  warmPage() {
    if (this.page || this.warming) return;
    this.warming = true;
    (this.local ??= loadEngine()).then((m) => { this.page = m; }, () => {});
  }

  /** How long the last finished check on `channel` took, in the engine: { chars, ms, where }. */
  timing(channel) {
    return this.timings.get(channel);
  }

  /** How long the last check on `channel` on this thread (checkOnPage) took: { chars, ms }. */
  pageTiming(channel) {
    return this.pageTimings.get(channel);
  }

  // Runs a check on this thread at once (synchronously): for texts the caller predicts to be
  // fast (the time limit cannot interrupt it). Returns the report; throws what check throws.
  checkOnPage(text, profile, channel) {
    // A check of this editor's older text the worker has worked on for long is no longer
    // needed: the worker is restarted for the calls behind it.
    const r = this.supersededBy(channel);
    if (r) this.abandon(r, 'superseded');
    const t0 = performance.now();
    let failed = true;
    try {
      const report = this.page.check(text, profile || undefined);
      failed = false;
      return report;
    } finally {
      // After a check that threw (a trap leaves the instance unusable, and the glue keeps the
      // one instance), this page checks in the worker only.
      if (channel != null) {
        const at = performance.now();
        const timing = { chars: text.length, ms: failed ? Infinity : at - t0, where: 'page', at };
        this.timings.set(channel, timing);
        this.pageTimings.set(channel, timing);
      }
      if (failed) {
        this.page = null;
        this.pageBroken = true; // the quick answers too come from the worker from now on
      }
    }
  }

  startWorker() {
    if (this.worker || this.mode !== 'worker') return this.worker;
    let worker;
    try {
      worker = new Worker(WORKER_URL, { type: 'module', name: 'report-check' });
    } catch {
      this.mode = 'local';
      return null;
    }
    this.worker = worker;
    // The compiled wasm goes first (the worker waits for it before it instantiates; calls
    // posted before it wait in the worker's queue). null: the worker compiles it itself.
    compiled().then((module) => {
      try {
        worker.postMessage({ op: 'module', module });
      } catch {
        worker.postMessage({ op: 'module', module: null });
      }
    });
    worker.addEventListener('message', (event) => {
      if (worker !== this.worker) return;
      const { id, result, json, error, stale, started, ms, posted } = event.data;
      const call = this.calls.get(id);
      if (!call) return;
      if (started) {
        // Timed from when the worker began (the page may have been busy since).
        const now = performance.timeOrigin + performance.now();
        this.running = call;
        call.started = performance.now() - Math.max(0, now - started);
        if (call.limit > 0) {
          const left = call.limit - (now - started);
          if (left <= 0) this.abandon(call, 'timeout');
          else call.timer = setTimeout(() => this.abandon(call, 'timeout'), left);
        }
        return;
      }
      this.calls.delete(id);
      clearTimeout(call.timer);
      if (this.running === call) this.running = null;
      if (ms !== undefined && call.msg.channel != null) this.timings.set(call.msg.channel, { chars: call.msg.text.length, ms, where: 'worker' });
      if (stale) call.resolve(null);
      else if (error !== undefined) call.reject(new Error(error));
      else if (json !== undefined) {
        // User timing (DevTools, scripts/bench-keystroke.mjs): how long the report waited for
        // this thread (busy with a frame, say), then how long it took to parse.
        const arrived = performance.now();
        if (posted > 0) userTiming('report-check:reply-wait', { start: Math.min(arrived, posted - performance.timeOrigin), end: arrived });
        const report = JSON.parse(json);
        userTiming('report-check:parse', { start: arrived });
        call.resolve(report);
      }
      else call.resolve(result);
    });
    worker.addEventListener('error', (event) => {
      if (worker !== this.worker) return;
      // The worker could not start (old browser, worker-src policy): run on the main thread.
      event.preventDefault();
      worker.terminate();
      this.worker = null;
      this.running = null;
      this.mode = 'local';
      const calls = [...this.calls.values()];
      this.calls.clear();
      for (const call of calls) {
        clearTimeout(call.timer);
        this.runLocal(call.msg).then(call.resolve, call.reject);
      }
    });
    return worker;
  }

  // Stops the worker in the middle of `call` (a check past its time limit, or one a newer
  // text of the same editor superseded) and hands the calls still waiting to a fresh worker.
  // A timed-out call is rejected with an Error whose code is 'timeout'; a superseded one
  // resolves to null, like any stale check.
  abandon(call, why) {
    if (!this.worker || !this.calls.has(call.msg.id)) return;
    this.worker.terminate();
    this.worker = null;
    this.running = null;
    this.restarts++;
    this.calls.delete(call.msg.id);
    clearTimeout(call.timer);
    // Never predicted fast again until a check of this editor finishes.
    if (call.msg.channel != null) this.timings.set(call.msg.channel, { chars: call.msg.text.length, ms: Infinity, where: 'worker' });
    if (why === 'timeout') {
      const err = new Error(`检查超过 ${Math.max(1, Math.round(call.limit / 1000))} 秒仍未完成，已停止`);
      err.code = 'timeout';
      err.limit = call.limit;
      call.reject(err);
    } else {
      call.resolve(null);
    }
    const waiting = [...this.calls.values()];
    if (waiting.length && this.startWorker()) for (const c of waiting) this.worker.postMessage(c.msg);
  }

  async runLocal(msg) {
    const m = await (this.local ??= loadEngine());
    if (msg.op === 'check') return m.check(msg.text, msg.profile || undefined);
    if (msg.op === 'check_docx') return m.check_docx(new Uint8Array(msg.bytes), msg.profile || undefined);
    if (msg.op === 'annotate_docx') return m.annotate_docx(new Uint8Array(msg.bytes), msg.profile || undefined, msg.fixes || undefined, msg.skip || undefined);
    return m[msg.op]();
  }

  // The quick answers (categories, profiles, version, rules: what a page needs to be ready to
  // check) come from the page's own instance, the one checkOnPage uses, instantiated here once
  // the wasm is compiled. A trace of a cold load showed the worker's answers arriving 30–40 ms
  // after the page's modules had run: the worker's start, its first messages and its answers
  // all pass through the page's thread while it is busy evaluating them. The worker still
  // starts at the first call, for the checks. If the engine cannot load here (or throws), the
  // worker answers.
  quick(op) {
    if (this.pageBroken) return this.call(op);
    // The wasm's compile first: creating the worker takes the page's thread for a while.
    const local = (this.local ??= loadEngine());
    this.startWorker();
    return local.then((m) => m[op]()).catch(() => this.call(op));
  }

  call(op, fields = {}, limit = 0) {
    const msg = { id: ++this.seq, op, ...fields };
    if (!this.startWorker()) return this.runLocal(msg);
    const r = op === 'check' ? this.supersededBy(msg.channel) : null;
    if (r) this.abandon(r, 'superseded');
    this.startWorker();
    return new Promise((resolve, reject) => {
      this.calls.set(msg.id, { msg, resolve, reject, limit, sent: performance.now() });
      this.worker.postMessage(msg);
    });
  }
}

/** A user timing mark (or, with `measure`, a measure) that replaces the last one of its name:
 * marks and measures are kept until cleared, and a check leaves several (a day's typing would
 * pile up tens of thousands). DevTools and scripts/bench-keystroke.mjs read the last one. */
export function userTiming(name, measure) {
  // Timing never costs a report (a browser without measure options throws).
  try {
    if (measure) {
      performance.clearMeasures(name);
      performance.measure(name, measure);
    } else {
      performance.clearMarks(name);
      performance.mark(name);
    }
  } catch {
    // no timing then
  }
}

let sharedEngine = null;
export const engine = () => (sharedEngine ??= withCategories(new Engine()));
let channels = 0;
/** A new channel id: a newer check on one channel supersedes its waiting one (one per editor). */
export const nextChannel = () => ++channels;

/** Checks `text` with a built-in profile id (or a profile object / JSON string); resolves to the report. */
/** A check running longer than `options.timeLimit` ms (default: checkTimeLimit(text)) is
 * abandoned and rejects with an Error whose `code` is 'timeout'. */
export function check(text, profile, options = {}) {
  const t = String(text ?? '');
  return engine().call('check', { text: t, profile: profile ?? null }, options.timeLimit ?? checkTimeLimit(t));
}
/** Reads and checks a .docx (bytes): resolves to `{ text, lines, parts, findings, summary }`
 * (the text as Word shows it, automatic numbering included; layout findings among the
 * findings); a file that is not a readable .docx rejects with a Chinese message. */
export function checkDocx(bytes, profile) {
  return engine().call('check_docx', { bytes, profile: profile ?? null }, 60_000);
}
/** The annotated copy of a .docx (bytes): resolves to its bytes (a Uint8Array) with every
 * finding of checkDocx(bytes, profile) as a Word comment (批注) on its text, and `fixes` — the
 * fixes the drafter accepted, `[{ start, end, text, old? }]` at checkDocx's text positions — as
 * tracked changes (修订); the findings in `skip`, `[{ rule, start, end }]` (ignored), get no
 * comment. The rest of the file is byte for byte the same. */
export function annotateDocx(bytes, profile, fixes = [], skip = []) {
  return engine().call('annotate_docx', { bytes, profile: profile ?? null, fixes, skip }, 60_000);
}
/** The built-in profiles, `[{ id, name }]`; the first is the default. */
export const profiles = () => engine().quick('profiles');
/** Every rule, `[{ id, category, severity, description }]`. */
export const rules = () => engine().quick('rules');
/** The checker's version. */
export const version = () => engine().quick('version');
