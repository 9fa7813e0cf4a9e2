// report-check page: a textarea over a highlight backdrop, and the findings grouped by category.
// All user text reaches the DOM through text nodes / textContent only.

const CATEGORIES = [
  ['section', '结构'],
  ['numbering', '编号'],
  ['placeholder', '占位符'],
  ['figure', '数据'],
  ['score', '评分'],
  ['punctuation', '标点'],
  ['bracket', '括号引号'],
  ['docnum', '发文字号'],
  ['whitespace', '空格'],
  ['encoding', '乱码'],
  ['residue', '网页残留'],
  ['typo', '错别字'],
];
const CATEGORY_LABEL = new Map(CATEGORIES);
const CATEGORY_ORDER = new Map(CATEGORIES.map(([id], i) => [id, i]));
const SEVERITIES = [['error', '错误'], ['warning', '警告'], ['info', '提示']];
const SEVERITY_LABEL = new Map(SEVERITIES);
const SEVERITY_ORDER = new Map(SEVERITIES.map(([id], i) => [id, i]));
const DEBOUNCE_MS = 150;

const editor = document.getElementById('editor');
const backdrop = document.getElementById('backdrop');
const findingsBox = document.getElementById('findings');
const summaryBox = document.getElementById('summary');
const statusBox = document.getElementById('status');

let check = null;
// The text the marks refer to and the findings of the last check, kept index-aligned with
// the list entries; an entry is null once an edit has touched its span.
let markedText = '';
let findings = [];
let timer = 0;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

function showStatus(message) {
  statusBox.textContent = message;
  statusBox.hidden = !message;
}

function findingData(f) {
  return { rule: f.rule, category: f.category, severity: f.severity, start: f.start, end: f.end };
}

// ---- backdrop ----

// The places a finding marks: every occurrence of a grouped finding, else its own span.
function spansOf(f) {
  return f.occurrences && f.occurrences.length ? f.occurrences : [f];
}

// Each marked span gets exactly one <mark> holding text.slice(start, end). Overlapping spans
// cannot share one run of text, so they are spread over stacked layers (first fit).
function renderBackdrop(text, list) {
  const spans = [];
  list.forEach((f, index) => {
    if (f) for (const s of spansOf(f)) spans.push([f, s, index]);
  });
  spans.sort((a, b) => a[1].start - b[1].start || a[1].end - b[1].end);
  const layers = [];
  for (const item of spans) {
    const span = item[1];
    let layer = layers.find((l) => l.end <= span.start);
    if (!layer) layers.push((layer = { end: 0, items: [] }));
    layer.items.push(item);
    layer.end = span.end;
  }
  if (!layers.length) layers.push({ end: 0, items: [] });

  backdrop.replaceChildren(...layers.map(({ items }) => {
    const div = el('div', { className: 'layer' });
    let pos = 0;
    for (const [f, span, index] of items) {
      div.append(text.slice(pos, span.start));
      const data = { ...findingData(f), start: span.start, end: span.end, index };
      div.append(el('mark', { className: 'finding', dataset: data }, text.slice(span.start, span.end)));
      pos = span.end;
    }
    // A zero-width space keeps a trailing newline's empty last line, as the textarea shows it.
    div.append(text.slice(pos) + '\u200b');
    return div;
  }));
  syncScroll();
}

function syncScroll() {
  backdrop.scrollTop = editor.scrollTop;
  backdrop.scrollLeft = editor.scrollLeft;
}

// Moves the findings of `before` onto `after` (one contiguous edit): spans before the edit
// stay, spans after it shift, spans it touches are dropped until the next check.
function shiftFindings(before, after, list) {
  const max = Math.min(before.length, after.length);
  let head = 0;
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head
      && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const editEnd = before.length - tail;
  const delta = after.length - before.length;
  const shift = (s) => {
    if (s.end <= head) return s;
    if (s.start >= editEnd) return { ...s, start: s.start + delta, end: s.end + delta };
    return null;
  };
  return list.map((f) => {
    if (!f) return f;
    if (!f.occurrences || !f.occurrences.length) return shift(f);
    const occurrences = f.occurrences.map(shift).filter(Boolean);
    return occurrences.length ? { ...f, ...occurrences[0], occurrences } : null;
  });
}

// ---- findings list and summary ----

