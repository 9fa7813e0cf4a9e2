// The Controller: one textarea, its mirror (highlight.js), the summary bar, the findings list
// (list.js), tooltips, navigation, fixes through the browser's editing path (Ctrl+Z undoes
// them), ignores and files.

import { annotateDocx, checkDocx, checkTimeLimit, engine, nextChannel, rules, userTiming } from './engine.js';

// The engine's rule ids, asked once: a rule switched off and kept in the browser may no longer
// exist (renamed or merged in a newer version), and a profile naming it makes every check fail.
let knownRuleIds = null;
import { MAX_DOCX_BYTES, OpenedDocx, docxTooLarge, isZip } from './docx.js';
import { SEVERITIES, SEVERITY_RANK, categoryLabel, severityLabel } from './labels.js';
import { FileError, readTextFile } from './files.js';
import { el } from './dom.js';
import { adviceOf, contextKey, diffEdges, drawnSpan, fixLabel, fixable, isDocumentNote, keepSurrogates, shiftFindings, spansOf, withTexts } from './spans.js';
import { Mirror } from './highlight.js';
import { installList } from './list.js';
import { documentKey, ignores, profileWith, rulesOff, saveIgnores, saveRulesOff } from './prefs.js';

// A check runs on the page, synchronously at the key (or at the end of the typing pause), when
// it is predicted to be short: the last check of this editor's text (scaled to the new length)
// and the widget's own work for a key (ownMs: following the edit, then painting the findings of
// its check, as last measured) come to at most PAGE_KEY_MS, the text has at most
// PAGE_CHECK_CHARS characters, and at most PAGE_EDIT_CHARS characters changed since (not a
// paste, not a new text). Then the key's highlights change in the key's own frame, without the
// worker's round trip. On a long report the worker's round trip costs more than the check: on
// samples/000 (240 KB, a check of 10-13 ms, 520 findings, 2-4 ms of the widget's own) the
// worker's report waits for the page to finish the key's own frame (the textarea's layout of
// that much text: 10-30 ms), then its highlights take a second frame, and the worker's check
// shares the two cores with that frame. A/B on samples/000 (bench-keystroke, 40 keys, two
// rounds each, load 5): PAGE_KEY_MS 16: painted p50 28-45 ms, p95 46-68 ms (14-32 keys on the
// page); 32: p50 25-32 ms, p95 34-79 ms (36-39 keys on the page); the key's own echo (input
// event → next frame, side by side with a bare textarea) came sooner too, p50 41 → 33 ms
// (at 24). So a key may hold the page for up to two frames. (Before: 16, one frame; before
// that, the check alone against 10 ms, which sent every key of samples/000 to the worker.)
// Anything else (large, slow, adversarial, pasted, a new profile) goes to the worker, with
// its time limit and abandonment. A 20 KB report checks in 1-3 ms.
export const PAGE_KEY_MS = 32;
// A worker check slower than this is taken as the text's own cost, not the machine's (see onPage).
const WORKER_SLOW_MS = 2 * PAGE_KEY_MS;
// How long a page check slower than the worker's keeps the next keys in the worker (see onPage).
const PAGE_RETRY_MS = 5000;
export const PAGE_CHECK_CHARS = 100_000;
export const PAGE_EDIT_CHARS = 200;
// While keys come, the findings list waits for a pause this long (deferList).
const LIST_PAUSE_MS = 200;

// What each button of a list entry does (list.js listItem), by its class: a click on a stale
// entry is replayed on the finding it showed (onStaleClick).
const STALE_ACTIONS = {
  entry: (c, i) => c.reveal(i),
  'btn fix': (c, i, f) => c.fix(f),
  'btn fix-all': (c, i, f) => c.fixAll(f.rule),
  'btn ignore': (c, i, f) => c.ignore(f),
  'btn rule-off': (c, i, f) => c.disableRule(f.rule),
};

