// report-check widget: one ES module for the page, for embedding in OA systems, and for its
// own Web Worker.
//
//   <script type="module">
//     import { attach } from './report-check/report-check.js';
//     attach(document.querySelector('textarea[name=body]'));
//   </script>
//
// Exports: the custom element <report-check profile="…"> (events `findings` and `change`, a
// `value` property), attach(textarea, options) for an existing <textarea>, and the headless
// check(text, profile) / profiles() / rules() / version(). Types: report-check.d.ts.
//
// Checking runs in a module worker started from this same file, which loads the wasm-pack
// output from ./pkg/ next to it; when no worker can start, it runs on the main thread.
// Nothing is fetched from another origin; no eval, no inline script or style: it works under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`. User text only ever reaches the
// DOM as text nodes.

const PKG_URL = new URL('./pkg/report_check.js', import.meta.url);
const WASM_URL = new URL('./pkg/report_check_bg.wasm', import.meta.url);

// Loads the engine: the wasm is fetched and compiled while the JS glue is fetched, not after it.
// When streaming compilation fails (a server that does not send application/wasm), the glue
// fetches the wasm itself and falls back to compiling from bytes.
function loadEngine() {
  const compiled = typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch(WASM_URL)).catch(() => undefined)
    : Promise.resolve(undefined);
  return import(PKG_URL.href).then(async (m) => {
    const module = await compiled;
    await m.default(module ? { module_or_path: module } : undefined);
    return m;
  });
}

const IN_WORKER = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof globalThis.WorkerGlobalScope;

// ---------------------------------------------------------------------------------------------
// Worker side: one request queue; a newer check on the same channel supersedes a waiting one.

