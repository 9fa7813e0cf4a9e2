// attach()'s choice of surface for what it is given besides a <textarea>: a TinyMCE editor, a
// wangEditor editor, or a contenteditable element (see rich.js).
import { RichSurface, contentEditable } from './rich.js';
import { isTinyMCE, tinymceAdapter } from './tinymce.js';
import { isWangEditor, wangEditorAdapter } from './wangeditor.js';

/** A RichSurface for `target`, or null when it is none of these. `options.wangEditor`: the
 * wangEditor module's exports, for its DomEditor and SlateTransforms (else window.wangEditor). */
export function surfaceFor(target, options = {}) {
  if (isTinyMCE(target)) return new RichSurface(tinymceAdapter(target));
  if (isWangEditor(target)) return new RichSurface(wangEditorAdapter(target, options.wangEditor));
  if (target instanceof Element && target.isContentEditable) return new RichSurface(contentEditable(target));
  return null;
}
