// attach() on a rich-text editor: a textarea-like surface over the editor's content for the
// widget's controller, and a highlighter that draws findings over the content with the CSS
// Custom Highlight API (DOM ranges registered in the content document's CSS.highlights; the
// ::highlight styles adopted into that document as a constructed style sheet). The editor's
// content DOM is only read (a text-node walk, see text-map.js), never changed by the widget:
// a fix goes through the editor's own API (`editor.replace`), so its undo works.
//
// An editor adapter (tinymce.js, wangeditor.js, or contentEditable() below) describes the
// editor: { root, doc, frame?, scroller?, scrollTarget?, form?, focus(), select(range),
// replace(range, text), destroy?() }.
import { readText, toDom, fromDom } from './text-map.js';
import { drawnSpan, isDocumentNote, spansOf } from '../spans.js';
import { highlightFor } from '../highlight.js';
import { COLOURS, SEVERITY_RANK } from '../labels.js';

/**
 * The surface the controller drives, in place of a <textarea>: `value`, selection, scrolling,
 * focus, events, and `edit(start, end, text)` through the editor's API.
 */
export class RichSurface {
  constructor(editor) {
    this.editor = editor;
    this.root = editor.root;
    this.doc = editor.doc || editor.root.ownerDocument;
    this.win = this.doc.defaultView;
    this.frame = editor.frame || null; // the <iframe> the content lives in (TinyMCE)
    this.scroller = editor.scroller || this.doc.scrollingElement || this.root;
    this.scrollTarget = editor.scrollTarget || this.scroller;
    this.form = editor.form || (this.frame || this.root).closest('form');
    this.after = editor.after || this.frame || this.root; // the host goes after this element
    this.events = new EventTarget();
    this.cache = null;
    this.queued = false;
    this.placeholder = '';
    // Any change of the content (typing, the editor's undo, its API, a fix) is an input event
    // for the controller. The observer only reads.
    this.observer = new MutationObserver(() => this.changed());
    this.observer.observe(this.root, { childList: true, characterData: true, subtree: true });
  }

