// How an OA system adds report-check to a Quill field (Quill 2 self-hosted from its npm package's
// dist/, under the strict CSP): create the editor as usual, then attach() it. The form field is
// a hidden input the page fills with the editor's HTML on submit, as Quill pages do.
import { attach } from './report-check.js';

const form = document.querySelector('#draft');
const field = form.querySelector('input[name="body"]');
const quill = new Quill('#editor', { theme: 'snow', placeholder: '请输入正文…' });
form.addEventListener('submit', () => { field.value = quill.getSemanticHTML(); });
window.reportCheck = attach(quill); // (window.* for the e2e test; not needed in an integration)
window.editor = quill;