export class Controller extends EventTarget {
  constructor({ textarea, root, layer, bar, list, host, profile = '', highlighter = 'auto', debounce = 150, eventTarget, files = true, timeLimit = null, documentId = '', keep = true }) {
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
    this.channel = nextChannel();
    this.seq = 0;
    this.checkedText = null; // text of the last applied report
    this.shownText = '';
    this.report = null;
    this.findings = []; // visible findings (not ignored), positioned on shownText
    this.ignored = new Set(); // contextKey of each ignored finding of the document (prefs.js)
    this.keep = keep; // whether rules switched off and ignores are kept in this browser
    this.documentId = documentId; // names the document its ignores are kept for (else its file or title)
    this.ignoreDoc = null; // the document this.ignored belongs to
    this.rulesOff = keep ? rulesOff(profile) : []; // rules switched off for this profile
    this.current = -1;
    this.expanded = new Set();
    this.order = 'position'; // the list: 'position' (document order) or 'category' (grouped)
    this.filter = { category: '', severity: '' };
    this.timer = 0;
    this.frame = 0;
    this.error = '';
    this.notice = ''; // shown in the bar until the next edit: a file refused, a text replaced…
    this.pending = false;
    this.edited = Infinity; // characters changed since the last report was applied (see onPage)
    this.listStale = false; // the list still shows the findings before the last check (deferList)
    this.lastWhere = ''; // where the last applied check ran: 'page' or 'worker'
    this.fileName = ''; // name of the file the text came from, if any
    this.replaced = null; // { before, after, what }: the text a file or the demo replaced
    this.docx = null; // the Word file the text was opened from (docx.js), while it is open
    this.timeLimit = timeLimit; // ms a check may take (null: checkTimeLimit(text); 0: none)
    // A rich-text editor's surface (adapters/rich.js) paints over its own content instead.
    this.mirror = textarea.painter ? textarea.painter(layer) : new Mirror(textarea, layer, highlighter);
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
    // While an input method composes (pinyin not yet turned into characters), the text is
    // followed (highlights move with it) but not checked; the check comes when it ends.
    on(textarea, 'compositionstart', () => { this.composing = true; clearTimeout(this.timer); });
    on(textarea, 'compositionend', () => { this.composing = false; this.schedule({ typed: true }); });
    // Changes that fire no input event (a form reset, a script setting value, an editor's
    // API) are noticed on focus and before every action taken in the widget.
    on(textarea, 'focus', () => this.noticeChange());
    // A press that finds the text changed rebuilds the list under the pointer: its click then
    // does nothing more (whichever entry or button it lands on, the user pressed on the old one).
    // Only a pointer's click (detail > 0): one from Enter or Space comes with no press, and a
    // press that ends in no click (right button, a touch that scrolls) is forgotten at the next.
    on(root, 'pointerdown', () => { this.changedAtPress = this.noticeChange(); }, true);
    for (const type of ['pointercancel', 'contextmenu']) on(root, type, () => { this.changedAtPress = false; }, true);
    on(root, 'click', (e) => {
      const swallow = this.changedAtPress && e.detail > 0;
      this.changedAtPress = false;
      if (!swallow) return;
      e.preventDefault();
      e.stopPropagation();
    }, true);
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
    on(textarea, 'mouseleave', () => this.hideTipSoon());
    // The tip's 修改 button takes the pointer: a hover tip stays while the pointer is on it.
    on(this.tip, 'mouseenter', () => { this.tipHover = true; });
    on(this.tip, 'mouseleave', () => { this.tipHover = false; if (!this.tipPinned) this.hideTipSoon(); });
    on(textarea, 'blur', () => this.hideTip());
    // A click on an entry while the list still shows the findings before the last check
    // (deferList): the list is brought up to date and the click goes to the same control of the
    // same finding there (its rule and the text at and around it); if it is gone, the click
    // only brought the list up to date.
    if (list) on(list, 'click', (e) => this.onStaleClick(e), true);
    // Files dropped on the editor open in it (as one undoable edit). Not on an attached OA
    // textarea, whose value changes only through the user's own typing and fixes.
    if (files) {
      on(textarea, 'dragover', (e) => this.onDragOver(e));
      on(textarea, 'dragleave', () => this.setDrag(false));
      on(textarea, 'drop', (e) => this.onDrop(e));
    }
    on(window, 'resize', () => this.layout());
    this.resizer = new ResizeObserver(() => this.layout());
    this.resizer.observe(textarea.box || textarea);
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
    this.docx = null;
    this.textarea.value = String(v ?? '');
    // A whole new text (a file, the demo, an integrator's draft): check it now, not after the
    // typing pause.
    this.onInput({ now: true });
  }
  get profile() { return this.profileId; }
  set profile(id) {
    this.profileId = id || '';
    if (this.keep) this.rulesOff = rulesOff(this.profileId);
    this.rulesOffLive = false;
    // Another profile may make the check slower: the worker checks with it first.
    this.edited = Infinity;
    this.runCheck();
    this.refreshLayout();
  }
  get mode() { return this.mirror.mode; }

