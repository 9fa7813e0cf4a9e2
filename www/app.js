// report-check page: the <report-check> element (widget/element.js, what report-check.js
// exports to integrators) plus page tools: open a file, demo, profile, export, print.
// All user text reaches the DOM through text nodes / textContent only.
// The widget's modules are imported one by one, not through report-check.js, so that the page
// does not load what it never uses (attach() and the rich-text editor adapters).
import { profiles, version } from './widget/engine.js';
import { decodeText } from './widget/files.js';
import { categoryLabel, severityLabel, CATEGORIES } from './widget/labels.js';
import './widget/element.js';

const checker = document.getElementById('checker');
const profileSelect = document.getElementById('profile');
const fileInput = document.getElementById('file-input');
const demoButton = document.getElementById('load-demo');
const printBox = document.getElementById('print-report');

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Beijing time (Asia/Shanghai), whatever the computer's clock zone is set to, never UTC.
const BEIJING = { timeZone: 'Asia/Shanghai', hourCycle: 'h23' };
// 20240115-093000
const stamp = (d = new Date()) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    ...BEIJING, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
};
// 2024年1月15日 09:30:00（北京时间）
export const beijingTime = (d = new Date()) => `${new Intl.DateTimeFormat('zh-CN', {
  ...BEIJING, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
}).format(d)}（北京时间）`;

// What the document is called: its file's name, else its first line (the title).
function documentName() {
  if (checker.fileName) return checker.fileName;
  const title = checker.value.split('\n').map((l) => l.trim()).find(Boolean) || '';
  return title ? (title.length > 40 ? `${title.slice(0, 40)}…` : title) : '（未命名文本）';
}

// ---- the draft, kept in this browser (localStorage; never sent anywhere) ----
export const DRAFT_KEY = 'report-check:draft';
const draftState = document.getElementById('draft-state');
let saveTimer = 0;

function loadDraft() {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) || 'null');
    return d && typeof d === 'object' ? d : null;
  } catch {
    return null;
  }
}

function saveDraftSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, 400);
}

function saveDraft() {
  clearTimeout(saveTimer);
  const text = checker.value;
  const profile = profileSelect.disabled ? (loadDraft()?.profile ?? '') : profileSelect.value;
  try {
    if (!text && !profile) localStorage.removeItem(DRAFT_KEY);
    else localStorage.setItem(DRAFT_KEY, JSON.stringify({ text, profile, name: checker.fileName, saved: Date.now() }));
    const t = new Date();
    draftState.textContent = text ? `草稿已于 ${t.toLocaleTimeString('zh-CN', { hour12: false })} 保存在本浏览器。` : '';
  } catch {
    draftState.textContent = '草稿太大，未能保存在浏览器中；请用「下载 .txt」保存正文。';
  }
}

function clearDraft() {
  checker.replaceText('', { what: '空白', notice: '已清除本机保存的草稿和正文；如是误点，可按 Ctrl+Z 或点「恢复原文」找回正文。' });
  checker.fileName = '';
  clearTimeout(saveTimer);
  try { localStorage.removeItem(DRAFT_KEY); } catch { /* storage off */ }
  draftState.textContent = '本机草稿已清除。';
}

// ---- give the text back ----
async function copyAll() {
  const text = checker.value;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (old browser, http on the intranet): the editing path.
    const ta = checker.shadowRoot.querySelector('textarea');
    ta.focus();
    ta.select();
    document.execCommand('copy');
  }
  draftState.textContent = `已复制全文（${text.length} 字符）。`;
  return text;
}

function downloadName() {
  const name = checker.fileName;
  if (name) return name.replace(/\.[^./\\]*$/, '') + '.txt';
  return `报告-${stamp()}.txt`;
}

