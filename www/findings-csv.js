// The findings of the page's check as CSV a clerk opens in Excel or WPS: UTF-8 with a byte
// order mark (so Excel does not read it as GBK), CRLF line ends, RFC 4180 quoting, and a text
// cell that Excel would take for a formula (=…, +…, -…, @…) started with ' — as the CLI's
// `--summary csv` does. One row per finding, in document order.
import { categoryLabel, severityLabel } from './widget/labels.js';

export const FINDINGS_COLUMNS = ['序号', '行', '列', '类别', '级别', '原文', '说明', '建议修改', '处数', '规则'];

/** One CSV cell, quoted when it must be. */
export function csvCell(value) {
  let cell = String(value ?? '');
  // As the CLI's csv_cell: a decimal number (-1.5) is not a formula.
  if (/^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The CSV text (starting with U+FEFF) of `data`, as the widget's toJSON() gives it. */
export function findingsCSV(data) {
  const findings = [...data.findings].sort((a, b) => a.start - b.start || a.end - b.end);
  const rows = findings.map((f, i) => [
    i + 1,
    f.line,
    f.column,
    categoryLabel(f.category),
    severityLabel(f.severity),
    f.text,
    f.message,
    f.suggestion == null ? '' : f.suggestion === '' ? '（删除）' : f.suggestion,
    f.places ?? (f.occurrences && f.occurrences.length > 1 ? f.occurrences.length : 1),
    f.rule,
  ]);
  return `\ufeff${[FINDINGS_COLUMNS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
