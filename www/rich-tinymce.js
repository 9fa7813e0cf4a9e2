// How an OA system adds report-check to a TinyMCE field (TinyMCE self-hosted from its npm
// package, under the strict CSP): initialise TinyMCE as usual, then attach() the editor.
import { attach } from './report-check.js';

const [editor] = await tinymce.init({
  selector: 'textarea[name="body"]',
  base_url: new URL('vendor/tinymce', import.meta.url).pathname,
  suffix: '.min',
  license_key: 'gpl',
  menubar: false,
  promotion: false,
  branding: false,
  height: 360,
});
window.reportCheck = attach(editor); // (window.* for the e2e test; not needed in an integration)
window.editor = editor;