if (IN_WORKER) {
  let engine = null;
  const queue = [];
  let busy = false;
  const load = () => (engine ??= loadEngine());
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      while (queue.length) {
        const msg = queue.shift();
        let reply;
        try {
          const m = await load();
          // The page times a check from here (a long one is abandoned: Engine.abandon).
          globalThis.postMessage({ id: msg.id, started: performance.timeOrigin + performance.now() });
          let result;
          if (msg.op === 'check') result = m.check(msg.text, msg.profile || undefined);
          else if (msg.op === 'check_docx') result = m.check_docx(new Uint8Array(msg.bytes), msg.profile || undefined);
          else if (msg.op === 'profiles') result = m.profiles();
          else if (msg.op === 'rules') result = m.rules();
          else if (msg.op === 'categories') result = m.categories();
          else if (msg.op === 'version') result = m.version();
          else throw new Error(`unknown op ${msg.op}`);
          reply = { id: msg.id, result };
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
  }

  startWorker() {
    if (this.worker || this.mode !== 'worker') return this.worker;
    let worker;
    try {
      worker = new Worker(import.meta.url, { type: 'module', name: 'report-check' });
    } catch {
      this.mode = 'local';
      return null;
    }
    this.worker = worker;
    worker.addEventListener('message', (event) => {
      if (worker !== this.worker) return;
      const { id, result, error, stale, started } = event.data;
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
      if (stale) call.resolve(null);
      else if (error !== undefined) call.reject(new Error(error));
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
    return m[msg.op]();
  }

  call(op, fields = {}, limit = 0) {
    const msg = { id: ++this.seq, op, ...fields };
    if (!this.startWorker()) return this.runLocal(msg);
    const r = this.running;
    if (op === 'check' && msg.channel != null && r && r.msg.channel === msg.channel
      && performance.now() - r.started > SUPERSEDE_AFTER_MS) this.abandon(r, 'superseded');
    this.startWorker();
    return new Promise((resolve, reject) => {
      this.calls.set(msg.id, { msg, resolve, reject, limit });
      this.worker.postMessage(msg);
    });
  }
}

let sharedEngine = null;
const engine = () => (sharedEngine ??= withCategories(new Engine()));
let channels = 0;

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
/** The built-in profiles, `[{ id, name }]`; the first is the default. */
export const profiles = () => engine().call('profiles');
/** Every rule, `[{ id, category, severity, description }]`. */
export const rules = () => engine().call('rules');
/** The checker's version. */
export const version = () => engine().call('version');

// ---------------------------------------------------------------------------------------------
// Labels and helpers.

// The categories in display order, `[id, label]`, from the engine's categories() (asked
// first, so they are in before any check's findings).
export const CATEGORIES = [];
const CATEGORY_LABEL = new Map();
const CATEGORY_RANK = new Map();
function withCategories(e) {
  e.call('categories').then((list) => {
    for (const { id, label } of list) {
      CATEGORY_RANK.set(id, CATEGORIES.length);
      CATEGORY_LABEL.set(id, label);
      CATEGORIES.push([id, label]);
    }
  }, () => {});
  return e;
}
export const SEVERITIES = [['error', '错误'], ['warning', '警告'], ['info', '提示']];
const SEVERITY_LABEL = new Map(SEVERITIES);
const SEVERITY_RANK = new Map(SEVERITIES.map(([id], i) => [id, i]));
const COLOURS = {
  section: '124, 58, 237', numbering: '37, 99, 235', placeholder: '220, 38, 38', figure: '8, 145, 178',
  score: '77, 124, 15', punctuation: '234, 88, 12', bracket: '202, 138, 4', docnum: '22, 163, 74',
  whitespace: '100, 116, 139', encoding: '146, 64, 14', residue: '13, 148, 136', typo: '219, 39, 119',
  other: '82, 82, 91',
};
const LIST_LIMIT = 100; // entries shown per group before "show more"
const LIST_LIMIT_FLAT = 200; // entries shown in document order before "show more"
const LIST_AT_ONCE = 150; // entries built at once; more are added in slices (fillList)
const LIST_SLICE_MS = 8;

export const categoryLabel = (c) => CATEGORY_LABEL.get(c) || c;
export const severityLabel = (s) => SEVERITY_LABEL.get(s) || s;

/** Files larger than this are not opened (the message says so); a report is far smaller. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** A file that cannot be opened as text: `message` is plain Chinese for the user. */
export class FileError extends Error {
  constructor(message, kind) {
    super(message);
    this.name = 'FileError';
    this.kind = kind;
  }
}

const startsWith = (bytes, sig) => sig.every((b, i) => bytes[i] === b);

// What a binary file is, from its first bytes (null: looks like text).
function binaryKind(bytes) {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
  // Text never holds NUL or many other control bytes; a few in the first 4 KB mean binary.
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return 'binary';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > 8 && control * 100 > n ? 'binary' : null;
}

const BINARY_MESSAGES = {
  zip: '这是压缩格式的文件（如 .zip，或扩展名不是 .docx 的 Word 文件），不是纯文本。若是 Word 文档，请在 Word/WPS 中另存为 .docx 后再打开，或者全选正文复制后粘贴到这里。',
  ole: '这是旧版 Word 文件（.doc）或其他 Office 文件，不是纯文本。请在 Word/WPS 中打开它，另存为 .docx 后再打开，或者全选正文复制后粘贴到这里。',
  pdf: '这是 PDF 文件，不是纯文本。请在 PDF 阅读器或 Word/WPS 中打开它，复制正文后粘贴到这里。',
  rtf: '这是 RTF 格式文件，不是纯文本。请在 Word/WPS 中打开它，另存为纯文本（.txt）后再打开，或复制正文粘贴到这里。',
  binary: '这个文件不是文本文件（其中有二进制内容），无法打开。请打开 .txt 文本文件，或者复制正文后粘贴到这里。',
};

/**
 * Decodes a file's bytes as text: a byte-order mark decides (UTF-8, UTF-16 LE/BE, as Notepad
 * saves "Unicode"); else UTF-8 when valid, else GB18030 (GBK/GB2312 files from Windows).
 * Binary content (.docx, .doc, PDF, anything with NUL bytes) throws a FileError whose message
 * says in Chinese what the file is and what to do, instead of decoding it into garbage.
 */
export function decodeText(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const kind = binaryKind(bytes);
  if (kind) throw new FileError(BINARY_MESSAGES[kind], kind);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reads a File as text (decodeText), refusing files over MAX_FILE_BYTES with a FileError. */
export async function readTextFile(file, limit = MAX_FILE_BYTES) {
  if (file.size > limit) {
    const mb = (n) => (n / 1024 / 1024).toFixed(1);
    throw new FileError(`文件太大（${mb(file.size)} MB），超过 ${mb(limit)} MB 的上限，没有打开。一份报告的纯文本通常不到 1 MB；请确认选对了文件，或把正文分成几段粘贴检查。`, 'size');
  }
  return decodeText(await file.arrayBuffer());
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { dataset, attrs, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  if (attrs) for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/**
 * Whether a finding is about the whole document rather than a place in it: a missing part, an
 * indicator never mentioned. These are listed as a summary above the list and not highlighted
 * (the core anchors them on the title, or where the part was expected).
 */
export function isDocumentNote(f) {
  if (f.scope === 'document') return true;
  return f.rule === 'structure/indicator-coverage' || (f.rule === 'structure/sections' && /^缺少/.test(f.message || ''));
}

// The places a finding marks: every occurrence of a grouped finding, else its own span.
const spansOf = (f) => (f.occurrences && f.occurrences.length ? f.occurrences : [f]);

// Moves findings made for `before` onto `after` (one contiguous edit): spans before the edit
// stay, spans after it shift, spans the edit touches are dropped until the next check.
export function shiftFindings(before, after, list, edges = diffEdges(before, after)) {
  if (before === after) return list;
  const [head, tail] = edges;
  const editEnd = before.length - tail;
  const delta = after.length - before.length;
  const shift = (s) => {
    if (s.end < head || (s.end === head && s.start < head)) return s;
    if (s.start > editEnd || (s.start === editEnd && s.end > editEnd)) return { ...s, start: s.start + delta, end: s.end + delta };
    return null;
  };
  const out = [];
  for (const f of list) {
    if (!f.occurrences || !f.occurrences.length) {
      const g = shift(f);
      if (g) out.push(g);
      continue;
    }
    const occurrences = f.occurrences.map(shift).filter(Boolean);
    if (occurrences.length) out.push({ ...f, start: occurrences[0].start, end: occurrences[0].end, occurrences });
  }
  return out;
}

// One contiguous edit turning `a` into `b`: [length of the common prefix, of the common suffix
// after it]. Compares 1 KB slices natively first, so a keystroke in 1 MB costs well under 1 ms.
export function diffEdges(a, b) {
  const max = Math.min(a.length, b.length);
  const STEP = 1024;
  let head = 0;
  while (head + STEP <= max && a.slice(head, head + STEP) === b.slice(head, head + STEP)) head += STEP;
  while (head < max && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  const room = max - head;
  let tail = 0;
  while (tail + STEP <= room && a.slice(a.length - tail - STEP, a.length - tail) === b.slice(b.length - tail - STEP, b.length - tail)) tail += STEP;
  while (tail < room && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return [head, tail];
}

// Where a span is drawn: a zero-length finding covers the next character (or the previous one
// at the end of the text), never half a surrogate pair.
function drawnSpan(text, s) {
  let { start, end } = s;
  end = Math.min(end, text.length);
  start = Math.min(start, end);
  if (start === end) {
    if (end < text.length) end += isHigh(text.charCodeAt(end)) && end + 1 < text.length ? 2 : 1;
    else if (start > 0) start -= isLow(text.charCodeAt(start - 1)) && start > 1 ? 2 : 1;
  }
  return { start, end };
}
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

// ---------------------------------------------------------------------------------------------
// Style sheet (constructed, so a strict style-src never blocks it).

const CSS_TEXT = `
:host { display: block; --rc-ink: #1f2328; --rc-muted: #59636e; --rc-line: #d0d7de; --rc-paper: #fff;
  --rc-bg: #f6f8fa; --rc-accent: #0969da; color: var(--rc-ink);
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
.rc { display: flex; flex-direction: column; height: 100%; min-height: 0; gap: 10px; }
.bar { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 14px; font-size: 14px; color: var(--rc-muted); }
.bar .counts { display: flex; gap: 12px; align-items: baseline; }
.bar .count-item { display: inline-flex; align-items: baseline; gap: 4px; }
.bar .n { font-weight: 700; font-size: 16px; font-variant-numeric: tabular-nums; }
.bar .error .n { color: #cf222e; } .bar .warning .n { color: #7d4e00; } .bar .info .n { color: #0969da; }
.bar .state { font-size: 13px; }
.bar .notice { flex-basis: 100%; order: 5; padding: 4px 8px; border-radius: 6px; background: #fff8c5; color: #4d2d00;
  font-size: 13px; line-height: 1.6; }
.bar .notice[hidden], .btn[hidden] { display: none; }
.bar .nav { margin-left: auto; display: flex; gap: 6px; }
.btn { padding: 3px 10px; border: 1px solid var(--rc-line); border-radius: 6px; background: var(--rc-paper);
  color: var(--rc-ink); font-size: 13px; line-height: 1.6; }
.btn:hover:enabled { background: #eef1f4; }
.btn:disabled { cursor: default; opacity: .5; }
.btn:focus-visible, .entry:focus-visible, textarea:focus-visible { outline: 2px solid var(--rc-accent); outline-offset: 1px; }
/* The row takes the height it is given, not its content's: otherwise every change to the list
   makes the grid measure the whole list again (some 0.1 ms per entry, on every change). */
.main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(280px, 360px);
  grid-template-rows: minmax(240px, 1fr); gap: 14px; }
.editor-wrap { position: relative; min-height: 240px; contain: strict; will-change: transform; }
.editor { display: block; width: 100%; height: 100%; margin: 0; padding: 16px 20px; resize: none;
  border: 1px solid var(--rc-line); border-radius: 8px; background: var(--rc-paper); color: var(--rc-ink);
  font: inherit; font-size: 16px; line-height: 1.8; white-space: pre-wrap; overflow-wrap: break-word;
  overflow-x: hidden; overflow-y: scroll; tab-size: 4;
  /* Chromium trims the spacing of adjacent full-width punctuation in time quadratic in the run:
     8,000 adjacent 《 took 10 s to lay out after each key (2,000: 0.4 s). Full-width spacing,
     as Word shows by default, lays out in 10 ms. The mirror copies this. */
  text-spacing-trim: space-all; }
.editor:focus { outline: 2px solid var(--rc-accent); outline-offset: -1px; }
.editor::placeholder { color: #6e7781; }
.editor-wrap.drag .editor { outline: 2px dashed var(--rc-accent); outline-offset: -6px; }
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 1; pointer-events: none; }
.mirror { position: absolute; margin: 0; overflow: hidden; color: transparent; pointer-events: none;
  border-style: solid; border-color: transparent; background: transparent; mix-blend-mode: multiply;
  -webkit-user-select: none; user-select: none; }
.mirror .sub { position: absolute; top: 0; left: 0; right: 0; }
.mirror > div + div { text-indent: 0; }
/* Room below the text, so the mirror can always scroll as far as its textarea. */
.mirror::after { content: ""; display: block; height: 100vh; }
.tip { position: absolute; z-index: 1; width: max-content; max-width: min(360px, 80vw); padding: 8px 10px; border-radius: 6px;
  background: #1f2328; color: #fff; font-size: 13px; line-height: 1.6; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  pointer-events: none; }
.tip[hidden] { display: none; }
.tip .head { display: block; font-weight: 700; margin-bottom: 2px; }
.tip .sugg { display: block; color: #c8e1ff; }
.panel { min-height: 0; overflow-y: auto; padding: 10px 12px; background: var(--rc-paper);
  border: 1px solid var(--rc-line); border-radius: 8px; }
.panel h2 { margin: 2px 0 10px; font-size: 15px; }
.empty { color: var(--rc-muted); font-size: 14px; margin: 6px 0; }
.group { margin-bottom: 12px; }
.group-header { display: flex; align-items: center; gap: 8px; margin: 0 0 6px; font-size: 14px; }
.group-header .swatch { width: 12px; height: 12px; border-radius: 3px; background: rgb(var(--c)); }
.group-header .count { min-width: 22px; padding: 0 7px; border-radius: 10px; background: rgba(var(--c), .14);
  color: var(--rc-ink); font-size: 12px; text-align: center; font-variant-numeric: tabular-nums; }
.group-header .fix-all { margin-left: auto; }
ul { list-style: none; margin: 0; padding: 0; }
.item { margin: 0 0 6px; border-left: 4px solid rgb(var(--c)); border-radius: 4px; background: rgba(var(--c), .06); }
.item[aria-current="true"] { background: rgba(var(--c), .16); box-shadow: inset 0 0 0 1px rgba(var(--c), .6); }
.entry { display: block; width: 100%; padding: 6px 8px 2px; border: 0; background: transparent; color: var(--rc-ink);
  text-align: left; font-size: 14px; line-height: 1.6; }
.entry:hover { background: rgba(var(--c), .10); }
.sev { display: inline-block; margin-right: 6px; padding: 0 5px; border-radius: 3px; font-size: 12px; line-height: 1.6; }
.sev.error { background: #cf222e; color: #fff; }
.sev.warning { background: #fff1c2; color: #7d4e00; box-shadow: inset 0 0 0 1px #d4a72c; }
.sev.info { background: #ddf4ff; color: #0550ae; }
.pos { margin-right: 6px; color: var(--rc-muted); font-variant-numeric: tabular-nums; font-size: 12px; }
.excerpt { color: var(--rc-ink); font-weight: 600; margin-right: 4px; }
.advice { display: block; color: var(--rc-muted); font-size: 13px; }
.actions { display: flex; gap: 6px; padding: 2px 8px 6px; }
.actions .btn { padding: 0 8px; font-size: 12px; }
.more { width: 100%; }
.list-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 0 0 8px; font-size: 13px; color: var(--rc-muted); }
.list-tools select { font: inherit; font-size: 13px; padding: 1px 4px; border: 1px solid var(--rc-line); border-radius: 5px;
  background: var(--rc-paper); color: var(--rc-ink); }
.list-tools .shown-count { margin-left: auto; font-variant-numeric: tabular-nums; }
.notes { margin: 0 0 12px; padding: 8px 8px 2px; border: 1px solid #d4a72c; border-radius: 6px; background: #fff8c5; }
.notes-header { margin: 0 0 6px; font-size: 14px; color: #4d2d00; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 820px) { .main { grid-template-columns: minmax(0, 1fr); grid-template-rows: none; } .editor-wrap { height: 60vh; } .panel { max-height: none; overflow: visible; } }
:host(.rc-attached) { margin: 8px 0; }
:host(.rc-attached) .panel { max-height: 360px; }
.attached-bar { padding: 4px 2px; }
${Object.entries(COLOURS).map(([c, rgb]) => `[data-category="${c}"] { --c: ${rgb}; }`).join('\n')}
mark.finding { color: transparent; background: rgba(var(--c), .2); text-decoration: underline solid rgb(var(--c));
  text-decoration-thickness: 2px; text-underline-offset: 3px; text-decoration-skip-ink: none; border-radius: 0; }
mark.finding[data-severity="warning"] { background: rgba(var(--c), .14); text-decoration-style: dashed; }
mark.finding[data-severity="info"] { background: rgba(var(--c), .07); text-decoration-style: dotted; }
mark.finding[data-category="section"] { background: none; }
${Object.entries(COLOURS).flatMap(([c, rgb]) => c === 'section' ? [
    // Structure findings are about the document, often anchored on a whole paragraph: underline only.
    `::highlight(rc-${c}-error) { text-decoration: underline solid rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-warning) { text-decoration: underline dashed rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-info) { text-decoration: underline dotted rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
  ] : [
    `::highlight(rc-${c}-error) { background-color: rgba(${rgb}, .22); text-decoration: underline solid rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-warning) { background-color: rgba(${rgb}, .14); text-decoration: underline dashed rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-info) { background-color: rgba(${rgb}, .07); text-decoration: underline dotted rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
  ]).join('\n')}
`;

let sheet = null;
function adoptStyles(root) {
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS_TEXT);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    root.append(el('style', { textContent: CSS_TEXT })); // old browsers only
  }
}

// Painting limits (see Mirror.paintHighlights): texts up to SMALL_TEXT characters (and 200
// lines) are painted whole; at most MAX_PAINTED ranges (or <mark>s) are drawn.
const SMALL_TEXT = 20_000;
const MAX_PAINTED = 1500;

const HAS_HIGHLIGHTS = typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function' && typeof StaticRange === 'function';
// Shared per document: one Highlight per (category, severity); every widget adds its ranges.
const highlightRegistry = new Map();
function highlightFor(category, severity) {
  const c = COLOURS[category] ? category : 'other';
  const s = SEVERITY_RANK.has(severity) ? severity : 'info';
  const name = `rc-${c}-${s}`;
  let h = highlightRegistry.get(name);
  if (!h) {
    h = new Highlight();
    h.priority = 2 - SEVERITY_RANK.get(s); // errors paint over warnings over infos
    CSS.highlights.set(name, h);
    highlightRegistry.set(name, h);
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
// The mirror: a copy of the textarea's text laid out exactly like it, placed over it without
// taking pointer events; findings are painted on it (Custom Highlight API, else <mark>s).

const COPIED = ['box-sizing', 'font-family', 'font-size', 'font-style', 'font-variant', 'font-weight', 'font-stretch',
  'font-kerning', 'font-feature-settings', 'font-variation-settings', 'font-optical-sizing', 'font-size-adjust',
  'line-height', 'letter-spacing', 'word-spacing', 'text-indent', 'text-transform', 'text-align', 'text-rendering',
  'tab-size', 'white-space-collapse', 'text-wrap-mode', 'overflow-wrap', 'word-break', 'line-break', 'hyphens',
  'direction', 'unicode-bidi', 'writing-mode', 'text-orientation', 'padding-top', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'border-radius',
  '-webkit-font-smoothing', 'text-size-adjust', '-webkit-text-size-adjust', 'font-synthesis', 'font-language-override',
  'text-autospace', 'text-spacing-trim', 'font-variant-east-asian', 'font-variant-ligatures', 'font-variant-numeric',
  'text-justify', 'text-align-last', 'word-break', 'ruby-position'];

class Mirror {
  constructor(textarea, layer, mode) {
    this.textarea = textarea;
    this.layer = layer;
    this.mode = mode === 'overlay' || !HAS_HIGHLIGHTS ? 'overlay' : 'highlight';
    this.box = el('div', { className: 'mirror', attrs: { 'aria-hidden': 'true' } });
    this.box.dataset.mode = this.mode;
    // Highlight mode: one block per line of text (forced breaks lay out the same as in the
    // textarea), so an edit re-lays out only the lines it touches, even in a 1 MB text.
    this.lines = []; // div per line, each holding one text node (plus <br> when empty)
    this.lineStarts = [0];
    this.text = '';
    this.findings = [];
    this.ranges = []; // [Highlight, StaticRange] pairs this mirror added
    this.painted = []; // every span those ranges cover: { h, start, end }
    this.paintFrame = 0;
    layer.append(this.box);
    this.resetContent();
  }

  resetContent() {
    if (this.mode === 'highlight') {
      this.lines = [this.lineDiv('')];
      this.lineStarts = [0];
      this.box.replaceChildren(...this.lines);
    }
  }

  lineDiv(text) {
    const div = document.createElement('div');
    div.append(document.createTextNode(text));
    if (!text) div.append(document.createElement('br'));
    return div;
  }

  setLine(div, text) {
    const node = div.firstChild;
    if (node.data !== text) node.data = text;
    const br = node.nextSibling;
    if (!text && !br) div.append(document.createElement('br'));
    else if (text && br) br.remove();
  }

  // Line index holding offset `pos` (a newline belongs to the line it ends).
  lineOf(pos) {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // DOM position (text node, offset) of text offset `pos`.
  point(pos) {
    const i = this.lineOf(pos);
    const node = this.lines[i].firstChild;
    return [node, Math.min(pos - this.lineStarts[i], node.data.length)];
  }

  // Copies the textarea's text layout and places the mirror exactly over its box.
  sync() {
    const ta = this.textarea;
    const cs = getComputedStyle(ta);
    const st = this.box.style;
    if (cs.display === 'none' || !ta.isConnected || ta.offsetParent === null && cs.position !== 'fixed') {
      st.setProperty('display', 'none');
      return;
    }
    st.removeProperty('display');
    for (const p of COPIED) {
      const v = cs.getPropertyValue(p);
      if (v) st.setProperty(p, v);
    }
    st.setProperty('box-sizing', 'border-box');
    const bl = parseFloat(cs.borderLeftWidth) || 0;
    const br = parseFloat(cs.borderRightWidth) || 0;
    const bt = parseFloat(cs.borderTopWidth) || 0;
    const bb = parseFloat(cs.borderBottomWidth) || 0;
    // The textarea's scrollbars narrow its text box; widen the padding by as much instead.
    const barV = Math.max(0, ta.offsetWidth - bl - br - ta.clientWidth);
    const barH = Math.max(0, ta.offsetHeight - bt - bb - ta.clientHeight);
    st.setProperty('padding-right', `${(parseFloat(cs.paddingRight) || 0) + barV}px`);
    st.setProperty('padding-bottom', `${(parseFloat(cs.paddingBottom) || 0) + barH}px`);
    st.setProperty('width', `${ta.offsetWidth}px`);
    st.setProperty('height', `${ta.offsetHeight}px`);
    const a = ta.getBoundingClientRect();
    const b = this.layer.getBoundingClientRect();
    st.setProperty('left', `${a.left - b.left}px`);
    st.setProperty('top', `${a.top - b.top}px`);
    this.syncScroll();
  }

  syncScroll(follow = true) {
    this.box.scrollTop = this.textarea.scrollTop;
    this.box.scrollLeft = this.textarea.scrollLeft;
    if (follow) this.followScroll();
  }

  // New text (and the findings that go with it).
  setText(text, edges) {
    if (text === this.text) return;
    if (this.mode === 'highlight') {
      const before = this.text;
      const [head, tail] = edges || diffEdges(before, text);
      // Replace the lines the edit touches; the others keep their layout.
      const first = this.lineOf(head);
      const last = this.lineOf(before.length - tail);
      const from = this.lineStarts[first];
      const oldEnd = last + 1 < this.lineStarts.length ? this.lineStarts[last + 1] - 1 : before.length;
      const newEnd = oldEnd + text.length - before.length;
      const fresh = text.slice(from, newEnd).split('\n');
      const old = this.lines.slice(first, last + 1);
      const common = Math.min(old.length, fresh.length);
      for (let k = 0; k < common; k++) this.setLine(old[k], fresh[k]);
      const added = fresh.slice(common).map((t) => this.lineDiv(t));
      if (added.length) old[common - 1].after(...added);
      for (const div of old.slice(common)) div.remove();
      this.lines.splice(first + common, old.length - common, ...added);
      const starts = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
      this.lineStarts = starts;
    }
    this.text = text;
  }

  paint(findings) {
    cancelAnimationFrame(this.paintFrame);
    this.paintFrame = 0;
    this.findings = findings;
    this.syncScroll(false);
    if (this.mode === 'highlight') this.paintHighlights();
    else this.paintMarks();
  }

  // Paints at the next animation frame: while typing, each key is handled at once and the
  // highlights are drawn once per frame, however many keys came in between.
  paintSoon(findings) {
    this.findings = findings;
    if (!this.paintFrame) this.paintFrame = requestAnimationFrame(() => { this.paintFrame = 0; this.paint(this.findings); });
  }

  // Highlight mode registers ranges only for the text in and around the view, merges runs of
  // touching spans of one kind into one range and registers at most MAX_PAINTED ranges:
  // Chromium re-validates every registered range after any DOM change and slows down faster
  // than linearly with many adjacent ranges (8,000 adjacent 《 took 2.75 s per keystroke).
  // The window: the text from a screenful above the view to a screenful below it (at least
  // 2,000 characters either side), found by offsets, so one very long line is windowed too.
  paintWindow() {
    const text = this.text;
    if (text.length <= SMALL_TEXT && this.lines.length < 200) return (this.window = { from: 0, to: text.length, all: true });
    const top = this.box.scrollTop;
    const height = this.textarea.clientHeight;
    const a = this.offsetAtY(top);
    const b = this.offsetAtY(top + height);
    const margin = Math.max(2000, b - a + 400);
    return (this.window = { from: Math.max(0, a - margin), to: Math.min(text.length, b + margin), top, height });
  }

  // [first, last] line in view (for tests and debugging).
  visibleLines() {
    const n = this.lines.length;
    if (n === 0) return [0, 0];
    const top = this.box.scrollTop;
    const bottom = top + this.textarea.clientHeight;
    const find = (y) => {
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.lines[mid].offsetTop <= y) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    return [find(top), find(bottom)];
  }

  // First text offset on the visual line at content height `y` (scroll coordinates of the
  // mirror); within lines of fewer than 400 characters, the line's start.
  offsetAtY(y) {
    const n = this.lines.length;
    if (!n) return 0;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid].offsetTop <= y) lo = mid;
      else hi = mid - 1;
    }
    const node = this.lines[lo].firstChild;
    const len = node.data.length;
    if (len < 400) return this.lineStarts[lo];
    const box = this.box.getBoundingClientRect();
    const base = box.top + this.box.clientTop - this.box.scrollTop;
    const r = document.createRange();
    let a = 0;
    let b = len;
    while (a < b) {
      const m = (a + b) >> 1;
      r.setStart(node, m);
      r.setEnd(node, m + 1);
      if (r.getBoundingClientRect().bottom - base <= y) a = m + 1;
      else b = m;
    }
    return this.lineStarts[lo] + a;
  }

  // After scrolling: repaint when the view moved half a screen from where it was painted.
  followScroll() {
    const w = this.window;
    if (this.mode !== 'highlight' || !w || w.all) return;
    if (Math.abs(this.box.scrollTop - w.top) > w.height / 2) this.paintHighlights();
  }

  clearHighlights() {
    for (const [h, r] of this.ranges) h.delete(r);
    this.ranges = [];
    this.painted = [];
  }

  paintHighlights() {
    this.clearHighlights();
    const text = this.text;
    const { from, to } = this.paintWindow();
    // The spans in the window, per highlight (category and severity).
    const byHighlight = new Map();
    for (const f of this.findings) {
      if (isDocumentNote(f)) continue;
      for (const s of spansOf(f)) {
        if (s.end < from || s.start > to) continue;
        const { start, end } = drawnSpan(text, s);
        if (start >= end) continue;
        const h = highlightFor(f.category, f.severity);
        let list = byHighlight.get(h);
        if (!list) byHighlight.set(h, (list = []));
        list.push([start, end]);
      }
    }
    // Runs of touching or overlapping spans of one highlight become one range.
    const runs = [];
    for (const [h, list] of byHighlight) {
      list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      let run = null;
      for (const [start, end] of list) {
        if (run && start <= run.end) {
          run.end = Math.max(run.end, end);
          run.spans.push([start, end]);
        } else {
          runs.push((run = { h, start, end, spans: [[start, end]] }));
        }
      }
    }
    // Too many: the runs nearest the view.
    if (runs.length > MAX_PAINTED) {
      const mid = (from + to) / 2;
      const away = (r) => (r.end < mid ? mid - r.end : r.start > mid ? r.start - mid : 0);
      runs.sort((x, y) => away(x) - away(y));
      runs.length = MAX_PAINTED;
    }
    for (const run of runs) {
      const [startContainer, startOffset] = this.point(run.start);
      const [endContainer, endOffset] = this.point(run.end);
      const r = new StaticRange({ startContainer, startOffset, endContainer, endOffset });
      run.h.add(r);
      this.ranges.push([run.h, r]);
      for (const [start, end] of run.spans) this.painted.push({ h: run.h, start, end });
    }
  }

  // Fallback: each marked span gets one <mark>; overlapping spans go to stacked sub-layers.
  paintMarks() {
    const text = this.text;
    const spans = [];
    this.findings.forEach((f, index) => {
      if (isDocumentNote(f)) return;
      for (const s of spansOf(f)) {
        const d = drawnSpan(text, s);
        if (d.start < d.end) spans.push([f, d, index]);
      }
    });
    spans.sort((a, b) => a[1].start - b[1].start || a[1].end - b[1].end);
    if (spans.length > MAX_PAINTED) spans.length = MAX_PAINTED; // the first ones (no layout windowing here)
    const layers = [];
    for (const item of spans) {
      let layer = layers.find((l) => l.end <= item[1].start);
      if (!layer) layers.push((layer = { end: 0, items: [] }));
      layer.items.push(item);
      layer.end = item[1].end;
    }
    if (!layers.length) layers.push({ end: 0, items: [] });
    this.box.replaceChildren(...layers.map(({ items }, n) => {
      const div = el('div', { className: n ? 'sub' : 'base' });
      let pos = 0;
      for (const [f, span, index] of items) {
        div.append(text.slice(pos, span.start));
        div.append(el('mark', {
          className: 'finding',
          dataset: { rule: f.rule, category: f.category, severity: f.severity, start: span.start, end: span.end, index },
        }, text.slice(span.start, span.end)));
        pos = span.end;
      }
      div.append(text.slice(pos) + '\u200b');
      return div;
    }));
    // Sub-layers must start where the base layer's text starts.
    if (layers.length > 1) {
      const cs = this.box.style;
      for (const sub of this.box.querySelectorAll('.sub')) {
        sub.style.setProperty('padding-top', cs.getPropertyValue('padding-top'));
        sub.style.setProperty('padding-left', cs.getPropertyValue('padding-left'));
        sub.style.setProperty('padding-right', cs.getPropertyValue('padding-right'));
      }
    }
  }

  /** What is drawn: [{ name, start, end, text, rects }] (for tests and debugging). */
  drawnSpans() {
    const rects = (r) => [...r.getClientRects()].map(({ left, top, right, bottom }) => ({ left, top, right, bottom }));
    const out = [];
    if (this.mode === 'highlight') {
      const names = new Map([...highlightRegistry].map(([n, h]) => [h, n]));
      for (const { h, start, end } of this.painted) {
        const sr = { rcStart: start, rcEnd: end };
        const r = this.domRange(sr.rcStart, sr.rcEnd);
        // The text as the DOM holds it (a line break between line blocks counts as '\n').
        const [a, z] = [this.lineOf(sr.rcStart), this.lineOf(sr.rcEnd)];
        let text = '';
        for (let i = a; i <= z; i++) {
          const data = this.lines[i].firstChild.data;
          text += (i > a ? '\n' : '') + data.slice(i === a ? sr.rcStart - this.lineStarts[i] : 0, i === z ? sr.rcEnd - this.lineStarts[i] : data.length);
        }
        out.push({ name: names.get(h), start: sr.rcStart, end: sr.rcEnd, text, rects: rects(r) });
      }
    } else {
      for (const m of this.box.querySelectorAll('mark.finding')) {
        out.push({ name: `rc-${COLOURS[m.dataset.category] ? m.dataset.category : 'other'}-${m.dataset.severity}`,
          start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent, rects: rects(m) });
      }
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end || a.name.localeCompare(b.name));
  }

  // Client rectangles of the text [start, end) as laid out in the mirror.
  rects(start, end) {
    const range = this.domRange(start, end);
    return range ? [...range.getClientRects()] : [];
  }

  domRange(start, end) {
    const text = this.text;
    start = Math.max(0, Math.min(start, text.length));
    end = Math.max(start, Math.min(end, text.length));
    if (this.mode === 'highlight') {
      const r = document.createRange();
      r.setStart(...this.point(start));
      r.setEnd(...this.point(end));
      return r;
    }
    // Overlay mode: walk the base layer's text nodes.
    const base = this.box.firstChild;
    if (!base) return null;
    const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
    let pos = 0;
    let startNode = null;
    let startOff = 0;
    const r = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.data.length;
      if (!startNode && start <= pos + len) {
        startNode = n;
        startOff = start - pos;
        r.setStart(n, Math.min(startOff, len));
      }
      if (startNode && end <= pos + len) {
        r.setEnd(n, Math.min(end - pos, len));
        return r;
      }
      pos += len;
    }
    return null;
  }

  // The text offset under a viewport point, or -1 (binary search over character boxes:
  // text flows top to bottom, and left to right within a line).
  offsetAt(x, y) {
    const text = this.text;
    if (!text) return -1;
    let lo = 0;
    let hi = text.length - 1;
    const rectOf = (i) => {
      const r = this.rects(i, i + 1);
      return r.length ? r[0] : null;
    };
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = rectOf(mid);
      if (!r || r.bottom <= y || (r.top <= y && r.right <= x && text[mid] !== '\n')) lo = mid + 1;
      else hi = mid;
    }
    const r = rectOf(lo);
    if (!r || x < r.left || x > r.right || y < r.top || y > r.bottom) return -1;
    return lo;
  }

  destroy() {
    cancelAnimationFrame(this.paintFrame);
    this.clearHighlights();
    this.box.remove();
  }
}

// ---------------------------------------------------------------------------------------------
// Controller: one textarea, its mirror, the summary bar and the findings list.

function contextKey(text, f) {
  return `${f.rule}\u0000${text.slice(f.start, f.end)}\u0000${text.slice(Math.max(0, f.start - 8), f.start)}\u0000${text.slice(f.end, f.end + 8)}`;
}

export class Controller extends EventTarget {
  constructor({ textarea, root, layer, bar, list, host, profile = '', highlighter = 'auto', debounce = 150, eventTarget, files = true, timeLimit = null }) {
    super();
    this.textarea = textarea;
    this.root = root;
    this.layer = layer;
    this.barBox = bar;
    this.listBox = list;
    this.host = host;
    this.eventTarget = eventTarget || this;
    this.profileId = profile;
    this.debounce = debounce;
    this.channel = ++channels;
    this.seq = 0;
    this.checkedText = null; // text of the last applied report
    this.shownText = '';
    this.report = null;
    this.findings = []; // visible findings (not ignored), positioned on shownText
    this.ignored = new Set();
    this.current = -1;
    this.expanded = new Set();
    this.order = 'position'; // the list: 'position' (document order) or 'category' (grouped)
    this.filter = { category: '', severity: '' };
    this.timer = 0;
    this.frame = 0;
    this.error = '';
    this.notice = ''; // shown in the bar until the next edit: a file refused, a text replaced…
    this.pending = false;
    this.fileName = ''; // name of the file the text came from, if any
    this.replaced = null; // { before, after, what }: the text a file or the demo replaced
    this.timeLimit = timeLimit; // ms a check may take (null: checkTimeLimit(text); 0: none)
    this.mirror = new Mirror(textarea, layer, highlighter);
    this.tip = el('div', { className: 'tip', hidden: true, attrs: { role: 'tooltip' } });
    this.live = el('div', { className: 'live', attrs: { role: 'status', 'aria-live': 'polite' } });
    layer.append(this.tip);
    layer.parentNode.append(this.live);
    this.buildBar();
    this.buildListTools();
    this.listeners = [];
    const on = (target, type, fn, opts) => {
      target.addEventListener(type, fn, opts);
      this.listeners.push(() => target.removeEventListener(type, fn, opts));
    };
    on(textarea, 'input', () => { this.notice = ''; this.onInput(); });
    // Changes that fire no input event (a form reset, a script setting value, an editor's
    // API) are noticed on focus and before every action taken in the widget.
    on(textarea, 'focus', () => this.noticeChange());
    on(root, 'pointerdown', () => this.noticeChange(), true);
    on(root, 'keydown', () => this.noticeChange(), true);
    if (textarea.form) on(textarea.form, 'reset', () => setTimeout(() => this.noticeChange(), 0));
    on(textarea, 'scroll', () => {
      this.mirror.syncScroll();
      // A tip opened by a click or a shortcut follows its text; a hover tip goes away.
      if (!this.tip.hidden && this.tipPinned) this.showTipFor(this.tipIndex, false, this.tipOffset, true);
      else this.hideTip();
    });
    on(textarea, 'keydown', (e) => this.onKey(e));
    on(textarea, 'keyup', () => this.onCaret());
    on(textarea, 'click', () => this.onCaret());
    on(textarea, 'mousemove', (e) => this.onHover(e));
    on(textarea, 'mouseleave', () => this.hideTip());
    on(textarea, 'blur', () => this.hideTip());
    // Files dropped on the editor open in it (as one undoable edit). Not on an attached OA
    // textarea, whose value changes only through the user's own typing and fixes.
    if (files) {
      on(textarea, 'dragover', (e) => this.onDragOver(e));
      on(textarea, 'dragleave', () => this.setDrag(false));
      on(textarea, 'drop', (e) => this.onDrop(e));
    }
    on(window, 'resize', () => this.layout());
    this.resizer = new ResizeObserver(() => this.layout());
    this.resizer.observe(textarea);
    if (layer.parentNode instanceof Element) this.resizer.observe(layer.parentNode);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(() => this.layout());
    this.mirror.setText(textarea.value);
    this.shownText = textarea.value;
    this.layout();
    this.render();
    this.runCheck();
  }

  get value() { return this.textarea.value; }
  set value(v) {
    this.textarea.value = String(v ?? '');
    // A whole new text (a file, the demo, an integrator's draft): check it now, not after the
    // typing pause.
    this.onInput({ now: true });
  }
  get profile() { return this.profileId; }
  set profile(id) {
    this.profileId = id || '';
    this.runCheck();
  }
  get mode() { return this.mirror.mode; }

  /** 'highlight' (CSS Custom Highlight API), 'overlay' (<mark> elements) or 'auto'. */
  setHighlighter(mode) {
    this.mirror.destroy();
    this.mirror = new Mirror(this.textarea, this.layer, mode);
    this.layer.insertBefore(this.mirror.box, this.tip);
    this.mirror.setText(this.shownText);
    this.mirror.sync();
    this.mirror.paint(this.findings);
  }

  layout() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.mirror.sync());
  }

  emit(type, detail) {
    this.eventTarget.dispatchEvent(new CustomEvent(type, { detail, bubbles: type !== 'change', composed: true }));
  }

  onInput({ now = false } = {}) {
    const text = this.textarea.value;
    const before = this.shownText;
    const edges = diffEdges(before, text);
    const kept = shiftFindings(before, text, this.findings, edges);
    // The edit removed findings (a fix, or typing inside a marked span): the list's entries
    // point at findings by index, so it is built again at once, not after the next check
    // (else the entry below a fixed one would apply the fix of the finding after it).
    const dropped = kept.length < this.findings.length;
    this.findings = kept;
    this.shownText = text;
    this.mirror.setText(text, this.mirror.text === before ? edges : null);
    this.mirror.paintSoon(this.findings);
    this.current = -1;
    this.hideTip();
    this.emit('change', { value: text });
    if (now) this.runCheck();
    else this.schedule();
    // After the check is under way (pending): a list the edit emptied says it is checking.
    if (dropped) this.renderList();
  }

  // The textarea's value changed without an input event (a form reset, a script setting
  // value, an editor's API): take it as an edit and check it at once. True when it had.
  noticeChange() {
    if (this.textarea.value === this.shownText) return false;
    this.onInput({ now: true });
    this.notice = '正文已被改动（例如表单被重置），已按新的正文重新检查。';
    // The entries point at the findings they were built for: build them again at once.
    this.render();
    return true;
  }

  schedule() {
    clearTimeout(this.timer);
    // Long texts: wait a little longer between checks while typing.
    const wait = this.debounce + Math.min(600, Math.floor(this.textarea.value.length / 4000));
    this.pending = true;
    this.renderBar();
    this.timer = setTimeout(() => this.runCheck(), wait);
  }

  /** Checks now; resolves to the report (or null when a newer edit superseded it). */
  async runCheck() {
    clearTimeout(this.timer);
    const text = this.textarea.value;
    const seq = ++this.seq;
    this.pending = true;
    this.renderBar();
    let report;
    try {
      performance.mark('report-check:sent');
      const limit = this.timeLimit ?? checkTimeLimit(text);
      report = await engine().call('check', { text, profile: this.profileId || null, channel: this.channel }, limit);
      performance.mark('report-check:received');
    } catch (err) {
      if (seq !== this.seq) return null;
      this.pending = false;
      this.error = err && err.code === 'timeout'
        ? `这段文本过于特殊（例如极长的重复字符），${err.message}，没有结果。可删去异常的部分，或分段粘贴检查。`
        : `检查失败：${(err && err.message) || err}`;
      this.findings = [];
      this.mirror.paint(this.findings);
      this.render();
      this.emit('error', { message: this.error, code: (err && err.code) || 'error' });
      return null;
    }
    // Stale: a newer check was started, or the text changed meanwhile.
    if (!report || seq !== this.seq) return null;
    if (text !== this.textarea.value) {
      this.schedule();
      return null;
    }
    this.error = '';
    this.pending = false;
    this.report = report;
    this.checkedText = text;
    this.shownText = text;
    this.findings = report.findings.filter((f) => !this.ignored.has(contextKey(text, f))).map((f) => withTexts(text, f));
    this.current = -1;
    this.mirror.setText(text);
    this.mirror.paint(this.findings);
    this.render();
    this.emit('findings', this.detail());
    return report;
  }

  detail() {
    return { findings: this.findings, summary: this.summary(), ignored: this.ignored.size, profile: this.profileId, report: this.report };
  }

  summary() {
    const s = { total: this.findings.length, error: 0, warning: 0, info: 0, by_category: {} };
    for (const f of this.findings) {
      s[f.severity] = (s[f.severity] || 0) + 1;
      s.by_category[f.category] = (s.by_category[f.category] || 0) + 1;
    }
    return s;
  }

  // ---- summary bar ----

  buildBar() {
    if (!this.barBox) return;
    this.countsBox = el('span', { className: 'counts' });
    this.stateBox = el('span', { className: 'state' });
    this.prevButton = el('button', { type: 'button', className: 'btn prev', textContent: '↑ 上一处', title: '上一处问题（Shift+F8 或 Alt+↑）' });
    this.nextButton = el('button', { type: 'button', className: 'btn next', textContent: '↓ 下一处', title: '下一处问题（F8 或 Alt+↓）' });
    this.restoreButton = el('button', { type: 'button', className: 'btn restore', hidden: true });
    this.noticeBox = el('span', { className: 'notice', hidden: true });
    this.undoReplaceButton = el('button', { type: 'button', className: 'btn undo-replace', hidden: true, textContent: '恢复原文',
      title: '换回被替换之前的正文（也可按 Ctrl+Z）' });
    this.undoReplaceButton.addEventListener('click', () => this.undoReplace());
    this.prevButton.addEventListener('click', () => this.step(-1));
    this.nextButton.addEventListener('click', () => this.step(1));
    this.restoreButton.addEventListener('click', () => this.restoreIgnored());
    this.barBox.replaceChildren(this.countsBox, this.stateBox, this.noticeBox, this.undoReplaceButton,
      el('span', { className: 'nav' }, this.restoreButton, this.prevButton, this.nextButton));
  }

  renderBar() {
    if (!this.barBox) return;
    const s = this.summary();
    this.countsBox.replaceChildren(...SEVERITIES.map(([id, label]) => el('span', { className: `count-item ${id}` },
      label, el('span', { className: 'n', textContent: String(s[id] || 0) }))));
    this.stateBox.textContent = this.error || (this.pending ? '正在检查…' : this.report ? `共 ${s.total} 条` : '');
    this.noticeBox.textContent = this.notice;
    this.noticeBox.hidden = !this.notice;
    this.undoReplaceButton.hidden = !(this.replaced && this.replaced.after === this.textarea.value);
    this.restoreButton.hidden = this.ignored.size === 0;
    this.restoreButton.textContent = `恢复已忽略（${this.ignored.size}）`;
    this.prevButton.disabled = this.nextButton.disabled = this.findings.length === 0;
  }

  // ---- findings list ----

  render() {
    this.renderBar();
    this.renderList();
  }

  // Above the list: the order (document order, or grouped by category), filters by category
  // and severity, and how many entries the filters leave.
  buildListTools() {
    if (!this.listBox) return;
    const opt = (value, label) => el('option', { value, textContent: label });
    this.orderSelect = el('select', { className: 'order', attrs: { 'aria-label': '排列方式' } },
      opt('position', '按位置排列'), opt('category', '按类别分组'));
    this.categorySelect = el('select', { className: 'filter-category', attrs: { 'aria-label': '按类别筛选' } }, opt('', '全部类别'));
    this.severitySelect = el('select', { className: 'filter-severity', attrs: { 'aria-label': '按级别筛选' } },
      opt('', '全部级别'), ...SEVERITIES.map(([id, label]) => opt(id, label)));
    this.shownCount = el('span', { className: 'shown-count' });
    this.orderSelect.addEventListener('change', () => { this.order = this.orderSelect.value; this.renderList(); });
    this.categorySelect.addEventListener('change', () => { this.filter.category = this.categorySelect.value; this.renderList(); });
    this.severitySelect.addEventListener('change', () => { this.filter.severity = this.severitySelect.value; this.renderList(); });
    this.listTools = el('div', { className: 'list-tools', attrs: { role: 'group', 'aria-label': '排列与筛选' } },
      this.orderSelect, this.categorySelect, this.severitySelect, this.shownCount);
    this.listBox.before(this.listTools);
  }

  /** The list order: 'position' (document order, the default) or 'category'. */
  setOrder(order) {
    this.order = order === 'category' ? 'category' : 'position';
    if (this.orderSelect) this.orderSelect.value = this.order;
    this.renderList();
  }

  /** Shows only findings of one category and/or severity ('' for all). */
  setFilter({ category = this.filter.category, severity = this.filter.severity } = {}) {
    this.filter = { category, severity };
    this.renderList();
  }

  renderListTools(list, shown) {
    if (!this.listTools) return;
    const present = [...new Set(list.map((f) => f.category))]
      .sort((a, b) => (CATEGORY_RANK.get(a) ?? 99) - (CATEGORY_RANK.get(b) ?? 99) || a.localeCompare(b));
    if (this.filter.category && !present.includes(this.filter.category)) present.push(this.filter.category);
    const wanted = ['', ...present].join('|');
    if (this.categorySelect.dataset.options !== wanted) {
      this.categorySelect.replaceChildren(el('option', { value: '', textContent: '全部类别' }),
        ...present.map((c) => el('option', { value: c, textContent: categoryLabel(c) })));
      this.categorySelect.dataset.options = wanted;
    }
    this.categorySelect.value = this.filter.category;
    this.severitySelect.value = this.filter.severity;
    this.orderSelect.value = this.order;
    const filtered = this.filter.category || this.filter.severity;
    this.shownCount.textContent = list.length ? (filtered ? `显示 ${shown} 条，共 ${list.length} 条` : `共 ${list.length} 条`) : '';
  }

  renderList() {
    if (!this.listBox) return;
    this.listToken = null;
    // Until the slices are done, the list keeps at least its old height, so a panel scrolled
    // down stays where it was instead of being pulled up to the first entries' end.
    const list = this.findings;
    const hold = list.length > LIST_AT_ONCE ? this.listBox.offsetHeight : 0;
    this.listBox.style.removeProperty('min-height');
    const text = this.shownText;
    if (!list.length) {
      this.renderListTools(list, 0);
      this.listBox.replaceChildren(el('p', { className: 'empty',
        textContent: this.error ? this.error : !this.report ? '正在加载检查引擎…' : !text.trim() ? '粘贴、输入或拖入报告全文后自动检查。'
          : this.pending ? '正在检查…' : '未发现问题。' }));
      return;
    }
    const { category, severity } = this.filter;
    const notes = [];
    const rest = [];
    list.forEach((f, i) => {
      if ((category && f.category !== category) || (severity && f.severity !== severity)) return;
      (isDocumentNote(f) ? notes : rest).push(i);
    });
    this.renderListTools(list, notes.length + rest.length);
    // How many fixable findings each rule has, for the "fix all of this kind" buttons.
    const fixableByRule = new Map();
    for (const f of list) if (fixable(f)) fixableByRule.set(f.rule, (fixableByRule.get(f.rule) || 0) + 1);
    const pending = []; // [ul, finding index] for every entry to list, in list order
    const sections = [];
    // Notes about the whole document: a summary above the list.
    if (notes.length) {
      const ul = el('ul', { attrs: { role: 'list', 'aria-labelledby': `rc-notes-${this.channel}` } });
      for (const i of notes) pending.push([ul, i]);
      sections.push(el('section', { className: 'notes', attrs: { 'aria-labelledby': `rc-notes-${this.channel}` } },
        el('h3', { className: 'notes-header', id: `rc-notes-${this.channel}`, textContent: `全文问题（${notes.length}）` }), ul));
    }
    if (this.order === 'category') {
      const groups = new Map();
      for (const index of rest) {
        const c = list[index].category;
        if (!groups.has(c)) groups.set(c, []);
        groups.get(c).push(index);
      }
      const rank = (c) => CATEGORY_RANK.get(c) ?? CATEGORIES.length;
      const cats = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      for (const category of cats) {
        const idx = groups.get(category).sort((a, b) =>
          (SEVERITY_RANK.get(list[a].severity) ?? 9) - (SEVERITY_RANK.get(list[b].severity) ?? 9) || a - b);
        const headingId = `rc-g-${this.channel}-${category}`;
        const shown = this.expanded.has(category) ? idx : idx.slice(0, LIST_LIMIT);
        const ul = el('ul', { attrs: { role: 'list', 'aria-labelledby': headingId } });
        for (const i of shown) pending.push([ul, i]);
        const section = el('section', { className: 'group', dataset: { category }, attrs: { 'aria-labelledby': headingId } },
          el('h3', { className: 'group-header', id: headingId, dataset: { category } },
            el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } }),
            el('span', { className: 'label', textContent: categoryLabel(category) }),
            el('span', { className: 'count', textContent: String(idx.length), attrs: { 'aria-label': `${idx.length} 条` } })),
          ul);
        if (shown.length < idx.length) section.append(this.moreButton(category, idx.length - shown.length));
        sections.push(section);
      }
    } else if (rest.length) {
      // Document order: the drafter works from the top of the report down.
      const idx = rest.sort((a, b) => list[a].start - list[b].start || list[a].end - list[b].end || a - b);
      const shown = this.expanded.has('*') ? idx : idx.slice(0, LIST_LIMIT_FLAT);
      const headingId = `rc-flat-${this.channel}`;
      const ul = el('ul', { className: 'flat', attrs: { role: 'list', 'aria-labelledby': headingId } });
      for (const i of shown) pending.push([ul, i]);
      const section = el('section', { className: 'flat-list', attrs: { 'aria-labelledby': headingId } },
        el('h3', { className: 'sr-only', id: headingId, textContent: '按在正文中的位置排列的问题' }), ul);
      if (shown.length < idx.length) section.append(this.moreButton('*', idx.length - shown.length));
      sections.push(section);
    }
    if (!pending.length) sections.push(el('p', { className: 'empty', textContent: '没有符合筛选条件的问题。' }));
    this.listBox.replaceChildren(...sections);
    if (pending.length > LIST_AT_ONCE) this.listBox.style.minHeight = `${hold}px`;
    this.fillList(pending, text, fixableByRule);
  }

  moreButton(key, n) {
    const more = el('button', { type: 'button', className: 'btn more', textContent: `显示其余 ${n} 条` });
    more.addEventListener('click', () => { this.expanded.add(key); this.renderList(); });
    return more;
  }

  // Builds the entries: the first LIST_AT_ONCE now, the rest in slices of a few milliseconds
  // with the page free in between to take keys and draw (a 1 MB text can list 700 entries,
  // some 70 ms of work in one piece). A newer list, or destroy(), stops an unfinished one.
  fillList(pending, text, fixableByRule) {
    const token = (this.listToken = {});
    const list = this.findings;
    let at = 0;
    const slice = (atOnce) => {
      if (this.listToken !== token) return;
      const stop = performance.now() + LIST_SLICE_MS;
      for (; at < pending.length && (at < atOnce || performance.now() < stop); at++) {
        const [ul, i] = pending[at];
        ul.append(this.listItem(list[i], i, text, fixableByRule.get(list[i].rule) || 0));
      }
      if (at < pending.length) setTimeout(() => slice(0), 0);
      else this.listBox.style.removeProperty('min-height');
    };
    slice(LIST_AT_ONCE);
  }

  listItem(f, index, text, same) {
    const excerpt = text.slice(f.start, Math.min(f.end, f.start + 12));
    const entry = el('button', { type: 'button', className: 'entry', title: `第${f.line}行第${f.column}列，点击定位` },
      el('span', { className: `sev ${f.severity}`, textContent: severityLabel(f.severity) }),
      el('span', { className: 'pos', textContent: `${f.line}:${f.column}` }),
      ...(excerpt.trim() ? [el('span', { className: 'excerpt', textContent: `「${excerpt}${f.end - f.start > 12 ? '…' : ''}」` })] : []),
      el('span', { className: 'message', textContent: f.message }));
    const advice = adviceOf(f);
    if (advice) entry.append(el('span', { className: 'advice', textContent: advice }));
    entry.addEventListener('click', () => this.reveal(index));
    entry.addEventListener('focus', () => this.showTipFor(index, false));
    entry.addEventListener('blur', () => this.hideTip());
    const actions = el('div', { className: 'actions' });
    if (fixable(f)) {
      const label = f.occurrences && f.occurrences.length > 1 ? `全部修改（${f.occurrences.length} 处）` : '修改';
      const fix = el('button', { type: 'button', className: 'btn fix', textContent: label, title: '按建议修改，可用 Ctrl+Z 撤销' });
      fix.addEventListener('click', () => this.fix(f));
      actions.append(fix);
      if (same > 1) {
        const all = el('button', { type: 'button', className: 'btn fix-all', textContent: `同类全部修改（${same} 条）`, title: '修改本规则的全部问题，可用 Ctrl+Z 一次撤销' });
        all.addEventListener('click', () => this.fixAll(f.rule));
        actions.append(all);
      }
    }
    const ignore = el('button', { type: 'button', className: 'btn ignore', textContent: '忽略', title: '本次会话中不再提示这一处' });
    ignore.addEventListener('click', () => this.ignore(f));
    actions.append(ignore);
    return el('li', {
      className: 'item',
      dataset: { rule: f.rule, category: f.category, severity: f.severity, start: f.start, end: f.end, index },
      // An entry built after F8 went to its finding (fillList) is marked as reveal() marks it.
      ...(index === this.current ? { attrs: { 'aria-current': 'true' } } : {}),
    }, entry, actions);
  }

  // ---- navigation ----

  reveal(index, focusEditor = true) {
    const f = this.findings[index];
    if (!f) return;
    this.current = index;
    const ta = this.textarea;
    if (focusEditor) ta.focus({ preventScroll: true });
    ta.setSelectionRange(f.start, f.end);
    this.scrollToSpan(f.start, f.end);
    for (const li of this.listBox ? this.listBox.querySelectorAll('li.item[aria-current]') : []) li.removeAttribute('aria-current');
    const li = this.listBox && this.listBox.querySelector(`li.item[data-index="${index}"]`);
    if (li) {
      li.setAttribute('aria-current', 'true');
      if (!focusEditor || !li.contains(this.root.activeElement)) li.scrollIntoView({ block: 'nearest' });
    }
    this.showTipFor(index, true);
  }

  scrollToSpan(start, end) {
    const ta = this.textarea;
    this.mirror.sync();
    const rects = this.mirror.rects(start, Math.max(end, start + 1));
    const box = this.mirror.box.getBoundingClientRect();
    if (rects.length) {
      const r = rects[0];
      const top = r.top - box.top - ta.clientTop + this.mirror.box.scrollTop;
      ta.scrollTop = Math.max(0, top - (ta.clientHeight - r.height) / 2);
      this.mirror.syncScroll();
    }
    const a = ta.getBoundingClientRect();
    if (a.top < 0 || a.bottom > window.innerHeight) ta.scrollIntoView({ block: 'nearest' });
  }

  step(direction) {
    const list = this.findings;
    if (!list.length) return;
    const order = list.map((_, i) => i).sort((a, b) => list[a].start - list[b].start || list[a].end - list[b].end || a - b);
    const ta = this.textarea;
    const cur = list[this.current];
    // Continue from the current finding while it is still selected, else from the caret.
    let pos = cur && ta.selectionStart === cur.start && ta.selectionEnd === cur.end ? order.indexOf(this.current) : -1;
    if (pos < 0) {
      const caret = this.textarea.selectionStart;
      if (direction > 0) {
        pos = order.findIndex((i) => list[i].start >= caret && !(list[i].start === this.textarea.selectionStart && list[i].end === this.textarea.selectionEnd));
        pos = pos < 0 ? 0 : pos - 1;
      } else {
        pos = order.findIndex((i) => list[i].start >= caret);
        if (pos < 0) pos = order.length;
      }
    }
    const next = order[(pos + direction + order.length) % order.length];
    this.reveal(next);
  }

  onKey(e) {
    const next = (e.key === 'F8' && !e.shiftKey) || (e.altKey && e.key === 'ArrowDown');
    const prev = (e.key === 'F8' && e.shiftKey) || (e.altKey && e.key === 'ArrowUp');
    if (next || prev) {
      e.preventDefault();
      this.step(next ? 1 : -1);
    } else if (e.key === 'Escape') {
      this.hideTip();
    }
  }

  // ---- tooltips ----

  findingAt(offset) {
    let best = -1;
    this.findings.forEach((f, i) => {
      if (isDocumentNote(f)) return;
      for (const s of spansOf(f)) {
        const d = drawnSpan(this.shownText, s);
        if (offset >= d.start && offset < d.end && (best < 0 || SEVERITY_RANK.get(f.severity) < SEVERITY_RANK.get(this.findings[best].severity))) best = i;
      }
    });
    return best;
  }

  onHover(e) {
    if (this.hoverFrame) return;
    const { clientX, clientY } = e;
    this.hoverFrame = requestAnimationFrame(() => {
      this.hoverFrame = 0;
      const offset = this.mirror.offsetAt(clientX, clientY);
      const i = offset < 0 ? -1 : this.findingAt(offset);
      if (i < 0) this.hideTip();
      else this.showTipFor(i, false, offset);
    });
  }

  onCaret() {
    const ta = this.textarea;
    if (this.root.activeElement !== ta && document.activeElement !== ta) return;
    const i = this.findingAt(ta.selectionStart);
    if (i < 0) {
      this.hideTip();
      return;
    }
    this.showTipFor(i, true, ta.selectionStart);
  }

  showTipFor(index, announce, offset, pinned = announce) {
    const f = this.findings[index];
    if (!f) return;
    this.tipIndex = index;
    this.tipOffset = offset;
    this.tipPinned = pinned;
    const spans = spansOf(f);
    const span = offset == null ? spans[0] : spans.find((s) => offset >= s.start && offset <= Math.max(s.end, s.start + 1)) || spans[0];
    this.tip.replaceChildren(
      el('span', { className: 'head', textContent: `${categoryLabel(f.category)} · ${severityLabel(f.severity)}` }),
      el('span', { className: 'msg', textContent: f.message }));
    const advice = adviceOf(f, span);
    if (advice) this.tip.append(el('span', { className: 'sugg', textContent: advice }));
    const d = drawnSpan(this.shownText, span);
    const rects = this.mirror.rects(d.start, d.end);
    const ta = this.textarea.getBoundingClientRect();
    const base = this.layer.getBoundingClientRect();
    const r = rects.find((x) => x.bottom > ta.top && x.top < ta.bottom);
    if (!r) {
      this.tip.hidden = true;
    } else {
      this.tip.hidden = false;
      const width = Math.min(360, this.tip.offsetWidth || 360);
      const left = Math.max(ta.left, Math.min(r.left, ta.right - width));
      const below = r.bottom + 6;
      const tipH = this.tip.offsetHeight || 60;
      const top = below + tipH > ta.bottom && r.top - tipH - 6 > ta.top ? r.top - tipH - 6 : below;
      this.tip.style.setProperty('left', `${left - base.left}px`);
      this.tip.style.setProperty('top', `${top - base.top}px`);
    }
    if (announce) this.live.textContent = `${categoryLabel(f.category)}${severityLabel(f.severity)}：${f.message}${advice ? `；${advice}` : ''}`;
  }

  hideTip() {
    this.tip.hidden = true;
  }

  // ---- fixes ----

  // Replaces [start, end) through the browser's editing path, so Ctrl+Z undoes it.
  edit(start, end, replacement) {
    const ta = this.textarea;
    const expected = ta.value.slice(0, start) + replacement + ta.value.slice(end);
    const scroll = ta.scrollTop;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    let done = false;
    try {
      if (replacement === '') done = document.execCommand('delete', false);
      else if (replacement.length > 200 || replacement.includes('\n')) {
        // Chromium's insertText is quadratic in the lines it inserts (seconds for 25 KB);
        // insertHTML of the escaped text takes the paste path: linear, exact, one undo step.
        done = document.execCommand('insertHTML', false, escapeHTML(replacement));
      } else done = document.execCommand('insertText', false, replacement);
    } catch {
      done = false;
    }
    if (!done || ta.value !== expected) {
      // No execCommand (or it did something else): plain replacement, without native undo.
      ta.value = expected;
      ta.setSelectionRange(start + replacement.length, start + replacement.length);
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
    ta.scrollTop = scroll;
    this.mirror.syncScroll();
  }

  // Applies non-overlapping [start, end, replacement] edits as one editing step (one undo).
  editMany(edits) {
    const list = edits.filter((e) => e && e[2] != null).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const kept = [];
    for (const e of list) if (!kept.length || e[0] >= kept[kept.length - 1][1]) kept.push(e);
    if (!kept.length) return 0;
    if (kept.length === 1) {
      this.edit(...kept[0]);
      return 1;
    }
    const text = this.textarea.value;
    const from = kept[0][0];
    const to = kept[kept.length - 1][1];
    // Rebuild [from, to) from the last edit back to the first, so earlier offsets stay valid.
    let region = text.slice(from, to);
    for (let i = kept.length - 1; i >= 0; i--) {
      const [s, e, r] = kept[i];
      region = region.slice(0, s - from) + r + region.slice(e - from);
    }
    this.edit(from, to, region);
    return kept.length;
  }

  // The edits that apply finding f, each [start, end, replacement]; null when the text at a
  // span is no longer the text that was checked there (a change the widget did not see), or
  // when the fix cannot be written faithfully (see keepSurrogates).
  editsOf(f) {
    const text = this.textarea.value;
    const out = [];
    for (const s of spansOf(f)) {
      // A place of a grouped finding carries its own fix (or none): the group's
      // suggestion is only its first place's, and must not be written elsewhere.
      const suggestion = s.suggestion;
      if (suggestion == null) continue;
      const now = text.slice(s.start, s.end);
      if (s.text !== undefined && (now !== s.text || (s.start === s.end && text.slice(s.start - 1, s.end + 1) !== s.around))) return null;
      const replacement = keepSurrogates(now, suggestion);
      if (replacement == null) return null;
      out.push([s.start, s.end, replacement]);
    }
    return out;
  }

  // A fix found no longer fitting its text: nothing is written, the text is checked again.
  staleFix() {
    this.notice = '正文在检查之后有改动，这条建议已过时，没有修改。已重新检查，请在新的结果上再点「修改」。';
    this.announce(this.notice);
    this.runCheck();
    return 0;
  }

  findingOf(ref) {
    const f = typeof ref === 'number' ? this.findings[ref] : ref;
    return f && this.findings.includes(f) ? f : null;
  }

  /** Applies the suggestion of a finding (its index, or the finding itself): every occurrence
   * of a grouped finding. Writes nothing when the text changed since the check. */
  fix(ref) {
    const f0 = typeof ref === 'number' ? this.findings[ref] : ref;
    if (this.noticeChange()) return this.staleFix();
    const f = this.findingOf(f0);
    if (!f) return f0 ? this.staleFix() : 0;
    if (!fixable(f)) return 0;
    const edits = this.editsOf(f);
    if (!edits) return this.staleFix();
    const n = this.editMany(edits);
    this.announce(`已修改 ${n} 处，可按 Ctrl+Z 撤销。`);
    return n;
  }

  /** Applies every suggestion of one rule at once (one undo step). */
  fixAll(rule) {
    if (this.noticeChange()) return this.staleFix();
    const edits = [];
    for (const f of this.findings) {
      if (f.rule !== rule || !fixable(f)) continue;
      const e = this.editsOf(f);
      if (!e) return this.staleFix();
      edits.push(...e);
    }
    const n = this.editMany(edits);
    this.announce(`已修改 ${n} 处，可按 Ctrl+Z 撤销。`);
    return n;
  }

  /** Hides finding `index` for this session. */
  ignore(ref) {
    if (this.noticeChange()) return;
    const f = this.findingOf(ref);
    if (!f) return;
    this.ignored.add(contextKey(this.shownText, f));
    this.findings = this.findings.filter((g) => g !== f);
    this.current = -1;
    this.mirror.paint(this.findings);
    this.render();
    this.hideTip();
    this.announce('已忽略这一处。');
    this.emit('findings', this.detail());
  }

  restoreIgnored() {
    this.ignored.clear();
    this.runCheck();
  }

  announce(text) {
    this.live.textContent = text;
  }

  // ---- files ----

  setDrag(on) {
    this.textarea.parentNode?.classList?.toggle('drag', on);
  }

  onDragOver(e) {
    if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      this.setDrag(true);
    }
  }

  onDrop(e) {
    this.setDrag(false);
    const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault(); // also tells the page (app.js) the drop is handled
    this.openFile(file);
  }

  /** Opens a text file in the editor as one undoable edit (see replaceText). Resolves to the
   * text, or to null when the file is refused (too big, binary: the bar says why). */
  async openFile(file) {
    let text;
    try {
      if (file.size <= MAX_FILE_BYTES && /\.docx$/i.test(file.name || '')) return await this.openDocx(file);
      text = await readTextFile(file);
    } catch (err) {
      this.notice = err instanceof FileError ? `没有打开「${file.name || '文件'}」：${err.message}` : `打开文件失败：${(err && err.message) || err}`;
      this.announce(this.notice);
      this.renderBar();
      return null;
    }
    this.replaceText(text, { name: file.name || '', what: `文件「${file.name || '未命名'}」` });
    return text;
  }

  /** Opens a .docx: its text as Word shows it (automatic numbering included) replaces the
   * draft; its layout findings (GB/T 9704: page, fonts, spacing) are listed in the notice. */
  async openDocx(file) {
    const name = file.name || '未命名.docx';
    let r;
    try {
      r = await checkDocx(await file.arrayBuffer(), this.profileId || null);
    } catch (err) {
      this.notice = `没有打开「${name}」：${(err && err.message) || err}`;
      this.announce(this.notice);
      this.renderBar();
      return null;
    }
    this.replaceText(r.text, { name, what: `Word 文件「${name}」` });
    const layout = r.findings.filter((f) => f.category === 'layout');
    if (layout.length) {
      this.notice += ` 版式问题 ${layout.length} 条（只对 Word 文件检查；修改正文不会改动原文件）：`
        + layout.map((f) => f.message).join(' ');
      this.announce(this.notice);
      this.renderBar();
    }
    return r.text;
  }

  /**
   * Replaces the whole text with `text` (a file, the demo) as one editing step: Ctrl+Z, or the
   * bar's 恢复原文 button, brings the old text back. Checked at once.
   */
  replaceText(text, { name = '', what = '新的文本', notice } = {}) {
    this.noticeChange();
    const ta = this.textarea;
    const before = ta.value;
    const next = String(text ?? '').replace(/\r\n?/g, '\n');
    this.fileName = name;
    if (next !== before) {
      this.edit(0, before.length, next);
      ta.setSelectionRange(0, 0);
      ta.scrollTop = 0;
      this.mirror.syncScroll();
    }
    this.replaced = before.trim() && next !== before ? { before, after: ta.value, what } : null;
    this.notice = notice ?? (this.replaced ? `已用${what}替换原来的正文；原文可按 Ctrl+Z 或点「恢复原文」找回。` : `已打开${what}。`);
    this.announce(this.notice);
    this.onInput({ now: true });
    this.renderBar();
  }

  /** Puts back the text replaceText replaced (as one more undoable edit). */
  undoReplace() {
    const r = this.replaced;
    if (!r || this.textarea.value !== r.after) return false;
    this.replaced = null;
    this.edit(0, this.textarea.value.length, r.before);
    this.onInput({ now: true });
    this.notice = '已恢复原文。';
    this.announce(this.notice);
    this.renderBar();
    return true;
  }

  destroy() {
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.listToken = null;
    for (const off of this.listeners) off();
    this.resizer.disconnect();
    this.mirror.destroy();
    this.tip.remove();
    this.live.remove();
    this.seq++;
  }
}

