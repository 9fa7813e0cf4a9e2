// The Quill 2 adapter: the content is in the page itself (quill.root, the .ql-editor element), so
// the highlights go to the page's CSS.highlights. Quill's model is its Delta, indexed by
// quill.getText()'s characters plus one per embed (an image, a formula). The checked text is
// the widget's read of the DOM (text-map.js); quillIndices() aligns the two, so a fix becomes
// a Delta at Quill's index, applied with quill.updateContents(…, 'user'): one step of Quill's
// history (cut off from the typing before and after it), which Ctrl+Z takes back.
import { readText, fromDom } from './text-map.js';

/** Whether `x` is a Quill editor instance. */
export const isQuill = (x) => !!(x && x.root instanceof Element && x.container instanceof Element
  && typeof x.getContents === 'function' && typeof x.updateContents === 'function' && typeof x.setSelection === 'function');

const BREAK = (c) => c === '\n' || c === '\t';
const EMBED = '\uFFFC'; // stands for an embed in Quill's text (never in the checked text)

/** Quill's text with each embed as U+FFFC: its offsets are Quill's indices. */
export function quillText(ops) {
  let s = '';
  for (const op of ops) s += typeof op.insert === 'string' ? op.insert : EMBED;
  return s;
}

/**
 * The Quill index of every offset 0..text.length of the checked `text`, given Quill's text `q`
 * (quillText of its contents). One linear walk: equal characters match; a line break or cell
 * tab matches a break on the other side (Quill ends every line, table cell included, with
 * \n); an embed has no character in the checked text; a break only one side has is skipped
 * there. `'A\nB'` over Quill's `'A\n\uFFFCB\n'` maps to [0, 1, 3, 4].
 */
export function quillIndices(text, q) {
  const at = new Array(text.length + 1);
  let i = 0;
  let j = 0;
  while (i < text.length) {
    const c = text[i];
    const d = q[j];
    if (j >= q.length) at[i++] = q.length;
    else if (c === d || (BREAK(c) && BREAK(d))) {
      at[i++] = j++;
    } else if (d === EMBED) j++;
    else if (BREAK(c)) at[i++] = j; // a break the DOM shows and Quill's text has not
    else if (BREAK(d)) j++;
    else at[i++] = j++; // any other difference: one for one
  }
  while (q[j] === EMBED) j++;
  at[text.length] = Math.min(j, q.length);
  return at;
}

/** The adapter of a Quill 2 editor (created: its root exists). */
export function quillAdapter(quill) {
  const root = quill.root;
  const Quill = quill.constructor; // the class: Quill.import('delta'), Quill.import('parchment')
  // The [index, length] in Quill's model of a DOM range over the content.
  const place = (range) => {
    const map = readText(root);
    const start = fromDom(map, root, range.startContainer, range.startOffset);
    const end = fromDom(map, root, range.endContainer, range.endOffset);
    if (start < 0 || end < 0) return null;
    const at = quillIndices(map.text, quillText(quill.getContents().ops));
    return [at[start], Math.max(0, at[end] - at[start])];
  };
  return {
    root,
    doc: root.ownerDocument,
    scroller: root, // .ql-editor scrolls inside its container
    form: quill.container.closest('form'),
    after: quill.container,
    focus: () => quill.focus(),
    select(range) {
      const p = place(range);
      if (p) quill.setSelection(p[0], p[1], 'user');
    },
    replace(range, text) {
      const p = place(range);
      if (!p) return;
      const [index, length] = p;
      // The inline formats of the text replaced (bold stays bold), not its line's.
      const first = quill.getContents(index, Math.max(length, 1)).ops[0];
      const { Scope } = Quill.import('parchment');
      const inline = first && typeof first.insert === 'string' && first.insert[0] !== '\n' && first.attributes
        ? Object.entries(first.attributes).filter(([k]) => quill.scroll.query(k, Scope.INLINE))
        : [];
      const Delta = Quill.import('delta');
      const change = new Delta().retain(index);
      if (length) change.delete(length);
      if (text) change.insert(text, inline.length ? Object.fromEntries(inline) : undefined);
      quill.history?.cutoff();
      quill.updateContents(change, 'user');
      quill.history?.cutoff();
      quill.setSelection(index + text.length, 0, 'silent');
    },
  };
}