function renderList(list, text) {
  if (!list.length) {
    findingsBox.replaceChildren(el('p', { className: 'empty', textContent: text.trim() ? '未发现问题。' : '粘贴或输入报告全文后自动检查。' }));
    return;
  }
  const groups = new Map();
  list.forEach((f, index) => {
    if (!groups.has(f.category)) groups.set(f.category, []);
    groups.get(f.category).push(index);
  });
  const rank = (category) => CATEGORY_ORDER.get(category) ?? CATEGORIES.length;
  const categories = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

  findingsBox.replaceChildren(...categories.map((category) => {
    const indexes = groups.get(category).sort((a, b) =>
      (SEVERITY_ORDER.get(list[a].severity) ?? 9) - (SEVERITY_ORDER.get(list[b].severity) ?? 9) || a - b);
    return el('section', { className: 'group', dataset: { category } },
      el('h3', { className: 'group-header', dataset: { category } },
        CATEGORY_LABEL.get(category) || category,
        el('span', { className: 'count', textContent: String(indexes.length) })),
      el('ul', {}, ...indexes.map((i) => listItem(list[i], i))));
  }));
}

function listItem(f, index) {
  const button = el('button', { type: 'button', title: `第${f.line}行第${f.column}列` },
    el('span', { className: 'sev', textContent: SEVERITY_LABEL.get(f.severity) || f.severity }),
    el('span', { className: 'pos', textContent: `${f.line}:${f.column}` }),
    el('span', { className: 'message', textContent: f.message }));
  if (f.occurrences && f.occurrences.length) {
    button.append(el('span', { className: 'occurrences', textContent: `共 ${f.occurrences.length} 处，已全部标出` }));
  } else if (f.suggestion != null) {
    const advice = f.suggestion === '' ? '建议删除' : `建议改为「${f.suggestion}」`;
    button.append(el('span', { className: 'suggestion', textContent: advice }));
  }
  return el('li', { className: 'finding-item', dataset: { ...findingData(f), index } }, button);
}

function renderSummary(summary) {
  summaryBox.replaceChildren(...SEVERITIES.flatMap(([id, label], i) => [
    ...(i ? [' · '] : []),
    el('span', { className: id }, `${label} `, el('span', { className: 'n', textContent: String(summary[id] ?? 0) })),
  ]));
}

// ---- actions ----

function runCheck() {
  clearTimeout(timer);
  const text = editor.value;
  let report;
  try {
    report = check(text);
  } catch (err) {
    showStatus(`检查失败：${err.message || err}`);
    return;
  }
  showStatus('');
  markedText = text;
  findings = report.findings;
  renderBackdrop(text, findings);
  renderList(findings, text);
  renderSummary(report.summary);
  window.__lastReport = report;
}

function onInput() {
  // Keep the marks on their text while the debounced re-check is pending.
  findings = shiftFindings(markedText, editor.value, findings);
  markedText = editor.value;
  renderBackdrop(markedText, findings);
  clearTimeout(timer);
  timer = setTimeout(runCheck, DEBOUNCE_MS);
}

function reveal(index) {
  const f = findings[index];
  if (!f) return; // the text changed under it; the pending re-check will redraw the list
  editor.focus({ preventScroll: true });
  editor.setSelectionRange(f.start, f.end);
  // Scroll the textarea so the finding's mark (same position as its text) is centred.
  const mark = backdrop.querySelector(`mark.finding[data-index="${index}"]`);
  if (mark) {
    const box = mark.getBoundingClientRect();
    const top = box.top - backdrop.getBoundingClientRect().top + backdrop.scrollTop;
    editor.scrollTop = top - (editor.clientHeight - box.height) / 2;
    syncScroll();
  }
  editor.scrollIntoView({ block: 'nearest' });
}

async function loadDemo() {
  try {
    const response = await fetch('demo.txt');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    editor.value = await response.text();
  } catch (err) {
    showStatus(`示例载入失败：${err.message}`);
    return;
  }
  editor.scrollTop = 0;
  runCheck();
}

async function main() {
  let engine;
  try {
    engine = await import('./pkg/report_check.js');
    await engine.default();
  } catch (err) {
    summaryBox.textContent = '';
    showStatus(`检查引擎加载失败：${err.message || err}`);
    return;
  }
  check = engine.check;
  document.getElementById('version').textContent = `引擎 v${engine.version()}`;

  editor.addEventListener('input', onInput);
  editor.addEventListener('scroll', syncScroll);
  new ResizeObserver(syncScroll).observe(editor);
  const demoButton = document.getElementById('load-demo');
  demoButton.addEventListener('click', loadDemo);
  demoButton.disabled = false;
  findingsBox.addEventListener('click', (event) => {
    const item = event.target.closest('li.finding-item');
    if (item) reveal(Number(item.dataset.index));
  });

  runCheck();
  window.__reportCheckReady = true;
}

main();