const escapeHTML = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// A copy of finding f whose spans remember the text they were found on (and, when empty, the
// characters around them), so a fix can tell whether its text is still there (editsOf).
function withTexts(text, f) {
  const mark = (s) => ({ ...s, text: text.slice(s.start, s.end), ...(s.start === s.end ? { around: text.slice(s.start - 1, s.end + 1) } : {}) });
  const g = mark(f);
  if (f.occurrences && f.occurrences.length) g.occurrences = f.occurrences.map(mark);
  return g;
}

// The checker sees a lone surrogate as U+FFFD, and so a suggestion made from a span holding
// one has U+FFFD in its place. Puts the original code units back when they line up one for one;
// null (no fix) when they cannot be matched with certainty.
export function keepSurrogates(original, suggestion) {
  const lone = original.match(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g);
  if (!lone) return suggestion;
  const marks = suggestion.split('\ufffd').length - 1;
  if (marks === 0) return suggestion;
  if (marks !== lone.length || original.includes('\ufffd')) return null;
  let i = 0;
  return suggestion.replace(/\ufffd/g, () => lone[i++]);
}

const fixable = (f) => f.suggestion != null || (f.occurrences && f.occurrences.some((o) => o.suggestion != null));

function adviceOf(f, span) {
  const s = span && span.suggestion !== undefined ? span.suggestion : f.suggestion;
  const n = f.occurrences && f.occurrences.length > 1 ? `（共 ${f.occurrences.length} 处）` : '';
  if (s == null) return n ? `共 ${f.occurrences.length} 处，已全部标出` : '';
  return (s === '' ? '建议删除' : `建议改为「${s}」`) + n;
}

