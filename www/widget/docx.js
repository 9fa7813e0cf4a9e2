// A Word file opened in the editor: its bytes, the text read from it (automatic numbering
// included), its lines, its layout findings (GB/T 9704), and the fixes the drafter accepted
// since, kept at the file's own text positions for the annotated copy (annotate_docx: every
// finding a Word comment, each accepted fix a tracked change).

import { diffEdges } from './spans.js';

/** The largest .docx opened (the reader's limit, summary::MAX_BYTES / the CLI's --max-bytes). */
export const MAX_DOCX_BYTES = 64 * 1024 * 1024;

/** Whether `bytes` start as a zip does (a .docx, whatever the file is called). */
export const isZip = (bytes) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
  && ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));

/** The message for a .docx over MAX_DOCX_BYTES. */
export function docxTooLarge(size) {
  const mb = (n) => (n / 1024 / 1024).toFixed(1);
  return `Word 文件太大（${mb(size)} MB），超过 ${mb(MAX_DOCX_BYTES)} MB 的上限，没有打开。`
    + '报告的 .docx 通常不到 5 MB；文件里若有很多图片，可在 Word/WPS 中压缩图片，或把正文另存为一个新的 .docx 后再打开。';
}

// What a layout rule's paragraph is, for its entry: 第 12 段（正文）.
const PARAGRAPH_KIND = {
  'layout/title': '标题',
  'layout/heading-font': '标题',
  'layout/body-font': '正文',
  'layout/line-spacing': '正文',
  'layout/indent': '正文',
};
export const paragraphKind = (rule) => PARAGRAPH_KIND[rule] || '段落';

export class OpenedDocx {
  constructor({ name, bytes, text, lines, findings }) {
    this.name = name;
    this.bytes = bytes;
    this.text = text;
    this.lines = lines || [];
    this.setLayout(findings);
    this.fixes = []; // { start, end, text, old } in this.text: sorted, not overlapping
  }

  setLayout(findings) {
    this.layout = (findings || []).filter((f) => f.category === 'layout');
  }

  /** The paragraph (1-based, as the editor's lines count) starting at or holding `at` of this.text. */
  paragraphAt(at) {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lines[mid].end < at) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.lines.length ? lo + 1 : 0;
  }

  // this.text with the recorded fixes made, and where each fix's new text is in it.
  applied() {
    let text = '';
    let at = 0;
    const places = [];
    for (const f of this.fixes) {
      text += this.text.slice(at, f.start);
      places.push(text.length);
      text += f.text;
      at = f.end;
    }
    return { text: text + this.text.slice(at), places };
  }

  /** Records the fixes `edits` ([start, end, replacement] on `before`, the editor's text they
   * were made on) at this.text's positions. An edit in text changed by hand since the file was
   * opened, or in a fix already made, is not recorded. Returns how many were. */
  record(before, edits) {
    const { text: expected, places } = this.applied();
    const [head, tail] = diffEdges(expected, before);
    const handEnd = before.length - tail; // the hand-made change is before[head, handEnd)
    const delta = expected.length - before.length;
    let n = 0;
    const made = [];
    for (const [s, e, replacement] of edits) {
      let xs;
      let xe;
      if (expected === before || e < head || (e === head && s < head)) [xs, xe] = [s, e];
      else if (s > handEnd || (s === handEnd && e > handEnd)) [xs, xe] = [s + delta, e + delta];
      else continue;
      // From the text with the fixes made back to the file's text.
      let shift = 0;
      let inFix = false;
      for (let i = 0; i < this.fixes.length; i++) {
        const f = this.fixes[i];
        const p = places[i];
        const q = p + f.text.length;
        if (q <= xs) shift += f.text.length - (f.end - f.start);
        else if (p >= xe) break;
        else {
          inFix = true;
          break;
        }
      }
      if (inFix) continue;
      const start = xs - shift;
      const end = xe - shift;
      made.push({ start, end, text: replacement, old: this.text.slice(start, end) });
      n++;
    }
    this.fixes = [...this.fixes, ...made].sort((a, b) => a.start - b.start || a.end - b.end);
    return n;
  }

  /** The recorded fixes `current` (the editor's text) still shows: a fix undone or typed over
   * since is left out (its finding stays a comment in the copy). */
  standing(current) {
    const { text: expected, places } = this.applied();
    if (expected === current) return this.fixes.slice();
    const [head, tail] = diffEdges(expected, current);
    const end = expected.length - tail;
    const delta = current.length - expected.length;
    return this.fixes.filter((f, i) => {
      const p = places[i];
      const q = p + f.text.length;
      // Clear of the change, and the same two characters on either side (the change may be
      // the fix undone: 。。 → 。 undone reads as one 。 typed after it).
      if (!(q < head || p > end || (p < q && (q === head || p === end)))) return false;
      const at = p > end || (p === end && p < q) ? p + delta : p;
      return expected.slice(Math.max(0, p - 2), q + 2) === current.slice(Math.max(0, at - 2), at + (q - p) + 2);
    });
  }

  /** Where `at` of this.text is in `current` (the editor's text): through the fixes made,
   * then through the hand-made change (a place inside it goes to its start). */
  toCurrent(at, current, state = this.mapState(current)) {
    let x = at;
    for (let i = 0; i < this.fixes.length; i++) {
      const f = this.fixes[i];
      if (f.end <= at) x += f.text.length - (f.end - f.start);
      else if (f.start < at) x = state.places[i];
      else break;
    }
    if (x < state.head) return x;
    if (x >= state.end) return x + state.delta;
    return state.head;
  }

  /** What toCurrent needs, computed once per text. */
  mapState(current) {
    const { text: expected, places } = this.applied();
    const [head, tail] = diffEdges(expected, current);
    return { places, head, end: expected.length - tail, delta: current.length - expected.length };
  }
}
