// The wangEditor 5 adapter (Slate underneath): the content is in the page itself, so the
// highlights go to the page's CSS.highlights. A fix selects the place as a Slate range and
// inserts the text through the editor's Slate transforms (insertText / delete at that range),
// one step of the editor's own history (Ctrl+Z, editor.undo()).

/** Whether `x` is a wangEditor editor instance. */
export const isWangEditor = (x) => !!(x && typeof x.getEditableContainer === 'function' && typeof x.insertText === 'function' && typeof x.getHtml === 'function');

/** The adapter of a wangEditor editor; `exports` holds wangEditor's DomEditor and
 * SlateTransforms (window.wangEditor, or import * as wangEditor from '@wangeditor/editor'). */
export function wangEditorAdapter(editor, { DomEditor, SlateTransforms } = globalThis.wangEditor || {}) {
  if (!DomEditor || !SlateTransforms) throw new TypeError('wangEditor: pass its exports, attach(editor, { wangEditor }) with wangEditor = { DomEditor, SlateTransforms }');
  const root = editor.getEditableContainer().querySelector('[data-slate-editor]');
  if (!root) throw new TypeError('wangEditor: the editor has no editable content yet');
  const slateRange = (range) => DomEditor.toSlateRange(editor, range, { exactMatch: false, suppressThrow: true });
  const scroller = root.closest('.w-e-scroll') || root;
  return {
    root,
    doc: root.ownerDocument,
    scroller,
    form: root.closest('form'),
    // The widget goes after the element the editor was created in (its selector's).
    after: root.closest('.w-e-text-container')?.parentElement || root,
    focus: () => editor.focus(),
    select(range) {
      const r = slateRange(range);
      if (r) editor.select(r);
    },
    // One step of the editor's history of its own: the transform is the first operation of
    // its tick (no select() before it), so Slate's history does not merge it into the typing
    // before it, and Ctrl+Z takes back the fix alone.
    replace(range, text) {
      const at = slateRange(range);
      if (!at) return;
      if (text === '') SlateTransforms.delete(editor, { at });
      else SlateTransforms.insertText(editor, text, { at });
      editor.focus();
    },
  };
}
