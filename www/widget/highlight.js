// Painting findings over a textarea: the Mirror (a copy of its text laid out like it, placed
// over it) and the CSS Custom Highlight registry shared by every widget of the page; <mark>
// elements where the Highlight API is missing.

import { COLOURS, SEVERITY_RANK } from './labels.js';
import { el } from './dom.js';
import { diffEdges, drawnSpan, isDocumentNote, spansOf } from './spans.js';

// Painting limits (see Mirror.paintHighlights): texts up to SMALL_TEXT characters (and 200
// lines) are painted whole; at most MAX_PAINTED ranges (or <mark>s) are drawn.
const SMALL_TEXT = 20_000;
const MAX_PAINTED = 1500;
// A line longer than LONG_LINE characters is not copied into the mirror: every key in it made
// Chromium lay the whole line out again there, on top of the textarea's own layout of it (100,000
// 《 on one line: about 0.5 s a key, as much again as the textarea). Its block in the mirror is
// empty, as tall as the line is in the textarea (fitLongLines), so the lines after it stay
// aligned; its findings are listed, not painted (longLineNote says so).
export const LONG_LINE = 5_000;
// The same for a line over LONG_RUN_LINE characters holding a run of trimmed marks (TRIMMED_RUN),
// which lay out several times slower (4,900 《: 25 ms a key more than the bare textarea).
const LONG_RUN_LINE = 1_500;
// Highlight mode groups the mirror's line blocks CHUNK to a chunk (up to twice as many after
// edits), each with `contain: layout` (styles.js). With even one highlight registered, every
// frame after any DOM change (a key in the textarea, or anywhere in the page) rebuilds the
// highlight markers, and Chromium walked all the mirror's lines in pre-paint, compositing
// inputs and paint: on samples/000's 1,143 lines about 0.9, 0.8 and 0.3 ms a frame, against
// 0.3, 0.2 and 0.08 ms in contained chunks of 64 (a page with those lines and one range,
// traced; the A/B figures are in the commit). `content-visibility: auto` chunks cut more
// (0.1, 0.04, 0.06 ms) but its paint containment moved the glyphs off the textarea's by a
// fraction of a pixel (tests/e2e/embed.test.mjs), as `contain: paint` alone does.
const CHUNK = 64;
const isLongLine = (text) => text.length > LONG_LINE || (text.length > LONG_RUN_LINE && hasTrimmedRun(text));

