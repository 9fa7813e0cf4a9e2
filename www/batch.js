// Batch check on the drafter's page, for the office that reviews many reports (督导): open
// several files or a folder (or drop them on the page) and get one row per file — errors,
// warnings, missing parts, the most frequent problems — as `report-check --summary csv`
// gives them (the same engine functions, in batch-worker.js), with a link that opens the file
// in the editor, and the table as CSV (UTF-8 with a byte order mark, for Excel).
// Files are read in this browser only. User text reaches the DOM through textContent only.
import { readTextFile, FileError, MAX_FILE_BYTES } from './widget/files.js';
import { MAX_DOCX_BYTES, docxTooLarge, isZip } from './widget/docx.js';

const checker = document.getElementById('checker');
const profileSelect = document.getElementById('profile');
const panel = document.getElementById('batch');
const table = document.getElementById('batch-table');
const status = document.getElementById('batch-status');
const exportButton = document.getElementById('batch-csv');
const filesInput = document.getElementById('batch-files');
const folderInput = document.getElementById('batch-folder');

/** Names the CLI takes from a directory: text files and Word files (not Word's ~$ lock files). */
const WORD = /\.(docx|doc|wps|docm|dotx)$/i;
const REPORT = /\.(txt|docx|doc|wps|docm|dotx)$/i;
const isReport = (name) => REPORT.test(name) && !/^~\$/.test(name.split('/').pop());

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

// ---- the worker ----
let worker = null;
let seq = 0;
const calls = new Map();

function startWorker() {
  if (worker) return worker;
  worker = new Worker(new URL('./batch-worker.js', import.meta.url), { type: 'module', name: 'report-check-batch' });
  worker.addEventListener('message', (event) => {
    const { id, result, error } = event.data;
    const call = calls.get(id);
    if (!call) return;
    calls.delete(id);
    if (error !== undefined) call.reject(new Error(error));
    else call.resolve(result);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    restart(new Error(event.message || '检查程序未能启动'));
  });
  return worker;
}

// A worker whose engine failed (a bug in a rule traps the wasm) is replaced for the next file.
function restart(err) {
  if (worker) worker.terminate();
  worker = null;
  for (const call of calls.values()) call.reject(err);
  calls.clear();
}

function call(msg, transfer = []) {
  const id = ++seq;
  return new Promise((resolve, reject) => {
    calls.set(id, { resolve, reject });
    startWorker().postMessage({ ...msg, id }, transfer);
  });
}

// ---- reading and checking ----
let entries = []; // [{ name, file, row }], in the order shown
let run = 0; // a newer batch (or profile) supersedes a running one

const nameOf = (file) => file.webkitRelativePath || file.relativePath || file.name || '未命名';

async function rowOf(name, file, profile) {
  try {
    // A zip is read as a .docx whatever its name, up to the reader's 64 MB; text up to 8 MB.
    const zip = isZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
    if (zip && file.size > MAX_DOCX_BYTES) return await call({ op: 'unread', file: name, reason: docxTooLarge(file.size) });
    if (!zip && file.size > MAX_FILE_BYTES) {
      const mb = (n) => (n / 1024 / 1024).toFixed(1);
      return await call({ op: 'unread', file: name, reason: `文件太大（${mb(file.size)} MB），超过 ${mb(MAX_FILE_BYTES)} MB 的上限` });
    }
    if (zip) {
      const bytes = await file.arrayBuffer();
      return await call({ op: 'docx', file: name, bytes, profile }, [bytes]);
    }
    if (WORD.test(file.name)) {
      return await call({ op: 'unread', file: name, reason: '这是旧版 Word 或 WPS 文件，请在 Word/WPS 中另存为 .docx 后再检查' });
    }
    let text;
    try {
      text = await readTextFile(file);
    } catch (err) {
      if (!(err instanceof FileError)) throw err;
      return await call({ op: 'unread', file: name, reason: err.message });
    }
    // As the editor holds it (CRLF → LF), so the row's counts are those the file shows when opened.
    return await call({ op: 'text', file: name, text: text.replace(/\r\n?/g, '\n'), profile });
  } catch (err) {
    restart(err);
    return call({ op: 'unread', file: name, reason: `检查时程序出错：${(err && err.message) || err}` });
  }
}

/** Checks `files` (File objects, or { file, name } pairs) and shows one row each. */
export async function checkFiles(files, { fromFolder = false } = {}) {
  const list = [...files]
    .map((f) => (f instanceof Blob ? { file: f, name: nameOf(f) } : f))
    .filter(({ name }) => !fromFolder || isReport(name));
  if (fromFolder) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  entries = list.map(({ file, name }) => ({ file, name, row: null }));
  panel.hidden = false;
  if (!entries.length) {
    await render();
    status.textContent = '所选文件夹中没有 .txt 或 Word 文件。';
    return [];
  }
  return recheck();
}