  /** 'highlight' (CSS Custom Highlight API), 'overlay' (<mark> elements) or 'auto'. */
  setHighlighter(mode) {
    this.mirror.destroy();
    this.mirror = this.textarea.painter ? this.textarea.painter(this.layer) : new Mirror(this.textarea, this.layer, mode);
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
    const t0 = performance.now();
    const text = this.textarea.value;
    const before = this.shownText;
    const edges = diffEdges(before, text);
    const kept = shiftFindings(before, text, this.findings, edges);
    // The edit removed findings (a fix, or typing inside a marked span): the list's entries
    // point at findings by index, so it is built again at once, not after the next check
    // (else the entry below a fixed one would apply the fix of the finding after it).
    const dropped = kept.length < this.findings.length;
    this.findings = kept;
    const changed = Math.max(text.length, before.length) - edges[0] - edges[1];
    this.edited += changed;
    this.shownText = text;
    this.mirror.setText(text, this.mirror.text === before ? edges : null);
    this.mirror.paintSoon(this.findings);
    this.current = -1;
    this.hideTip();
    this.inputMs = performance.now() - t0;
    this.emit('change', { value: text });
    if (now) this.runCheck();
    else this.schedule({ typed: true });
    // After the check is under way (pending): a list the edit emptied says it is checking. After
    // the frame (deferList), unless the check has already replaced the findings.
    if (dropped && this.findings === kept) {
      if (changed <= PAGE_EDIT_CHARS) this.deferList();
      else this.renderList();
    }
  }

  // Builds the findings list again after the next frame is painted, once the keys have paused
  // (LIST_PAUSE_MS, counting the typing pause the check waited for): building it never delays
  // the highlights of a key, and a long list (500 entries: tens of ms of work for the page) is
  // not rebuilt for every key typed. Until then a click in the list (its entries point at the
  // findings before) only brings it up to date.
  deferList() {
    if (!this.listBox) return;
    this.listStale = true;
    cancelAnimationFrame(this.listFrame);
    clearTimeout(this.listTimer);
    this.listFrame = requestAnimationFrame(() => {
      this.listTimer = setTimeout(() => {
        if (this.listStale) this.renderList();
      }, Math.max(0, LIST_PAUSE_MS - Math.max(0, this.debounce)));
    });
  }

  // The index in this.findings of the finding the entry of this.listFindings[listIndex]
  // showed (the list is stale after a key until deferList rebuilds it): the same text in the
  // same context (contextKey), or -1 when the edit removed it. Fresh lists map to themselves.
  currentIndexOf(listIndex) {
    if (!this.listStale) return listIndex;
    const old = this.listFindings && this.listFindings[listIndex];
    if (!old) return -1;
    const key = contextKey(this.listText, old);
    return this.findings.findIndex((f) => contextKey(this.shownText, f) === key);
  }

