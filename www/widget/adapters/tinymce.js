// The TinyMCE adapter (TinyMCE 6-8): its content lives in an iframe, so the highlights are
// registered in the iframe document's CSS.highlights and their styles adopted into that
// document (a constructed sheet: no <style> added, the content untouched). A fix is one
// undo level: editor.undoManager.transact + selection.setRng + insertContent.

const escapeHTML = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Whether `x` is a TinyMCE editor instance. */
export const isTinyMCE = (x) => !!(x && typeof x.getBody === 'function' && x.undoManager && x.selection && typeof x.insertContent === 'function');

/** The adapter of a TinyMCE editor (initialised: its iframe exists). */
export function tinymceAdapter(editor) {
  const doc = editor.getDoc();
  const frame = editor.iframeElement || (editor.getContentAreaContainer && editor.getContentAreaContainer().querySelector('iframe'));
  const source = editor.getElement();
  return {
    root: editor.getBody(),
    doc,
    frame: frame || null,
    scroller: doc.scrollingElement,
    scrollTarget: editor.getWin(),
    form: (source && source.form) || (frame && frame.closest('form')) || null,
    after: editor.getContainer(),
    focus: () => editor.focus(),
    select: (range) => editor.selection.setRng(range),
    replace(range, text) {
      editor.undoManager.transact(() => {
        editor.selection.setRng(range);
        if (text === '') editor.execCommand('Delete');
        else editor.insertContent(escapeHTML(text).replace(/\n/g, '<br>'));
      });
      // The host's form field follows (TinyMCE writes it on submit too).
      editor.save?.();
    },
  };
}
