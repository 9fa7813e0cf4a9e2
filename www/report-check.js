// report-check widget: the public entry, for the page and for embedding in OA systems. The
// code is in ./widget/ (native ES modules, one job each; no build step), re-exported here.
//
//   <script type="module">
//     import { attach } from './report-check/report-check.js';
//     attach(document.querySelector('textarea[name=body]'));
//   </script>
//
// Exports: the custom element <report-check profile="…"> (events `findings` and `change`, a
// `value` property), attach(textarea, options) for an existing <textarea>, and the headless
// check(text, profile) / profiles() / rules() / version(). Types: report-check.d.ts.
//
// Checking runs in a module worker (widget/worker.js), which loads the wasm-pack output from
// ./pkg/ next to this file; when no worker can start, it runs on the main thread.
// Nothing is fetched from another origin; no eval, no inline script or style: it works under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`. User text only ever reaches the
// DOM as text nodes.

export { checkTimeLimit, check, checkDocx, annotateDocx, profiles, rules, version } from './widget/engine.js';
export { CATEGORIES, SEVERITIES, categoryLabel, severityLabel } from './widget/labels.js';
export { MAX_FILE_BYTES, FileError, decodeText, readTextFile } from './widget/files.js';
export { isDocumentNote, shiftFindings, diffEdges, keepSurrogates } from './widget/spans.js';
export { Controller } from './widget/controller.js';
export { ReportCheckElement } from './widget/element.js';
export { attach } from './widget/attach.js';