  // A click in a stale list: rebuilds it, then does what the button does on the same finding
  // now, whether or not its entry is among those the rebuild makes at once (fillList).
  onStaleClick(e) {
    if (!this.listStale) return;
    const button = e.target instanceof Element && e.target.closest('button');
    const li = button && button.closest('li.item');
    if (!li || li.classList.contains('layout') || !this.listBox.contains(li)) return;
    e.preventDefault();
    e.stopPropagation();
    const index = this.currentIndexOf(Number(li.dataset.index));
    this.renderList();
    const f = this.findings[index];
    if (!f) return;
    const act = STALE_ACTIONS[button.className];
    if (act) act(this, index, f);
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

  schedule({ typed = false } = {}) {
    clearTimeout(this.timer);
    if (this.composing) {
      this.pending = true;
      this.renderBar();
      return;
    }
    // debounce 0: check at the key itself (the worker drops a check a newer one supersedes),
    // so the highlights can be updated in the key's own frame or the next.
    if (this.debounce <= 0) {
      this.runCheck({ typed });
      return;
    }
    // Long texts: wait a little longer between checks while typing.
    const wait = this.debounce + Math.min(600, Math.floor(this.textarea.value.length / 4000));
    this.pending = true;
    this.renderBar();
    this.timer = setTimeout(() => this.runCheck({ typed }), wait);
  }

  // Whether the check of `text` runs on the page, at once (see PAGE_KEY_MS): the engine is
  // instantiated there, and this editor's last check predicts a fast one.
  onPage(text, edited) {
    const e = engine();
    if (!e.page || edited > PAGE_EDIT_CHARS || text.length > PAGE_CHECK_CHARS) return false;
    const t = e.timing(this.channel);
    if (!t) return false;
    const scaled = (x) => x.ms * Math.max(1, text.length / Math.max(1, x.chars));
    let ms = scaled(t);
    // A check in the worker shares the two cores with the page's own work for the key (its
    // frame) and took over twice as long as the same check on the page (samples/000 under
    // load 4: 22-25 ms against 10). While it stays within WORKER_SLOW_MS, this text's last
    // check on the page predicts the next one there better (else one slow worker check kept
    // every later key in the worker): a faster one always, a slower one (the page slower than
    // the worker: a throttled tab, a busy page) for PAGE_RETRY_MS, after which the page is
    // tried again (else every other key went to the page and held it for as long again).
    const p = e.pageTiming(this.channel);
    if (t.where === 'worker' && p && ms <= WORKER_SLOW_MS
      && (scaled(p) <= ms || performance.now() - p.at < PAGE_RETRY_MS)) ms = scaled(p);
    return ms + this.ownMs() <= PAGE_KEY_MS;
  }

  // The widget's own work for a key, as last measured: following the edit (onInput) and
  // painting the findings of its check (runCheck).
  ownMs() {
    return (this.inputMs || 0) + (this.applyMs || 0);
  }

  /** Checks now; resolves to the report (or null when a newer edit superseded it). After typing
   * (`typed`), the findings list is built after the highlights are painted (deferList). */
  async runCheck({ typed = false } = {}) {
    clearTimeout(this.timer);
    const text = this.textarea.value;
    const seq = ++this.seq;
    // Characters changed since the last report was applied (kept until one is: a key typed
    // while the worker checks a paste is not taken for a small change).
    const edited = this.edited;
    this.pending = true;
    let report;
    let where = 'worker';
    try {
      userTiming('report-check:sent');
      const limit = this.timeLimit ?? checkTimeLimit(text);
      // Asked once (liveRulesOff); known after that, so a check on the page starts at once.
      const off = this.rulesOff.length && !this.rulesOffLive ? await this.liveRulesOff() : this.rulesOff;
      if (seq !== this.seq) return null;
      const profile = profileWith(this.profileId, off);
      if (this.onPage(text, edited)) {
        where = 'page';
        report = engine().checkOnPage(text, profile, this.channel);
      } else {
        // A new text, a paste or a new profile: the page's last check says nothing of it.
        if (edited > PAGE_EDIT_CHARS) engine().pageTimings.delete(this.channel);
        this.renderBar();
        report = await engine().call('check', { text, profile, channel: this.channel }, limit);
      }
      userTiming('report-check:received');
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
    const t0 = performance.now();
    this.error = '';
    this.pending = false;
    this.report = report;
    this.checkedText = text;
    this.shownText = text;
    this.edited = 0;
    this.lastWhere = where;
    this.loadIgnores(text);
    const shown = this.ignored.size ? report.findings.filter((f) => !this.ignored.has(contextKey(text, f))) : report.findings;
    this.findings = shown.map((f) => withTexts(text, f));
    this.current = -1;
    this.mirror.setText(text);
    this.mirror.paint(this.findings);
    // After a key (not a paste), the highlights first: the list is built once they are painted.
    if (typed && edited <= PAGE_EDIT_CHARS) {
      this.renderBar();
      this.deferList();
      this.applyMs = performance.now() - t0;
    } else {
      this.render();
    }
    this.emit('findings', this.detail());
    // The page's own instance, for the next checks predicted to be fast (onPage).
    engine().warmPage();
    return report;
  }

  /** The rules switched off that the engine has; ids it no longer has are dropped (and forgotten). */
  async liveRulesOff() {
    if (!this.rulesOff.length) return this.rulesOff;
    knownRuleIds ??= rules().then((list) => new Set(list.map((r) => r.id)), () => null);
    const known = await knownRuleIds;
    if (!known) return this.rulesOff;
    this.rulesOffLive = true;
    const live = this.rulesOff.filter((id) => known.has(id));
    if (live.length < this.rulesOff.length) {
      this.rulesOff = live;
      if (this.keep) saveRulesOff(this.profileId, live);
    }
    return live;
  }

  detail() {
    return { findings: this.findings, summary: this.summary(), ignored: this.ignored.size, rulesOff: [...this.rulesOff], profile: this.profileId, report: this.report };
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
    this.countN = null; // the count of each severity (renderBar)
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
    // Each key updates the bar: only what changed is written (no layout work for the rest).
    if (!this.countN) {
      this.countN = new Map();
      this.countsBox.replaceChildren(...SEVERITIES.map(([id, label]) => {
        const n = el('span', { className: 'n' });
        this.countN.set(id, n);
        return el('span', { className: `count-item ${id}` }, label, n);
      }));
    }
    for (const [id] of SEVERITIES) setText(this.countN.get(id), String(s[id] || 0));
    setText(this.stateBox, this.error || (this.pending ? '正在检查…' : this.report ? `共 ${s.total} 条` : ''));
    const notice = [this.notice, this.paintNote()].filter(Boolean).join(' ');
    setText(this.noticeBox, notice);
    setFlag(this.noticeBox, 'hidden', !notice);
    setFlag(this.undoReplaceButton, 'hidden', !(this.replaced && this.replaced.after === this.textarea.value));
    setFlag(this.restoreButton, 'hidden', this.ignored.size === 0);
    setText(this.restoreButton, `恢复已忽略（${this.ignored.size}）`);
    for (const b of [this.prevButton, this.nextButton]) setFlag(b, 'disabled', this.findings.length === 0);
  }

  // Why findings of a very long line are listed but not painted (highlight.js, LONG_LINE).
  paintNote() {
    const m = this.mirror;
    if (!m.longLineNote || !m.longLines || !m.longLines.length) return '';
    // Only when a finding painted in the text lies where nothing is painted (a long line, or
    // after paintEnd); notes about the whole document are never painted.
    const hidden = this.findings.some((f) => !isDocumentNote(f) && spansOf(f).some((s) => !m.paintable(s.start, s.end)));
    return hidden ? m.longLineNote() : '';
  }

  // ---- findings list ----

  render() {
    this.renderBar();
    this.renderList();
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
      if (!focusEditor || !li.contains(this.root.activeElement)) scrollListTo(li);
    }
    this.showTipFor(index, true);
  }

  scrollToSpan(start, end) {
    const ta = this.textarea;
    if (ta.scrollToSpan) return ta.scrollToSpan(start, end);
    this.mirror.sync();
    const rects = this.mirror.rects(start, Math.max(end, start + 1));
    const box = this.mirror.box.getBoundingClientRect();
    if (rects.length) {
      const r = rects[0];
      const top = r.top - box.top - ta.clientTop + this.mirror.box.scrollTop;
      ta.scrollTop = Math.max(0, top - (ta.clientHeight - r.height) / 2);
      this.mirror.syncScroll();
    } else if (this.mirror.longLineTop) {
      // A line too long for the mirror (highlight.js, LONG_LINE): about where the span is.
      const top = this.mirror.longLineTop(start);
      if (top != null) {
        ta.scrollTop = Math.max(0, top - ta.clientHeight / 2);
        this.mirror.syncScroll();
      }
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
    } else if (e.altKey && e.key === 'Enter') {
      // Accepts the fix of the finding at the caret, as the tip's 修改 button does.
      const i = this.findingAt(this.textarea.selectionStart);
      if (i >= 0 && fixable(this.findings[i])) {
        e.preventDefault();
        this.hideTip();
        this.fix(i);
      }
    }
  }

  // ---- tooltips ----

  findingAt(offset) {
    let best = -1;
    this.findings.forEach((f, i) => {
      if (isDocumentNote(f)) return;
      for (const s of spansOf(f)) {
        // Most spans are drawn where they are; an empty one (or one past the end) is widened.
        const d = s.start < s.end && s.end <= this.shownText.length ? s : drawnSpan(this.shownText, s);
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
      if (i < 0) this.hideTipSoon();
      else this.showTipFor(i, false, offset);
    });
  }

  onCaret() {
    const ta = this.textarea;
    if (ta.hasFocus ? !ta.hasFocus() : this.root.activeElement !== ta && document.activeElement !== ta) return;
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
    if (fixable(f)) this.tip.append(this.tipFixButton(f));
    clearTimeout(this.tipTimer);
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
    clearTimeout(this.tipTimer);
    setFlag(this.tip, 'hidden', true);
  }

  // A hover tip goes a moment after the pointer left its text, so the pointer can reach the
  // tip's 修改 button; it stays while the pointer is on the tip.
  hideTipSoon() {
    clearTimeout(this.tipTimer);
    this.tipTimer = setTimeout(() => { if (!this.tipHover) this.hideTip(); }, 400);
  }

  // The tip's button accepting the fix. A press does not take the focus from the editor (the
  // tip and the caret stay); Alt+Enter in the editor does the same.
  tipFixButton(f) {
    const button = el('button', { type: 'button', className: 'btn tip-fix', textContent: fixLabel(f),
      title: '按建议修改（Alt+Enter），可用 Ctrl+Z 撤销', tabIndex: -1 });
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', () => {
      this.tipHover = false;
      this.hideTip();
      this.fix(f);
    });
    return button;
  }

