// <report-check profile="…">: the editor, its summary bar and list, in a Shadow DOM; defined
// when this module loads.

import { el } from './dom.js';
import { adoptStyles } from './styles.js';
import { Controller } from './controller.js';

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
    // The bar's height, for the editor's scroll margin under the sticky bar (narrow screens).
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => bar.parentNode.style.setProperty('--rc-bar-h', `${bar.offsetHeight}px`)).observe(bar);
    }
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
      documentId: this.getAttribute('document-id') || '',
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
  /** Name of the Word file (.docx) the text was opened from, while it is open ('' otherwise). */
  get docxName() { return this.controller && this.controller.docx ? this.controller.docx.name : ''; }
  /** The opened .docx with its findings as comments and the accepted fixes as tracked changes. */
  annotatedDocx() { return this.controller ? this.controller.annotatedDocx() : Promise.resolve(null); }
  focus(options) { this.textarea.focus(options); }
  /** Findings as a plain object for export. */
  toJSON() { return exportData(this.controller); }
}

/** Findings as a plain object for export (JSON download, printable summary). */
export function exportData(c) {
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
