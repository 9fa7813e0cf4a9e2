// Findings and their spans (UTF-16 offsets into the editor's text): which are about the whole
// document, where a span is drawn, moving spans across an edit (diffEdges, shiftFindings),
// what a fix writes (keepSurrogates, withTexts), what an ignore remembers (contextKey), and
// the advice line shown for a finding.

/**
 * Whether a finding is about the whole document rather than a place in it: a missing part, an
 * indicator never mentioned. These are listed as a summary above the list and not highlighted
 * (the core anchors them on the title, or where the part was expected).
 */
export function isDocumentNote(f) {
  // The core marks them (scope "document"): missing parts, a text of another type or a fragment,
  // indicators never mentioned.
  return f.scope === 'document';
}

// The places a finding marks: every occurrence of a grouped finding, else its own span.
export const spansOf = (f) => (f.occurrences && f.occurrences.length ? f.occurrences : [f]);

// Moves findings made for `before` onto `after` (one contiguous edit): spans before the edit
// stay, spans after it shift, spans the edit touches are dropped until the next check.
export function shiftFindings(before, after, list, edges = diffEdges(before, after)) {
  if (before === after) return list;
  const [head, tail] = edges;
  const editEnd = before.length - tail;
  const delta = after.length - before.length;
  const shift = (s) => {
    if (s.end < head || (s.end === head && s.start < head)) return s;
    if (s.start > editEnd || (s.start === editEnd && s.end > editEnd)) return { ...s, start: s.start + delta, end: s.end + delta };
    return null;
  };
  const out = [];
  for (const f of list) {
    if (!f.occurrences || !f.occurrences.length) {
      const g = shift(f);
      if (g) out.push(g);
      continue;
    }
    // A grouped finding the edit leaves in place is kept as it is (samples/000 has 3 of them
    // with 4,000 places between them: no copy of those per key).
    let occurrences = null;
    for (let i = 0; i < f.occurrences.length; i++) {
      const o = f.occurrences[i];
      const g = shift(o);
      if (g !== o && !occurrences) occurrences = f.occurrences.slice(0, i);
      if (g && occurrences) occurrences.push(g);
    }
    if (!occurrences) out.push(f);
    else if (occurrences.length) out.push({ ...f, start: occurrences[0].start, end: occurrences[0].end, occurrences });
  }
  return out;
}

// One contiguous edit turning `a` into `b`: [length of the common prefix, of the common suffix
// after it]. Compares 1 KB slices natively first, so a keystroke in 1 MB costs well under 1 ms.
export function diffEdges(a, b) {
  const max = Math.min(a.length, b.length);
  const STEP = 1024;
  let head = 0;
  while (head + STEP <= max && a.slice(head, head + STEP) === b.slice(head, head + STEP)) head += STEP;
  while (head < max && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  const room = max - head;
  let tail = 0;
  while (tail + STEP <= room && a.slice(a.length - tail - STEP, a.length - tail) === b.slice(b.length - tail - STEP, b.length - tail)) tail += STEP;
  while (tail < room && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return [head, tail];
}

// Where a span is drawn: a zero-length finding covers the next character (or the previous one
// at the end of the text), never half a surrogate pair.
export function drawnSpan(text, s) {
  let { start, end } = s;
  end = Math.min(end, text.length);
  start = Math.min(start, end);
  if (start === end) {
    if (end < text.length) end += isHigh(text.charCodeAt(end)) && end + 1 < text.length ? 2 : 1;
    else if (start > 0) start -= isLow(text.charCodeAt(start - 1)) && start > 1 ? 2 : 1;
  }
  return { start, end };
}
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

// What identifies an ignored finding: its rule, its text and the text around it.
export function contextKey(text, f) {
  return `${f.rule}\u0000${text.slice(f.start, f.end)}\u0000${text.slice(Math.max(0, f.start - 8), f.start)}\u0000${text.slice(f.end, f.end + 8)}`;
}

// A copy of finding f whose spans remember the text they were found on (and, when empty, the
// characters around them), so a fix can tell whether its text is still there (editsOf).
export function withTexts(text, f) {
  const mark = (s) => ({ ...s, text: text.slice(s.start, s.end), ...(s.start === s.end ? { around: text.slice(s.start - 1, s.end + 1) } : {}) });
  const g = mark(f);
  if (f.occurrences && f.occurrences.length) g.occurrences = f.occurrences.map(mark);
  return g;
}

// The checker sees a lone surrogate as U+FFFD, and so a suggestion made from a span holding
// one has U+FFFD in its place. Puts the original code units back when they line up one for one;
// null (no fix) when they cannot be matched with certainty.
export function keepSurrogates(original, suggestion) {
  const lone = original.match(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g);
  if (!lone) return suggestion;
  const marks = suggestion.split('\ufffd').length - 1;
  if (marks === 0) return suggestion;
  if (marks !== lone.length || original.includes('\ufffd')) return null;
  let i = 0;
  return suggestion.replace(/\ufffd/g, () => lone[i++]);
}

export const fixable = (f) => f.suggestion != null || (f.occurrences && f.occurrences.some((o) => o.suggestion != null));

// How many places a finding stands for: its occurrences, or `places` when the engine lists
// only the first 10,000 of them (a text of 100,000 《).
// The fix button's label: a grouped finding that lists only some of its places (past
// MOST_PLACES) says how many the click changes; the re-check then shows the rest.
export function fixLabel(f) {
  const n = f.occurrences && f.occurrences.length > 1 ? f.occurrences.length : 0;
  if (!n) return '修改';
  return f.places > n ? `修改前 ${n} 处（共 ${f.places} 处）` : `全部修改（${n} 处）`;
}
export const placesOf = (f) => f.places ?? (f.occurrences && f.occurrences.length > 1 ? f.occurrences.length : 1);

export function adviceOf(f, span) {
  const s = span && span.suggestion !== undefined ? span.suggestion : f.suggestion;
  const all = placesOf(f);
  const n = all > 1 ? `（共 ${all} 处）` : '';
  if (s == null) return n ? (f.places ? `共 ${all} 处，标出了前 ${f.occurrences.length} 处` : `共 ${all} 处，已全部标出`) : '';
  return (s === '' ? '建议删除' : `建议改为「${s}」`) + n;
}