  // ---- fixes ----

  // Replaces [start, end) through the browser's editing path, so Ctrl+Z undoes it.
  edit(start, end, replacement) {
    const ta = this.textarea;
    // A rich-text editor's surface writes through the editor's API (its own undo).
    if (ta.edit) return ta.edit(start, end, replacement);
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
    this.lastEdits = kept;
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
    const n = this.editFixes(edits);
    this.announce(`已修改 ${n} 处，可按 Ctrl+Z 撤销。`);
    return n;
  }

  // Makes accepted fixes (editMany); on an opened .docx they are also kept for its annotated
  // copy, where they become tracked changes.
  editFixes(edits) {
    const before = this.textarea.value;
    const n = this.editMany(edits);
    if (this.docx && n) this.docx.record(before, this.lastEdits);
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
    const n = this.editFixes(edits);
    this.announce(`已修改 ${n} 处，可按 Ctrl+Z 撤销。`);
    return n;
  }

  /** Hides finding `index` for this session. */
  ignore(ref) {
    if (this.noticeChange()) return;
    const f = this.findingOf(ref);
    if (!f) return;
    this.ignored.add(contextKey(this.shownText, f));
    this.saveIgnores();
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
    this.saveIgnores();
    this.runCheck();
  }

  // ---- decisions kept in the browser (prefs.js): ignores per document, rules off per profile ----