export const HAS_HIGHLIGHTS = typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function' && typeof StaticRange === 'function';
// Shared per document: one Highlight per (category, severity); every widget adds its ranges.
export const highlightRegistry = new Map();
// category → severity → Highlight: paintHighlights asks once per span drawn.
const byKind = new Map();
export function highlightFor(category, severity) {
  let kinds = byKind.get(category);
  if (!kinds) byKind.set(category, (kinds = new Map()));
  let h = kinds.get(severity);
  if (!h) kinds.set(severity, (h = namedHighlight(category, severity)));
  return h;
}
function namedHighlight(category, severity) {
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

// A long run of the full-width marks whose spacing Chromium trims (text-spacing-trim) makes
// every edit of the mirror's line re-lay out the whole run: 10,000 《 on one line took 1.2 s a
// key in the mirror against 3 ms in the textarea. While the text holds such a run, both the
// textarea and the mirror lay marks out at full width (space-all), so they stay aligned and
// a key costs milliseconds; no real report has such a run.
const TRIMMED = new Uint8Array(0x10000);
for (const c of '（）《》〈〉「」『』【】〔〕〖〗“”‘’、。，．：；！？') TRIMMED[c.charCodeAt(0)] = 1;
const TRIMMED_RUN = 64;
// Whether text[from, to) holds TRIMMED_RUN trimmed marks in a row: one pass, no backtracking (a
// regex /[…]{64}/ re-read up to 63 chars at each start: 161 ms a test on 1 MB of 63 《 and a
// char, repeated).
function hasTrimmedRun(text, from = 0, to = text.length) {
  let run = 0;
  for (let i = from; i < to; i++) {
    if (!TRIMMED[text.charCodeAt(i)]) run = 0;
    else if (++run >= TRIMMED_RUN) return true;
  }
  return false;
}

// Puts `text` in a text node by replacing only what differs (the common start and end stay):
// Chromium then re-shapes only the changed part of the line, as it does for the textarea's own
// edit, where setting `data` re-shaped the whole line.
export function replaceText(node, text) {
  const old = node.data;
  const n = Math.min(old.length, text.length);
  let head = 0;
  while (head < n && old.charCodeAt(head) === text.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < n - head && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  // Never split a surrogate pair between the kept and the replaced parts.
  if (head > 0 && isHigh(old.charCodeAt(head - 1))) head--;
  if (tail > 0 && isLow(old.charCodeAt(old.length - tail))) tail--;
  node.replaceData(head, old.length - head - tail, text.slice(head, text.length - tail));
}
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;

// The last of `n` boxes in document order whose top (`topOf(i)`) is at or above `y`; 0 if none.
function lastAtOrAbove(n, topOf, y) {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (topOf(mid) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

export class Mirror {
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
    this.ranges = []; // [Highlight, StaticRange, …] for each range this mirror added
    this.rangeKeys = new Map(); // the same ranges by their start node (see paintHighlights)
    this.painted = []; // every span those ranges cover: { h, start, end }
    this.paintFrame = 0;
    this.longLines = []; // indices of the lines over LONG_LINE characters (fitLongLines)
    this.paintEnd = Infinity; // no finding from this offset on is painted
    layer.append(this.box);
    this.resetContent();
    // A textarea attached with a long run in its value: untrimmed before anything lays it out.
    this.guardTrim(textarea.value);
  }

  resetContent() {
    if (this.mode === 'highlight') {
      this.lines = [this.lineDiv('')];
      this.lineStarts = [0];
      const chunk = this.chunkDiv();
      chunk.append(...this.lines);
      this.box.replaceChildren(chunk);
    }
  }

  chunkDiv() {
    const chunk = document.createElement('div');
    chunk.className = 'chunk';
    return chunk;
  }

  // Chunks over 2 × CHUNK lines (after a paste, or the first text) are split.
  splitChunk(chunk) {
    const divs = [...chunk.children];
    if (divs.length <= 2 * CHUNK) return;
    const parts = [];
    for (let k = CHUNK; k < divs.length; k += CHUNK) {
      const part = this.chunkDiv();
      part.append(...divs.slice(k, k + CHUNK));
      parts.push(part);
    }
    chunk.after(...parts);
  }

  // The top of line i in the mirror's content (offsetTop from the mirror's padding box).
  lineTop(i) {
    const div = this.lines[i];
    const chunk = div.parentNode;
    return chunk === this.box || div.offsetParent === this.box ? div.offsetTop : chunk.offsetTop + div.offsetTop;
  }

  lineDiv(text) {
    const div = document.createElement('div');
    div.append(document.createTextNode(''), document.createElement('br'));
    this.setLine(div, text);
    return div;
  }

  setLine(div, text) {
    // A line over LONG_LINE characters keeps no text here (rcLong).
    const long = isLongLine(text);
    if (long) text = '';
    const node = div.firstChild;
    if (node.data !== text) replaceText(node, text);
    const br = node.nextSibling;
    if (!text && !br) div.append(document.createElement('br'));
    else if (text && br) br.remove();
    if (!long && div.rcLong) div.style.removeProperty('height');
    div.rcLong = long;
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
    // A new width wraps the long lines anew.
    if (this.longLines.length) this.fitLongLines();
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
    const before = this.text;
    const [head, tail] = edges || diffEdges(before, text);
    // Before the mirror holds the text: laid out trimmed even once (the next forced layout),
    // 30,000 《 took minutes. A text without a run before this edit can only have one now
    // across the edited part.
    this.guardTrim(text, this.trimSaved ? null : [head - TRIMMED_RUN, text.length - tail + TRIMMED_RUN]);
    if (this.mode === 'highlight') {
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
      for (const div of old.slice(common)) {
        const chunk = div.parentNode;
        div.remove();
        if (!chunk.firstChild) chunk.remove();
      }
      this.lines.splice(first + common, old.length - common, ...added);
      if (added.length) this.splitChunk(old[common - 1].parentNode);
      // Line starts: kept before the edit, from its lines within it, shifted after it.
      const delta = text.length - before.length;
      const starts = this.lineStarts.slice(0, first + 1);
      for (let k = 0, at = from; k < fresh.length - 1; k++) starts.push((at += fresh[k].length + 1));
      for (let i = last + 1; i < this.lineStarts.length; i++) starts.push(this.lineStarts[i] + delta);
      this.lineStarts = starts;
    }
    this.text = text;
    this.fitLongLines();
  }

  // The lines kept out of the mirror (LONG_LINE) get the height they have in the textarea: its
  // content height less the mirror's other lines, in whole lines of text. That height is known
  // for one such line (the one an edit touches) while the textarea scrolls; with more than one,
  // or a textarea showing all its text, only the lines before the first unknown one are painted
  // (paintEnd). Costs a layout of the mirror's short lines, and of the textarea, which the key
  // has already laid out.
  fitLongLines() {
    this.paintEnd = Infinity;
    this.longLines = [];
    if (this.mode !== 'highlight') return;
    const starts = this.lineStarts;
    this.lines.forEach((div, i) => { if (div.rcLong) this.longLines.push(i); });
    if (!this.longLines.length || this.box.style.display === 'none') return;
    const ta = this.textarea;
    const cs = getComputedStyle(ta);
    const lh = this.lineHeight();
    const long = this.longLines.map((i) => this.lines[i]);
    const heights = long.map((d) => d.getBoundingClientRect().height);
    const first = this.lines[0].getBoundingClientRect();
    const last = this.lines[this.lines.length - 1].getBoundingClientRect();
    const others = last.bottom - first.top - heights.reduce((a, b) => a + b, 0);
    const content = ta.scrollHeight - (parseFloat(cs.paddingTop) || 0) - (parseFloat(cs.paddingBottom) || 0);
    // A textarea that does not scroll has scrollHeight = clientHeight, not its content's.
    const known = ta.scrollHeight > ta.clientHeight;
    let total = Math.max(0, content - others);
    if (lh > 0) total = Math.max(long.length, Math.round(total / lh)) * lh;
    const chars = this.longLines.map((i) => (i + 1 < starts.length ? starts[i + 1] - 1 : this.text.length) - starts[i]);
    const sum = chars.reduce((a, b) => a + b, 0);
    long.forEach((d, k) => {
      let h = known ? total * chars[k] / sum : (lh > 0 ? lh : 0);
      if (lh > 0) h = Math.max(1, Math.round(h / lh)) * lh;
      if (Math.abs(h - heights[k]) > 0.01) d.style.setProperty('height', `${h}px`);
    });
    if (!known) this.paintEnd = starts[this.longLines[0]];
    else if (long.length > 1) this.paintEnd = starts[this.longLines[1]];
  }

  // The height of one line of text as laid out (line-height in layout units: 28.8px is
  // 28.796875px), measured on a hidden line beside the mirror; 0 when unknown.
  lineHeight() {
    if (!this.probe) {
      this.probe = el('div', { attrs: { 'aria-hidden': 'true' } }, '中');
      this.probe.style.cssText = 'position: absolute; visibility: hidden; white-space: pre; top: 0; left: 0;';
      this.layer.append(this.probe);
    }
    for (const p of ['font-family', 'font-size', 'font-style', 'font-weight', 'line-height', 'text-spacing-trim']) {
      const v = this.box.style.getPropertyValue(p);
      if (v) this.probe.style.setProperty(p, v);
    }
    return this.probe.getBoundingClientRect().height;
  }

  // Whether [start, end) may be painted: not in a line kept out of the mirror, nor past paintEnd.
  paintable(start, end) {
    if (end > this.paintEnd) return false;
    if (!this.longLines.length) return true;
    return !this.lines[this.lineOf(start)].rcLong && !this.lines[this.lineOf(Math.max(start, end - 1))].rcLong;
  }

  /** Why some findings are not painted (a Chinese sentence for the bar), or ''. */
  longLineNote() {
    if (!this.longLines || !this.longLines.length) return '';
    const i = this.longLines[0];
    const chars = (i + 1 < this.lineStarts.length ? this.lineStarts[i + 1] - 1 : this.text.length) - this.lineStarts[i];
    const more = this.paintEnd < Infinity ? '及其后各行' : this.longLines.length > 1 ? `等 ${this.longLines.length} 行` : '';
    return `第 ${i + 1} 行太长（${chars} 字没有换行），为保证输入流畅，这一行${more}的问题不在正文中标出，请在检查结果列表中查看。`;
  }

  // See TRIMMED_RUN: space-all on the textarea (its own inline value kept and put back) while
  // the text holds a long run of trimmed marks; sync() copies it to the mirror. `near`: the
  // [from, to) of `text` a new run would have to overlap (the text had none before an edit
  // there), so a key in a long text scans about 130 characters, not all of them.
  guardTrim(text, near = null) {
    const [from, to] = near ? [Math.max(0, near[0]), Math.min(text.length, near[1])] : [0, text.length];
    const run = to - from >= TRIMMED_RUN && hasTrimmedRun(text, from, to);
    if (run === !!this.trimSaved) return;
    const st = this.textarea.style;
    if (run) {
      this.trimSaved = { value: st.getPropertyValue('text-spacing-trim'), priority: st.getPropertyPriority('text-spacing-trim') };
      st.setProperty('text-spacing-trim', 'space-all', 'important');
      this.box.style.setProperty('text-spacing-trim', 'space-all');
    } else {
      const { value, priority } = this.trimSaved;
      this.trimSaved = null;
      if (value) st.setProperty('text-spacing-trim', value, priority);
      else st.removeProperty('text-spacing-trim');
    }
    this.sync();
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
  // Even a few cost every frame after a change anywhere in the page (a key in another
  // textarea too): the 20 KB report's ~35 ranges, 0.5 ms of the frame's pre-paint and 0.4 ms
  // of repainting the marked lines (bench-keystroke --ab --trace, with and without them).
  // The window: the text from a screenful above the view to a screenful below it (at least
  // 800 characters either side), found by offsets, so one very long line is windowed too.
  // followScroll repaints it after half a screen of scrolling. Every line holding a range
  // costs each frame after a DOM change (its underline makes Chromium recompute the line's
  // ink overflow: 200 ranges over 30 lines 2.1 ms of pre-paint and 2.0 of compositing inputs,
  // the same over 3 lines 0.7 and 0.6, without underlines 0.5 and 0.3): with 2,000 characters
  // either side, samples/000's keys took 0.4-0.6 ms more pre-paint, 0.3-0.5 more compositing
  // inputs (bench-keystroke --ab --only=000-bare).
  paintWindow() {
    const text = this.text;
    if (text.length <= SMALL_TEXT && this.lines.length < 200) return (this.window = { from: 0, to: text.length, all: true });
    const top = this.box.scrollTop;
    const height = this.textarea.clientHeight;
    const a = this.offsetAtY(top);
    const b = this.offsetAtY(top + height);
    const margin = Math.max(800, b - a + 400);
    return (this.window = { from: Math.max(0, a - margin), to: Math.min(text.length, b + margin), top, height });
  }

  // [first, last] line in view (for tests and debugging).
  visibleLines() {
    const n = this.lines.length;
    if (n === 0) return [0, 0];
    const top = this.box.scrollTop;
    const bottom = top + this.textarea.clientHeight;
    return [this.lineAtY(top), this.lineAtY(bottom)];
  }

  // First text offset on the visual line at content height `y` (scroll coordinates of the
  // mirror); within lines of fewer than 400 characters, the line's start.
  offsetAtY(y) {
    const n = this.lines.length;
    if (!n) return 0;
    const lo = this.lineAtY(y);
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

  // The last line whose top is at or above content height `y`: the chunk first, then its
  // lines.
  lineAtY(y) {
    const chunks = this.box.children;
    let index = 0;
    let within = this.lines;
    let base = 0;
    if (this.mode === 'highlight' && chunks.length && chunks[0].classList.contains('chunk')) {
      const c = lastAtOrAbove(chunks.length, (k) => chunks[k].offsetTop, y);
      for (let k = 0; k < c; k++) index += chunks[k].childElementCount;
      within = chunks[c].children;
      base = within[0] && within[0].offsetParent === this.box ? 0 : chunks[c].offsetTop;
    }
    return Math.min(this.lines.length - 1, index + lastAtOrAbove(within.length, (k) => base + within[k].offsetTop, y));
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
    this.rangeKeys = new Map();
    this.painted = [];
  }

  paintHighlights() {
    this.painted = [];
    const text = this.text;
    const { from, to } = this.paintWindow();
    // The spans in the window, per highlight (category and severity).
    const byHighlight = new Map();
    for (const f of this.findings) {
      if (isDocumentNote(f)) continue;
      for (const s of spansOf(f)) {
        if (s.end < from || s.start > to) continue;
        const { start, end } = drawnSpan(text, s);
        if (start >= end || !this.paintable(start, end)) continue;
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
    // Only the ranges that changed are added and deleted: a range on the same text nodes at the
    // same offsets, of the same highlight, is the same range and stays. Any change to a
    // highlight makes Chromium rebuild its markers and repaint every highlighted line in the
    // next frame (3 ms of paint a frame on samples/000); after a key, most of a check's
    // ranges are the ones its text already had (every line but the edited one keeps its nodes).
    // rangeKeys: start text node → the ranges starting in it, [Highlight, StaticRange,
    // startOffset, endContainer, endOffset] each.
    const old = this.rangeKeys;
    const kept = new Map();
    const ranges = [];
    for (const run of runs) {
      const [startContainer, startOffset] = this.point(run.start);
      const [endContainer, endOffset] = this.point(run.end);
      let entry = null;
      const there = old.get(startContainer);
      if (there) {
        const i = there.findIndex((e) => e[0] === run.h && e[2] === startOffset && e[3] === endContainer && e[4] === endOffset);
        if (i >= 0) [entry] = there.splice(i, 1);
      }
      if (!entry) {
        entry = [run.h, new StaticRange({ startContainer, startOffset, endContainer, endOffset }), startOffset, endContainer, endOffset];
        run.h.add(entry[1]);
      }
      const here = kept.get(startContainer);
      if (here) here.push(entry);
      else kept.set(startContainer, [entry]);
      ranges.push(entry);
      for (const [start, end] of run.spans) this.painted.push({ h: run.h, start, end });
    }
    for (const gone of old.values()) for (const [h, r] of gone) h.delete(r);
    this.rangeKeys = kept;
    this.ranges = ranges;
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
  // None for text in a line kept out of the mirror (LONG_LINE): it is not laid out here.
  rects(start, end) {
    if (!this.paintable(start, Math.max(start, end))) return [];
    const range = this.domRange(start, end);
    return range ? [...range.getClientRects()] : [];
  }

  // For offset `pos` in a line kept out of the mirror: about where it is (mirror scroll
  // coordinates, the top of its row if its line's rows were all alike long); else null.
  longLineTop(pos) {
    if (!this.longLines.length) return null;
    const i = this.lineOf(pos);
    const div = this.lines[i];
    if (!div.rcLong) return null;
    const end = i + 1 < this.lineStarts.length ? this.lineStarts[i + 1] - 1 : this.text.length;
    const lh = this.lineHeight() || 1;
    const rows = Math.max(1, Math.round(div.offsetHeight / lh));
    return this.lineTop(i) + Math.floor((pos - this.lineStarts[i]) / Math.max(1, end - this.lineStarts[i]) * rows) * lh;
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
      const range = this.domRange(i, i + 1);
      const r = range ? range.getClientRects() : [];
      return r.length ? r[0] : null;
    };
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = rectOf(mid);
      if (!r) {
        // A line kept out of the mirror (LONG_LINE) has no character boxes, only its block:
        // the point is above it, below it, or in it (no finding painted there).
        const line = this.lines[this.lineOf(mid)];
        const box = line && line.rcLong ? line.getBoundingClientRect() : null;
        if (box && y < box.top) hi = mid;
        else if (!box || y >= box.bottom) lo = mid + 1;
        else return -1;
        continue;
      }
      if (r.bottom <= y || (r.top <= y && r.right <= x && text[mid] !== '\n')) lo = mid + 1;
      else hi = mid;
    }
    const r = rectOf(lo);
    if (!r || x < r.left || x > r.right || y < r.top || y > r.bottom) return -1;
    return lo;
  }

  destroy() {
    cancelAnimationFrame(this.paintFrame);
    if (this.trimSaved) this.guardTrim('');
    this.clearHighlights();
    this.box.remove();
    if (this.probe) this.probe.remove();
  }
}