async function recheck() {
  const mine = ++run;
  const profile = profileSelect.value || null;
  for (const e of entries) e.row = null;
  await render();
  if (mine !== run) return null;
  for (const e of entries) {
    status.textContent = `正在检查 ${entries.indexOf(e) + 1} / ${entries.length}：${e.name}`;
    const row = await rowOf(e.name, e.file, profile);
    if (mine !== run) return null;
    e.row = row;
    renderRow(e);
  }
  summarize();
  return entries.map((e) => e.row);
}

// ---- the table ----
let columns = null;

async function render() {
  columns ??= await call({ op: 'columns' });
  const head = el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', textContent: c })));
  const body = el('tbody');
  for (const e of entries) {
    e.tr = el('tr');
    body.append(e.tr);
    renderRow(e);
  }
  table.replaceChildren(el('caption', { className: 'visually-hidden', textContent: '每个文件一行：错误、警告、提示的条数，缺少的部分和主要问题' }),
    el('thead', {}, head), body);
  exportButton.disabled = true;
}

function renderRow(e) {
  if (!e.tr) return;
  const row = e.row;
  const cells = row ? row.cells : [e.name, '', '', '', '', '', '', '检查中…'];
  const tds = cells.map((text, i) => el('td', { className: i >= 1 && i <= 4 ? 'n' : '', textContent: text }));
  // The file name opens the file in the editor (as one undoable replacement of the draft).
  if (row && row.reason == null) {
    const a = el('a', { href: '#checker', className: 'batch-open', textContent: e.name, title: '在编辑区打开此文件，逐条查看问题' });
    a.addEventListener('click', (ev) => { ev.preventDefault(); openEntry(e); });
    tds[0].replaceChildren(a);
  }
  e.tr.className = !row ? 'pending' : row.reason != null ? 'unread' : row.error > 0 ? 'error' : '';
  e.tr.replaceChildren(...tds);
}

function summarize() {
  const rows = entries.map((e) => e.row).filter(Boolean);
  const unread = rows.filter((r) => r.reason != null).length;
  const withErrors = rows.filter((r) => r.error > 0).length;
  status.textContent = `共 ${rows.length} 个文件：${withErrors} 个有错误级问题，${unread} 个无法检查。点文件名在编辑区打开。`;
  exportButton.disabled = rows.length === 0;
}

async function openEntry(e) {
  for (const other of entries) other.tr?.removeAttribute('aria-current');
  e.tr.setAttribute('aria-current', 'true');
  // The widget's own file opening: a non-empty draft is replaced as one undoable step
  // (Ctrl+Z or 恢复原文 bring it back), and the bar says so.
  await checker.openFile(e.file);
  checker.scrollIntoView({ block: 'nearest' });
  checker.focus();
}

// Local (Beijing) time for the file name: 20240115-093000.
function stamp(d = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}

/** Downloads the table as CSV: exactly `report-check --summary csv`'s bytes for these rows. */
export async function exportCSV() {
  const rows = entries.map((e) => e.row).filter(Boolean);
  const csv = await call({ op: 'csv', rows });
  const name = `报告检查汇总-${stamp()}.csv`;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}

// ---- a dropped folder: its files, with their paths ----
async function filesOfEntry(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ file, name: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (!batch.length) break;
      for (const child of batch) await filesOfEntry(child, out);
    }
  }
  return out;
}

function onDrop(e) {
  const dt = e.dataTransfer;
  if (!dt) return;
  const items = [...(dt.items || [])].filter((i) => i.kind === 'file');
  const dirs = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
  const folder = dirs.some((d) => d && d.isDirectory);
  const files = [...dt.files];
  // One file on the editor or page opens in the editor (app.js and the widget do that); several
  // files, a folder, or anything dropped on the batch panel are checked here.
  if (!folder && files.length < 2 && !panel.contains(e.target)) return;
  e.preventDefault();
  e.stopPropagation();
  if (folder) {
    Promise.all(dirs.filter(Boolean).map((d) => filesOfEntry(d, [])))
      .then((lists) => checkFiles(lists.flat(), { fromFolder: true }));
  } else {
    checkFiles(files);
  }
}

function main() {
  document.getElementById('batch-show').addEventListener('click', () => {
    panel.hidden = false;
    document.getElementById('batch-open-files').focus();
  });
  document.getElementById('batch-open-files').addEventListener('click', () => filesInput.click());
  document.getElementById('batch-open-folder').addEventListener('click', () => folderInput.click());
  filesInput.addEventListener('change', () => { checkFiles(filesInput.files); filesInput.value = ''; });
  folderInput.addEventListener('change', () => { checkFiles(folderInput.files, { fromFolder: true }); folderInput.value = ''; });
  exportButton.addEventListener('click', () => { exportCSV(); });
  document.getElementById('batch-close').addEventListener('click', () => {
    run++;
    entries = [];
    panel.hidden = true;
  });
  // Captured before the widget and app.js see the drop, so several files are not opened as one.
  window.addEventListener('drop', onDrop, true);
  profileSelect.addEventListener('change', () => { if (entries.length && !panel.hidden) recheck(); });
  window.__batch = { checkFiles, exportCSV };
}

main();