  changed() {
    this.cache = null;
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.events.dispatchEvent(new Event('input'));
    });
  }

  /** `{ text, segs }` of the content now. */
  map() {
    if (this.observer.takeRecords().length) this.changed();
    return (this.cache ??= readText(this.root));
  }

  get value() { return this.map().text; }
  set value(v) { this.edit(0, this.value.length, String(v ?? '')); }

  /** A DOM Range over [start, end) of the text, or null when the content is empty. */
  range(start, end) {
    const map = this.map();
    const a = toDom(map, start, true);
    const b = toDom(map, end, false);
    if (!a || !b) return null;
    const r = this.doc.createRange();
    r.setStart(...a);
    r.setEnd(...b);
    if (r.collapsed && start < end) r.setEnd(...a);
    return r;
  }

  offsetOf(node, offset) {
    return fromDom(this.map(), this.root, node, offset);
  }

  selection() {
    const sel = this.doc.getSelection();
    if (!sel || !sel.rangeCount) return null;
    const r = sel.getRangeAt(0);
    if (!this.root.contains(r.startContainer)) return null;
    const a = this.offsetOf(r.startContainer, r.startOffset);
    const b = this.offsetOf(r.endContainer, r.endOffset);
    return a < 0 || b < 0 ? null : [a, b];
  }

  get selectionStart() { return this.selection()?.[0] ?? 0; }
  get selectionEnd() { return this.selection()?.[1] ?? 0; }

  setSelectionRange(start, end) {
    const r = this.range(start, end);
    if (r) this.editor.select(r);
  }

  /** Replaces [start, end) with `text` through the editor's API (one undoable step). */
  edit(start, end, text) {
    const r = this.range(start, end);
    if (!r) return false;
    this.editor.replace(r, String(text));
    this.changed();
    return true;
  }

  focus() { this.editor.focus(); }
  hasFocus() {
    const a = this.doc.activeElement;
    return this.doc.hasFocus() && !!a && (a === this.root || this.root.contains(a));
  }

  /** The controller's painter for this surface (in place of the textarea's Mirror). */
  painter(layer) { return new RangeHighlighter(this, layer); }

  /** Scrolls the content so [start, end) is in view, and the editor into the page's view. */
  scrollToSpan(start, end) {
    const r = this.range(start, Math.max(end, start + 1));
    if (r) {
      const rect = r.getBoundingClientRect();
      const sc = this.scroller;
      if (sc === this.doc.scrollingElement) {
        const h = this.win.innerHeight;
        if (rect.top < 0 || rect.bottom > h) sc.scrollTop += rect.top - (h - rect.height) / 2;
      } else {
        const box = sc.getBoundingClientRect();
        if (rect.top < box.top || rect.bottom > box.bottom) sc.scrollTop += rect.top - box.top - (sc.clientHeight - rect.height) / 2;
      }
    }
    const a = this.box.getBoundingClientRect();
    if (a.top < 0 || a.bottom > window.innerHeight) this.box.scrollIntoView({ block: 'nearest' });
  }
  blur() { if (this.doc.activeElement && this.root.contains(this.doc.activeElement)) this.doc.activeElement.blur(); }

  get scrollTop() { return this.scroller.scrollTop; }
  set scrollTop(v) { this.scroller.scrollTop = v; }
  get clientHeight() { return this.frame ? this.frame.clientHeight : this.scroller.clientHeight; }
  get clientTop() { return (this.frame || this.scroller).clientTop; }
  /** The element on the host page that shows the content (what the widget sizes itself by). */
  get box() { return this.frame || (this.scroller.nodeType === 1 && this.scroller !== this.doc.scrollingElement ? this.scroller : this.root); }
  getBoundingClientRect() { return this.box.getBoundingClientRect(); }
  scrollIntoView(options) { this.box.scrollIntoView(options); }
  get parentNode() { return null; } // (no drop target: files are left to the host page)

  /** Where events of `type` come from: input from the observer, scroll from the scroller. */
  target(type) {
    if (type === 'input') return this.events;
    if (type === 'scroll') return this.scrollTarget;
    return this.root;
  }
  addEventListener(type, fn, options) { this.target(type).addEventListener(type, fn, options); }
  removeEventListener(type, fn, options) { this.target(type).removeEventListener(type, fn, options); }
  dispatchEvent(event) { return this.events.dispatchEvent(event); }

  /** Viewport offset of the content's document on the host page (an iframe's place). */
  origin() {
    if (!this.frame) return { x: 0, y: 0 };
    const r = this.frame.getBoundingClientRect();
    return { x: r.left + this.frame.clientLeft, y: r.top + this.frame.clientTop };
  }

  destroy() {
    this.observer.disconnect();
    this.editor.destroy?.();
  }
}

// ---- highlights in the content's document ----

const sheets = new WeakMap(); // document → the adopted sheet of ::highlight rules
const registries = new WeakMap(); // another window (an iframe's) → Map(name → Highlight)

