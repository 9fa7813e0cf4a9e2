// Worker of the page's batch check (batch.js): one row of the summary per file, as
// `report-check --summary csv` gives it, by the engine's summary_* functions; off the main
// thread, so the editor stays responsive while a folder of reports is checked.
// Messages: { id, op: 'text', file, text, profile } | { id, op: 'docx', file, bytes, profile }
// | { id, op: 'unread', file, reason } | { id, op: 'csv', rows } | { id, op: 'columns' };
// replies { id, result } or { id, error }.
import init, { summary_row, summary_row_docx, summary_unread, summary_csv, summary_columns } from './pkg/report_check.js';

const ready = init();

globalThis.addEventListener('message', async (event) => {
  const msg = event.data;
  let reply;
  try {
    await ready;
    let result;
    const profile = msg.profile || undefined;
    if (msg.op === 'text') result = summary_row(msg.file, msg.text, profile);
    else if (msg.op === 'docx') result = summary_row_docx(msg.file, new Uint8Array(msg.bytes), profile);
    else if (msg.op === 'unread') result = summary_unread(msg.file, msg.reason);
    else if (msg.op === 'csv') result = summary_csv(msg.rows);
    else if (msg.op === 'columns') result = summary_columns();
    else throw new Error(`unknown op ${msg.op}`);
    reply = { id: msg.id, result };
  } catch (err) {
    reply = { id: msg.id, error: String((err && err.message) || err) };
  }
  globalThis.postMessage(reply);
});