  // The ignores of the document `text` is (documentKey), when it is another one than before.
  loadIgnores(text) {
    if (!this.keep) return;
    const doc = documentKey(text, { id: this.documentId, fileName: this.fileName });
    if (doc === this.ignoreDoc) return;
    this.ignoreDoc = doc;
    this.ignored = new Set(ignores(doc));
  }

  saveIgnores() {
    if (this.keep) saveIgnores(this.ignoreDoc, [...this.ignored]);
  }

  /** Shows again one ignored finding (its contextKey, as listed under 已忽略). */
  unignore(key) {
    if (!this.ignored.delete(key)) return;
    this.saveIgnores();
    this.runCheck();
  }

  /** Switches rule `rule` off for the current profile (kept with it), and checks again. */
  disableRule(rule) {
    if (!rule || this.rulesOff.includes(rule)) return;
    this.setRulesOff([...this.rulesOff, rule]);
    this.announce('已关闭这条规则；可在「已关闭的规则」中重新开启。');
  }

  /** Switches rule `rule` back on for the current profile. */
  enableRule(rule) {
    if (!this.rulesOff.includes(rule)) return;
    this.setRulesOff(this.rulesOff.filter((r) => r !== rule));
    this.announce('已重新开启这条规则。');
  }

  setRulesOff(list) {
    this.rulesOff = list;
    if (this.keep) saveRulesOff(this.profileId, list);
    // The list drops the rule's entries at once; the check brings the rest up to date.
    this.findings = this.findings.filter((f) => !list.includes(f.rule));
    this.refreshLayout();
    this.current = -1;
    this.mirror.paint(this.findings);
    this.render();
    this.hideTip();
    return this.runCheck();
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
      // A zip is read as a .docx whatever its name, up to the reader's limit (64 MB); a text
      // file up to MAX_FILE_BYTES (readTextFile).
      if (isZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()))) {
        if (file.size > MAX_DOCX_BYTES) throw new FileError(docxTooLarge(file.size), 'size');
        return await this.openDocx(file);
      }
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
   * draft; its layout findings (GB/T 9704: page, fonts, spacing) are listed apart, each with
   * its paragraph. The file stays at hand for its annotated copy (annotatedDocx). */
  async openDocx(file) {
    const name = file.name || '未命名.docx';
    let r;
    let bytes;
    try {
      bytes = await file.arrayBuffer();
      r = await checkDocx(bytes, profileWith(this.profileId, this.rulesOff));
    } catch (err) {
      this.notice = `没有打开「${name}」：${(err && err.message) || err}`;
      this.announce(this.notice);
      this.renderBar();
      return null;
    }
    this.replaceText(r.text, { name, what: `Word 文件「${name}」` });
    this.docx = new OpenedDocx({ name, bytes, text: r.text, lines: r.lines, findings: r.findings });
    const layout = this.docx.layout.length;
    this.notice += (layout ? ` 版式问题 ${layout} 条，列在检查结果的「版式」中。` : ' 版式未发现问题。')
      + '点「修改」接受的建议会作为修订写入「下载带批注的 .docx」；手动改动正文不会写入。';
    this.announce(this.notice);
    this.render();
    return r.text;
  }

  // The layout findings of the opened .docx again, with the current profile.
  refreshLayout() {
    const d = this.docx;
    if (!d) return;
    checkDocx(d.bytes, profileWith(this.profileId, this.rulesOff)).then((r) => {
      if (this.docx !== d) return;
      d.setLayout(r.findings);
      this.renderList();
    }, () => {});
  }

  /** The opened .docx with every finding as a Word comment and the fixes accepted since it was
   * opened, and still in the text, as tracked changes; null when no .docx is open. */
  async annotatedDocx() {
    const d = this.docx;
    if (!d) return null;
    this.noticeChange();
    const standing = d.standing(this.textarea.value);
    const fixes = standing.map(({ start, end, text, old }) => ({ start, end, text, old }));
    const profile = profileWith(this.profileId, this.rulesOff);
    // The findings ignored in this document (忽略) get no comment: the file's own findings,
    // matched to the ignores by their text and context (contextKey) in the file's text.
    let skip = [];
    if (this.ignored.size) {
      const r = await checkDocx(d.bytes, profile);
      skip = r.findings.filter((f) => this.ignored.has(contextKey(r.text, f)))
        .map(({ rule, start, end }) => ({ rule, start, end }));
    }
    const bytes = await annotateDocx(d.bytes, profile, fixes, skip);
    const name = `${d.name.replace(/\.docx$/i, '')}（批注）.docx`;
    const dropped = d.fixes.length - standing.length;
    this.notice = `已生成「${name}」：每条问题一条批注`
      + (standing.length ? `，已接受的 ${standing.length} 处修改写为修订` : '')
      + (dropped ? `（另有 ${dropped} 处修改在正文中又被改动或撤销，没有写入）` : '') + '。';
    this.announce(this.notice);
    this.renderBar();
    return { name, bytes, fixes: standing.length, dropped };
  }

  // Selects a layout finding's paragraph (a span of the file's text) in the editor.
  revealDocx(span) {
    const d = this.docx;
    if (!d) return;
    const text = this.textarea.value;
    const state = d.mapState(text);
    const start = d.toCurrent(span.start, text, state);
    const end = Math.max(start, d.toCurrent(span.end, text, state));
    const ta = this.textarea;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    this.scrollToSpan(start, end);
  }

  /**
   * Replaces the whole text with `text` (a file, the demo) as one editing step: Ctrl+Z, or the
   * bar's 恢复原文 button, brings the old text back. Checked at once.
   */
  replaceText(text, { name = '', what = '新的文本', notice } = {}) {
    this.noticeChange();
    this.docx = null;
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
    this.docx = null;
    this.edit(0, this.textarea.value.length, r.before);
    this.onInput({ now: true });
    this.notice = '已恢复原文。';
    this.announce(this.notice);
    this.renderBar();
    return true;
  }

  destroy() {
    clearTimeout(this.timer);
    clearTimeout(this.tipTimer);
    cancelAnimationFrame(this.frame);
    cancelAnimationFrame(this.listFrame);
    clearTimeout(this.listTimer);
    this.listStale = false;
    this.listToken = null;
    for (const off of this.listeners) off();
    this.resizer.disconnect();
    this.mirror.destroy();
    this.tip.remove();
    this.live.remove();
    this.seq++;
  }
}