// The widget's ::highlight(rc-…) rules, read from its own style sheets (in its shadow root).
function highlightRules(layer) {
  const rules = [];
  const root = layer.getRootNode();
  for (const sheet of [...(root.adoptedStyleSheets || []), ...(root.styleSheets || [])]) {
    let list;
    try { list = sheet.cssRules; } catch { continue; }
    for (const rule of list) if (/^::highlight\(rc-/.test(rule.cssText)) rules.push(rule.cssText);
  }
  return rules;
}

function adoptRules(doc, rules) {
  if (sheets.has(doc) || !rules.length) return;
  const win = doc.defaultView;
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(rules.join('\n'));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  sheets.set(doc, sheet);
}

// The Highlight of (category, severity) in `win`: the page's shared one (highlight.js), or one
// of the content document's own registry (an iframe has its own CSS.highlights).
function highlightIn(win, category, severity) {
  if (win === window) return highlightFor(category, severity);
  const c = COLOURS[category] ? category : 'other';
  const s = SEVERITY_RANK.has(severity) ? severity : 'info';
  const name = `rc-${c}-${s}`;
  let reg = registries.get(win);
  if (!reg) registries.set(win, (reg = new Map()));
  let h = reg.get(name);
  if (!h) {
    h = new win.Highlight();
    h.priority = 2 - SEVERITY_RANK.get(s);
    win.CSS.highlights.set(name, h);
    reg.set(name, h);
  }
  return h;
}

// At most this many ranges are drawn (as the textarea's Mirror: highlight.js MAX_PAINTED).
const MAX_PAINTED = 1500;

/** Draws findings over a RichSurface's content; the controller's "mirror" for rich editors. */
export class RangeHighlighter {
  constructor(surface, layer) {
    this.surface = surface;
    this.mode = 'highlight';
    this.box = layer.ownerDocument.createElement('div'); // nothing to lay over the editor
    this.box.hidden = true;
    layer.append(this.box);
    this.rules = highlightRules(layer);
    this.findings = [];
    this.ranges = [];
    this.frame = 0;
  }

  get text() { return this.surface.value; }
  setText() {}
  sync() { this.paintSoon(this.findings); }
  syncScroll() {}

  clear() {
    for (const [h, r] of this.ranges) h.delete(r);
    this.ranges = [];
  }

  paint(findings) {
    cancelAnimationFrame(this.frame);
    this.findings = findings;
    this.clear();
    const { doc, win } = this.surface;
    if (!win || !win.CSS || !win.CSS.highlights) return;
    adoptRules(doc, this.rules);
    const text = this.surface.value;
    let budget = MAX_PAINTED;
    for (const f of findings) {
      if (isDocumentNote(f)) continue;
      const h = highlightIn(win, f.category, f.severity);
      for (const s of spansOf(f)) {
        if (--budget < 0) return;
        const { start, end } = drawnSpan(text, s); // a zero-length finding on the next character
        if (start >= end) continue;
        const r = this.surface.range(start, end);
        if (!r || r.collapsed) continue;
        const fixed = new win.StaticRange({ startContainer: r.startContainer, startOffset: r.startOffset, endContainer: r.endContainer, endOffset: r.endOffset });
        h.add(fixed);
        this.ranges.push([h, fixed]);
      }
    }
  }

  paintSoon(findings) {
    this.findings = findings;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.paint(this.findings));
  }

  /** Client rects of [start, end) on the host page's viewport. */
  rects(start, end) {
    const r = this.surface.range(start, end);
    if (!r) return [];
    const { x, y } = this.surface.origin();
    return [...r.getClientRects()].map((c) => new DOMRect(c.left + x, c.top + y, c.width, c.height));
  }

  /** The text offset under a point of the content's viewport (events there carry such
   * coordinates), or -1. */
  offsetAt(x, y) {
    const { doc } = this.surface;
    let node;
    let offset;
    if (doc.caretPositionFromPoint) {
      const p = doc.caretPositionFromPoint(x, y);
      if (!p) return -1;
      node = p.offsetNode;
      offset = p.offset;
    } else if (doc.caretRangeFromPoint) {
      const r = doc.caretRangeFromPoint(x, y);
      if (!r) return -1;
      node = r.startContainer;
      offset = r.startOffset;
    } else return -1;
    const at = this.surface.offsetOf(node, offset);
    if (at < 0) return -1;
    // The character whose box holds the point: the one after the caret, or before it.
    const { x: ox, y: oy } = this.surface.origin();
    for (const i of [at, at - 1]) {
      if (i < 0) continue;
      for (const c of this.rects(i, i + 1)) {
        if (x + ox >= c.left && x + ox <= c.right && y + oy >= c.top && y + oy <= c.bottom) return i;
      }
    }
    return -1;
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.clear();
    this.box.remove();
  }
}

// ---- a plain contenteditable element ----

/** The adapter of a contenteditable element (no editor library): the browser's own editing,
 * whose undo stack execCommand keeps. */
export function contentEditable(element) {
  const doc = element.ownerDocument;
  return {
    root: element,
    doc,
    scroller: element,
    form: element.closest('form'),
    focus: () => element.focus({ preventScroll: true }),
    select(range) {
      const sel = doc.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    },
    replace(range, text) {
      element.focus({ preventScroll: true });
      this.select(range);
      if (text === '') doc.execCommand('delete', false);
      else doc.execCommand('insertText', false, text);
    },
  };
}