// ---------------------------------------------------------------------------------------------
// <report-check profile="…">: the editor, its summary bar and list, in a Shadow DOM.

const Base = globalThis.HTMLElement ?? class {};

export class ReportCheckElement extends Base {
  static get observedAttributes() { return ['profile', 'placeholder', 'highlighter']; }
  static formAssociated = true;

  constructor() {
    super();
    this.internals = typeof this.attachInternals === 'function' ? this.attachInternals() : null;
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.textarea = el('textarea', {
      className: 'editor', spellcheck: false,
      placeholder: this.getAttribute('placeholder') || '在此粘贴或输入报告全文，也可把 .txt 文件拖到这里；输入时自动检查。',
      attrs: { 'aria-label': '报告正文', autocomplete: 'off', 'aria-keyshortcuts': 'F8 Shift+F8 Alt+ArrowDown Alt+ArrowUp' },
    });
    const layer = el('div', { className: 'layer' });
    const bar = el('div', { className: 'bar', attrs: { role: 'group', 'aria-label': '检查摘要', part: 'summary' } });
    const list = el('div', { className: 'findings' });
    root.append(el('div', { className: 'rc', attrs: { part: 'container' } },
      bar,
      el('div', { className: 'main' },
        el('div', { className: 'editor-wrap', attrs: { role: 'region', 'aria-label': '报告正文编辑区', part: 'editor' } }, layer, this.textarea),
        el('aside', { className: 'panel', attrs: { 'aria-label': '检查结果', part: 'list' } },
          el('h2', { textContent: '检查结果' }), list))));
    this.parts = { root, layer, bar, list };
    this.controller = null;
    this.initialValue = '';
  }

