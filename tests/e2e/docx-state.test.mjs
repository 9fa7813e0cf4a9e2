// www/widget/docx.js in node (no browser): the fixes accepted on an opened .docx are kept at
// the file's text positions however the editor's text moved, a fix undone or typed over is
// left out of the copy, and layout findings map onto the editor's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenedDocx, isZip, docxTooLarge, MAX_DOCX_BYTES } from '../../www/widget/docx.js';

const TEXT = '一、基本情况\n全县共有学校52所,在校学生31000人,专任教师2400人。\n县财政投入2.3亿元。。';
// The lines as check_docx gives them: { start, end } of each.
const LINES = TEXT.split('\n').reduce((out, line) => {
  const start = out.length ? out[out.length - 1].end + 1 : 0;
  return [...out, { start, end: start + line.length }];
}, []);
const apply = (text, [s, e, r]) => text.slice(0, s) + r + text.slice(e);
const opened = () => new OpenedDocx({
  name: 'a.docx', bytes: new Uint8Array(), text: TEXT,
  lines: LINES,
  findings: [{ category: 'layout', rule: 'layout/body-font', start: 7, end: 41 }, { category: 'punctuation', start: 0, end: 1 }],
});

test('fixes are recorded at the file text positions, in any order', () => {
  const d = opened();
  assert.equal(d.layout.length, 1);
  let text = TEXT;
  const second = text.indexOf(',', text.indexOf(',') + 1);
  // The second comma first, then the doubled 。 (after it: shifted by nothing, 1:1),
  // then the first comma (before both).
  for (const edit of [[second, second + 1, '，'], [text.lastIndexOf('。。'), text.lastIndexOf('。。') + 2, '。']]) {
    assert.equal(d.record(text, [edit]), 1);
    text = apply(text, edit);
  }
  const first = text.indexOf(',');
  assert.equal(d.record(text, [[first, first + 1, '，']]), 1);
  text = apply(text, [first, first + 1, '，']);
  assert.deepEqual(d.fixes.map((f) => [f.start, f.end, f.text, f.old]), [
    [TEXT.indexOf(','), TEXT.indexOf(',') + 1, '，', ','],
    [second, second + 1, '，', ','],
    [TEXT.lastIndexOf('。。'), TEXT.lastIndexOf('。。') + 2, '。', '。。'],
  ]);
  // The editor's text is the file's with them made: all stand.
  assert.equal(d.applied().text, text);
  assert.equal(d.standing(text).length, 3);
});

test('a fix undone, or typed over, is left out; one far from a hand edit stays', () => {
  const d = opened();
  const comma = TEXT.indexOf(',');
  const dots = TEXT.lastIndexOf('。。');
  let text = TEXT;
  d.record(text, [[comma, comma + 1, '，']]);
  text = apply(text, [comma, comma + 1, '，']);
  d.record(text, [[dots, dots + 2, '。']]);
  const fixed = apply(text, [dots, dots + 2, '。']);
  // Ctrl+Z of the second: the first stands, the second does not.
  assert.deepEqual(d.standing(text).map((f) => f.old), [',']);
  // A deletion undone (its text back at its place) does not stand either.
  const del = opened();
  del.record(TEXT, [[dots, dots + 1, '']]);
  assert.deepEqual(del.standing(TEXT), []);
  assert.equal(del.standing(apply(TEXT, [dots, dots + 1, ''])).length, 1);
  // A word typed at the start of the text: both stand, shifted.
  const typed = `草稿${fixed}`;
  assert.equal(d.standing(typed).length, 2);
  // Typing over the first fix: it no longer stands.
  const over = apply(fixed, [comma, comma + 1, '、']);
  assert.deepEqual(d.standing(over).map((f) => f.old), ['。。']);
});

test('an edit inside hand-typed text or inside a fix already made is not recorded', () => {
  const d = opened();
  const typed = `草稿${TEXT}`;
  // The edit in the hand-typed words: not the file's text.
  assert.equal(d.record(typed, [[0, 2, '正式']]), 0);
  // One after the hand-typed words: recorded at the file's position.
  const comma = typed.indexOf(',');
  assert.equal(d.record(typed, [[comma, comma + 1, '，']]), 1);
  assert.equal(d.fixes[0].start, TEXT.indexOf(','));
  // The same place again (the fix's own new text): not a second fix.
  const now = apply(typed, [comma, comma + 1, '，']);
  assert.equal(d.record(now, [[comma, comma + 1, ',']]), 0);
  assert.equal(d.fixes.length, 1);
});

test('paragraphs and places map onto the editor text', () => {
  const d = opened();
  const [, two, three] = LINES;
  assert.equal(d.paragraphAt(0), 1);
  assert.equal(d.paragraphAt(two.start), 2);
  assert.equal(d.paragraphAt(two.start + 3), 2);
  assert.equal(d.paragraphAt(TEXT.length), 3);
  const comma = TEXT.indexOf(',');
  d.record(TEXT, [[comma, comma + 1, '，，']]);
  const text = `前言\n${apply(TEXT, [comma, comma + 1, '，，'])}`;
  const state = d.mapState(text);
  // Before the fix: moved by the 3 typed chars; after it, by 1 more.
  assert.equal(d.toCurrent(two.start, text, state), two.start + 3);
  assert.equal(d.toCurrent(two.end, text, state), two.end + 3 + 1);
  const at = d.toCurrent(three.start, text, state);
  assert.equal(text.slice(at, at + 3), '县财政');
});

test('zip magic and the size message', () => {
  assert.ok(isZip(new Uint8Array([0x50, 0x4b, 3, 4, 0])));
  assert.ok(isZip(new Uint8Array([0x50, 0x4b, 5, 6])));
  assert.ok(!isZip(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])));
  assert.ok(!isZip(new TextEncoder().encode('PK is text')));
  assert.ok(!isZip(new Uint8Array([0x50, 0x4b])));
  const m = docxTooLarge(MAX_DOCX_BYTES + 1);
  assert.match(m, /Word 文件太大（64\.0 MB），超过 64\.0 MB 的上限/);
});