// Brings a list entry into view within the list's own scrolling box only: where the list does
// not scroll by itself (narrow screens: it sits under the editor, in the page), scrolling the
// page to it would take the editor's text, just brought into view, away again.
function scrollListTo(li) {
  for (let box = li.parentElement; box; box = box.parentElement) {
    if (box.scrollHeight > box.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(box).overflowY)) {
      const a = li.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      if (a.top < b.top) box.scrollTop -= b.top - a.top;
      else if (a.bottom > b.bottom) box.scrollTop += Math.min(a.bottom - b.bottom, a.top - b.top);
      return;
    }
  }
}

// Sets an element's text only when it differs (writing the same text still replaces its node);
// a lone text node is changed in place (a count in the bar: no layout objects replaced).
const setText = (node, text) => {
  if (node.textContent === text) return;
  const only = node.firstChild;
  if (text && only && only === node.lastChild && only.nodeType === Node.TEXT_NODE) only.data = text;
  else node.textContent = text;
};
// The same for a flag (`hidden`, `disabled`): Chromium recalculates an element's style whenever
// the attribute is written, even with the value it has (each key wrote six: the tip, the bar's
// notice and four buttons).
const setFlag = (node, flag, on) => { if (node[flag] !== on) node[flag] = on; };

const escapeHTML = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

installList(Controller);