  connectedCallback() {
    if (this.controller) return;
    if (!this.initialValue && this.textContent.trim()) this.initialValue = this.textContent.replace(/^\n/, '');
    if (this.initialValue) this.textarea.value = this.initialValue;
    this.controller = new Controller({
      textarea: this.textarea, ...this.parts, host: this, eventTarget: this,
      profile: this.getAttribute('profile') || '', highlighter: this.getAttribute('highlighter') || 'auto',
    });
    this.addEventListener('change', (e) => { if (e.target === this) this.internals?.setFormValue(this.value); });
    this.internals?.setFormValue(this.value);
    this.controller.layout();
  }

  disconnectedCallback() {
    // Kept alive: moving the element in the DOM must not lose its state.
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'profile' && this.controller && old !== value) this.controller.profile = value || '';
    if (name === 'placeholder' && value != null) this.textarea.placeholder = value;
    if (name === 'highlighter' && this.controller && old !== value) this.controller.setHighlighter(value || 'auto');
  }

  /** The text being checked. Setting it replaces the text and re-checks. */
  get value() { return this.controller ? this.controller.value : this.initialValue; }
  set value(v) {
    if (this.controller) this.controller.value = v;
    else this.initialValue = String(v ?? '');
  }
  get profile() { return this.getAttribute('profile') || ''; }
  set profile(id) { this.setAttribute('profile', id || ''); }
  /** Visible findings of the last check (ignored ones left out). */
  get findings() { return this.controller ? this.controller.findings : []; }
  get summary() { return this.controller ? this.controller.summary() : null; }
  get mode() { return this.controller ? this.controller.mode : null; }
  check() { return this.controller.runCheck(); }
  next() { this.controller.step(1); }
  previous() { this.controller.step(-1); }
  openFile(file) { return this.controller.openFile(file); }
  /** Replaces the text as one undoable step (Ctrl+Z or 恢复原文 bring the old one back). */
  replaceText(text, options) { return this.controller.replaceText(text, options); }
  /** Name of the file the text was opened from ('' when typed or pasted). */
  get fileName() { return this.controller ? this.controller.fileName : ''; }
  set fileName(name) { if (this.controller) this.controller.fileName = String(name || ''); }
  focus(options) { this.textarea.focus(options); }
  /** Findings as a plain object for export. */
  toJSON() { return exportData(this.controller); }
}

