// How an OA system adds report-check to a wangEditor field (wangEditor self-hosted from its npm
// package, under the strict CSP): create the editor as usual, then attach() it. The form field
// is the hidden input the page keeps in step with editor.getHtml(), as wangEditor pages do.
import { attach } from './report-check.js';

const { createEditor, createToolbar } = window.wangEditor;
const field = document.querySelector('input[name="body"]');
const editor = createEditor({
  selector: '#editor',
  html: field.value,
  config: { placeholder: '请输入正文…', onChange(e) { field.value = e.getHtml(); } },
  mode: 'simple',
});
createToolbar({ editor, selector: '#toolbar', mode: 'simple' });
window.reportCheck = attach(editor, { wangEditor: window.wangEditor }); // (window.* for the e2e test)
window.editor = editor;
