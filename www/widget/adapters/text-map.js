// The text of a rich-text editor's content, as the checker reads it, and the map between its
// offsets and DOM positions. A walk over the editable element's text nodes: block elements
// (paragraphs, headings, list items, table rows and cells…) and <br> become \n, the editors'
// bookkeeping (TinyMCE's data-mce-bogus, Slate's zero-width placeholders, caret \uFEFF) is
// skipped. Reads the DOM only; never changes it.

const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'CAPTION']);
// Cells of a row are separated by a tab, as Word's text of a table is (see the core's docx reader).
const CELL = new Set(['TD', 'TH']);
// Blocks that hold other blocks: empty, they are no line.
const CONTAINER = new Set(['TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'OL', 'DL', 'HR']);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'svg', 'IMG', 'VIDEO', 'AUDIO', 'CANVAS']);

function skipped(el) {
  if (SKIPPED.has(el.nodeName)) return true;
  // TinyMCE: bogus="all" elements (caret containers, resize handles) are not content.
  const bogus = el.getAttribute('data-mce-bogus');
  if (bogus === 'all') return true;
  // Slate (wangEditor): the zero-width placeholder of an empty line or a line end.
  if (el.hasAttribute('data-slate-zero-width')) return true;
  return el.getAttribute('contenteditable') === 'false' && el.hasAttribute('data-mce-bogus');
}

/**
 * Reads `root`'s content: `{ text, segs }`, segs `[{ node, from, start, length }]` in text
 * order: `length` characters of text node `node` from its offset `from`, at `start` in `text`
 * (a text node is cut around the caret marks U+FEFF / U+200B the editors put in it). Everything else in `text` is a
 * \n (or \t between table cells) that stands for a block boundary or a <br>.
 * `<p>A</p><p><br></p><p>B<br>C</p>` reads "A\n\nB\nC".
 */
export function readText(root) {
  let text = '';
  const segs = [];
  let started = false; // a line has begun
  let brk = ''; // a boundary seen since the last text: '\n', or '\t' between cells
  let blocks = 0; // blocks entered so far
  const put = (s, node, from = 0) => {
    if (brk && started) text += brk;
    brk = '';
    started = true;
    if (node) segs.push({ node, from, start: text.length, length: s.length });
    text += s;
  };
  const boundary = (c) => { if (brk !== '\n') brk = c; };
  const walk = (node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const data = n.data;
        // A caret placeholder (TinyMCE, Slate) holds only U+FEFF / U+200B.
        if (!data || /^[\uFEFF\u200B]+$/.test(data)) continue;
        if (!/[\uFEFF\u200B]/.test(data)) {
          put(data, n);
          continue;
        }
        for (const m of data.matchAll(/[^\uFEFF\u200B]+/g)) put(m[0], n, m.index);
      } else if (n.nodeType === 1) {
        if (skipped(n)) continue;
        if (n.nodeName === 'BR') {
          // A <br> that ends its block draws no line of its own (nor does a bogus one).
          if (n.getAttribute('data-mce-bogus') || !hasContentAfter(n)) continue;
          put('', null);
          text += '\n';
          continue;
        }
        if (!BLOCK.has(n.nodeName)) {
          walk(n);
          continue;
        }
        const cell = CELL.has(n.nodeName);
        boundary(cell && n.previousElementSibling ? '\t' : '\n');
        const length = text.length;
        const inner = ++blocks;
        walk(n);
        // An empty paragraph (no text, no blocks inside) is an empty line.
        if (text.length === length && blocks === inner && !CONTAINER.has(n.nodeName)) put('', null);
        boundary(cell ? '\t' : '\n');
      }
    }
  };
  walk(root);
  return { text, segs };
}

// Whether anything that is drawn follows `br` inside its block.
function hasContentAfter(br) {
  for (let n = br; n;) {
    for (let s = n.nextSibling; s; s = s.nextSibling) {
      if (s.nodeType === 3 && s.data && !/^[\uFEFF\u200B]+$/.test(s.data)) return true;
      if (s.nodeType !== 1 || skipped(s)) continue;
      if (BLOCK.has(s.nodeName)) return false;
      if (s.nodeName === 'BR' ? !s.getAttribute('data-mce-bogus') : s.textContent.replace(/[\uFEFF\u200B]/g, '') || s.querySelector('br')) return true;
    }
    const p = n.parentNode;
    if (!p || p.nodeType !== 1 || BLOCK.has(p.nodeName)) break;
    n = p;
  }
  return false;
}

/** The DOM position `[node, offset]` of text offset `pos`; between segments, the end of the
 * one before (or the start of the next when `forward`). */
export function toDom(map, pos, forward = false) {
  const { segs } = map;
  if (!segs.length) return null;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  const s = segs[lo];
  const next = segs[lo + 1];
  if (pos < s.start) return [s.node, s.from]; // before the first text
  if (pos <= s.start + s.length) {
    if (forward && pos === s.start + s.length && next && next.start === pos) return [next.node, next.from];
    return [s.node, s.from + pos - s.start];
  }
  if (forward && next) return [next.node, next.from];
  return [s.node, s.from + s.length];
}

/** The text offset of DOM position (node, offset), or -1 when it is not in the content. */
export function fromDom(map, root, node, offset) {
  const { segs, text } = map;
  if (!root.contains(node)) return -1;
  if (node.nodeType === 3) {
    let after = -1;
    for (const s of segs) {
      if (s.node !== node) continue;
      if (offset <= s.from + s.length) return s.start + Math.max(0, offset - s.from);
      after = s.start + s.length;
    }
    if (after >= 0) return after;
  }
  // An element position, or a skipped text node: the first segment at or after it.
  const doc = root.ownerDocument;
  const r = doc.createRange();
  r.setStart(node, Math.min(offset, node.nodeType === 3 ? node.data.length : node.childNodes.length));
  for (const s of segs) {
    if (r.comparePoint(s.node, s.from) >= 0) return s.start;
  }
  return text.length;
}