// UTF-8 with a byte-order mark, so that old Notepad and WPS read it as UTF-8 too.
function downloadText() {
  const name = downloadName();
  download(name, `\ufeff${checker.value}`, 'text/plain;charset=utf-8');
  return name;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const docxButton = document.getElementById('download-docx');

// The opened Word file with its findings as comments and the accepted fixes as tracked changes.
async function downloadDocx() {
  docxButton.disabled = true;
  try {
    const copy = await checker.annotatedDocx();
    if (!copy) return null;
    // The widget's bar says what the copy holds.
    download(copy.name, copy.bytes, DOCX_TYPE);
    return copy;
  } catch (err) {
    draftState.textContent = `没有生成带批注的 .docx：${(err && err.message) || err}`;
    return null;
  } finally {
    docxButton.disabled = false;
  }
}

// The CSV writer (findings-csv.js) is loaded at the first export, not before the page is ready.
let csvWriter = null;

// The findings as rows for Excel/WPS (UTF-8 with a byte order mark), named after the document.
async function exportCSV() {
  const data = checker.toJSON();
  const base = checker.fileName ? checker.fileName.replace(/\.[^./\\]*$/, '') : '报告';
  const name = `${base}-检查结果-${stamp()}.csv`;
  const { findingsCSV } = await (csvWriter ??= import('./findings-csv.js').catch((err) => {
    csvWriter = null; // tried again at the next click
    throw err;
  }));
  download(name, findingsCSV(data), 'text/csv;charset=utf-8');
  return name;
}

function exportJSON() {
  const data = checker.toJSON();
  download(`报告检查结果-${stamp()}.json`, JSON.stringify(data, null, 2), 'application/json');
  return data;
}

// A printable summary: counts per category and every finding with its place and advice.
function buildPrintable() {
  const data = checker.toJSON();
  const rank = new Map(CATEGORIES.map(([id], i) => [id, i]));
  const findings = [...data.findings].sort((a, b) => (rank.get(a.category) ?? 99) - (rank.get(b.category) ?? 99) || a.start - b.start);
  const profileName = profileSelect.selectedOptions[0]?.textContent || '默认';
  const rows = findings.map((f) => el('tr', {},
    el('td', { textContent: categoryLabel(f.category) }),
    el('td', { textContent: severityLabel(f.severity) }),
    el('td', { textContent: `${f.line}:${f.column}` }),
    el('td', { textContent: f.text.length > 20 ? `${f.text.slice(0, 20)}…` : f.text }),
    el('td', { textContent: f.message + (f.suggestion != null ? (f.suggestion === '' ? '（建议删除）' : `（建议改为「${f.suggestion}」）`) : '')
      + (f.occurrences && f.occurrences.length > 1 ? `（共 ${f.places ?? f.occurrences.length} 处）` : '') })));
  const byCat = Object.entries(data.summary.by_category).sort((a, b) => (rank.get(a[0]) ?? 99) - (rank.get(b[0]) ?? 99));
  printBox.replaceChildren(
    el('h1', { textContent: '报告检查结果摘要' }),
    el('p', { className: 'print-document', textContent: `文档：${documentName()}` }),
    el('p', { textContent: `检查方案：${profileName}　全文 ${data.characters} 字符　检查时间：${beijingTime(new Date(data.checked_at))}` }),
    el('p', { textContent: `错误 ${data.summary.error} 条，警告 ${data.summary.warning} 条，提示 ${data.summary.info} 条；`
      + byCat.map(([c, n]) => `${categoryLabel(c)} ${n}`).join('，') + (data.ignored ? `；已忽略 ${data.ignored} 处` : '') }),
    findings.length
      ? el('table', {}, el('thead', {}, el('tr', {}, ...['类别', '级别', '行:列', '原文', '说明'].map((h) => el('th', { textContent: h })))), el('tbody', {}, ...rows))
      : el('p', { textContent: '未发现问题。' }));
  return printBox;
}

async function openFile(file) {
  if (!file) return;
  await checker.openFile(file);
  checker.focus();
}

// The demo replaces the draft as one undoable step (Ctrl+Z or 恢复原文 bring the draft back).
async function loadDemo() {
  const response = await fetch('demo.txt');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  checker.replaceText(decodeText(await response.arrayBuffer()), { what: '示例报告' });
  checker.focus();
}

async function main() {
  // When the page's own code starts (its modules are loaded and the element is upgraded).
  performance.mark('report-check:app');
  document.getElementById('open-file').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => { openFile(fileInput.files[0]); fileInput.value = ''; });
  demoButton.addEventListener('click', () => loadDemo().catch((err) => alert(`示例载入失败：${err.message}`)));
  document.getElementById('export-json').addEventListener('click', exportJSON);
  document.getElementById('export-csv').addEventListener('click', () => exportCSV().catch((err) => {
    draftState.textContent = `没有导出 CSV：${(err && err.message) || err}`;
  }));
  document.getElementById('print-summary').addEventListener('click', () => { buildPrintable(); window.print(); });
  window.addEventListener('beforeprint', buildPrintable);
  profileSelect.addEventListener('change', () => { checker.profile = profileSelect.value; saveDraft(); });
  document.getElementById('copy-all').addEventListener('click', () => { copyAll(); });
  document.getElementById('download-txt').addEventListener('click', downloadText);
  docxButton.addEventListener('click', downloadDocx);
  // Shown while the text comes from a Word file.
  checker.addEventListener('findings', () => { docxButton.hidden = !checker.docxName; });
  document.getElementById('clear-draft').addEventListener('click', clearDraft);
  checker.addEventListener('change', saveDraftSoon);
  window.addEventListener('pagehide', () => { if (saveTimer) saveDraft(); });
  // The draft of the last visit comes back (text, file name; the profile once it is known).
  const draft = loadDraft();
  if (draft && typeof draft.text === 'string' && draft.text && !checker.value) {
    checker.value = draft.text;
    checker.fileName = typeof draft.name === 'string' ? draft.name : '';
    draftState.textContent = `已恢复上次的草稿（${draft.text.length} 字符）。`;
  }
  // Files dropped anywhere on the page open in the editor instead of replacing the page.
  document.addEventListener('dragover', (e) => { if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault(); });
  // A drop on the editor is handled by the widget itself (which marks it defaultPrevented).
  document.addEventListener('drop', (e) => {
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (!file) return;
    const handled = e.defaultPrevented;
    e.preventDefault();
    if (!handled) openFile(file);
  });

  try {
    const [list, v] = await Promise.all([profiles(), version()]);
    profileSelect.replaceChildren(...list.map((p) => el('option', { value: p.id, textContent: p.name })));
    const saved = draft && list.some((p) => p.id === draft.profile) ? draft.profile : '';
    profileSelect.value = saved || checker.profile || list[0]?.id || '';
    if (saved && saved !== checker.profile) checker.profile = saved;
    profileSelect.disabled = false;
    document.getElementById('version').textContent = `引擎 v${v}`;
  } catch (err) {
    profileSelect.replaceChildren(el('option', { value: '', textContent: '默认' }));
  }
  demoButton.disabled = false;
  window.__page = { exportJSON, exportCSV, buildPrintable, copyAll, downloadText, downloadDocx, saveDraft };
  window.__reportCheckReady = true;
  // When the page became ready to check (scripts/bench-browser.mjs reads its startTime).
  performance.mark('report-check:ready');
}

main();