function exportData(c) {
  const text = c.shownText;
  return {
    generator: 'report-check',
    profile: c.profileId || null,
    checked_at: new Date().toISOString(),
    characters: text.length,
    summary: c.summary(),
    ignored: c.ignored.size,
    findings: c.findings.map((f) => ({ ...f, text: text.slice(f.start, f.end) })),
  };
}

if (globalThis.customElements && !customElements.get('report-check')) customElements.define('report-check', ReportCheckElement);

// ---------------------------------------------------------------------------------------------
// attach(textarea): highlights and a findings list for an existing <textarea>. The textarea is
// neither moved nor restyled, and its value changes only when the user applies a fix.

const attached = new WeakMap();

export function attach(textarea, options = {}) {
  if (!(textarea instanceof HTMLTextAreaElement)) throw new TypeError('attach() needs a <textarea> element');
  if (attached.has(textarea)) return attached.get(textarea);
  const host = document.createElement('div');
  host.className = 'rc-attached';
  host.setAttribute('data-report-check', '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);
  const layer = el('div', { className: 'layer' });
  const bar = el('div', { className: 'bar attached-bar', attrs: { role: 'group', 'aria-label': '检查摘要' } });
  const list = el('div', { className: 'findings' });
  const showList = options.list !== false;
  const panel = el('div', { className: 'panel', attrs: { role: 'region', 'aria-label': '检查结果' } }, list);
  root.append(layer, bar, ...(showList ? [panel] : []));
  if (options.container instanceof Element) options.container.append(host);
  else textarea.insertAdjacentElement('afterend', host);
  // The host holds the layer at its top-left; the mirror is placed over the textarea from there.
  host.style.setProperty('position', 'relative');
  const controller = new Controller({
    textarea, root, layer, bar, list: showList ? list : null, host,
    profile: options.profile || '', highlighter: options.highlighter || 'auto', debounce: options.debounce ?? 150,
    files: false, timeLimit: options.timeLimit ?? null,
  });
  if (typeof options.onFindings === 'function') controller.addEventListener('findings', (e) => options.onFindings(e.detail));
  const api = {
    controller,
    element: host,
    get findings() { return controller.findings; },
    get profile() { return controller.profile; },
    set profile(id) { controller.profile = id; },
    get mode() { return controller.mode; },
    check: () => controller.runCheck(),
    next: () => controller.step(1),
    previous: () => controller.step(-1),
    toJSON: () => exportData(controller),
    addEventListener: (...a) => controller.addEventListener(...a),
    removeEventListener: (...a) => controller.removeEventListener(...a),
    detach() {
      controller.destroy();
      host.remove();
      attached.delete(textarea);
    },
  };
  attached.set(textarea, api);
  return api;
}
