// Unit test (node, no browser) of how the mirror puts a line's new text into its text node
// (www/widget/highlight.js replaceText): only the part that differs is replaced, so Chromium
// re-shapes the edited part of the line, not all of it; surrogate pairs are never split.
// node --test tests/e2e/mirror-text.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replaceText } from '../../www/widget/highlight.js';

// A text node's data and replaceData (DOM semantics), recording each call.
function node(data) {
  return {
    data,
    calls: [],
    replaceData(offset, count, text) {
      this.calls.push([offset, count, text]);
      this.data = this.data.slice(0, offset) + text + this.data.slice(offset + count);
    },
  };
}

test('a key in a line replaces just what it changed', () => {
  const cases = [
    ['全县共有学校136所', '全县共有各类学校136所', [4, 0, '各类']], // typed
    ['全县共有学校136所', '全县共学校136所', [3, 1, '']], // deleted
    ['全县共有学校136所', '全县共有学校137所', [8, 1, '7']], // replaced
    ['', '一', [0, 0, '一']],
    ['一', '', [0, 1, '']],
    ['aaa', 'aaaa', [3, 0, 'a']], // a repeated char: the head takes all it can
  ];
  for (const [before, after, call] of cases) {
    const n = node(before);
    replaceText(n, after);
    assert.equal(n.data, after);
    assert.deepEqual(n.calls, [call], `${before} → ${after}`);
  }
});

test('a surrogate pair is replaced whole, never split', () => {
  const n = node('评价😀指标');
  replaceText(n, '评价😁指标'); // same high surrogate, another low one
  assert.equal(n.data, '评价😁指标');
  assert.deepEqual(n.calls, [[2, 2, '😁']]);
  const m = node('a😀b');
  replaceText(m, 'a🙂b'); // 😀 and 🙂 share the high surrogate too
  assert.deepEqual(m.calls, [[1, 2, '🙂']]);
  const k = node('😀😀');
  replaceText(k, '😀');
  assert.equal(k.data, '😀');
  assert.deepEqual(k.calls, [[2, 2, '']], 'the second pair goes whole');
});

test('any edit of any line comes out as the new text (seeded, against the plain assignment)', () => {
  let seed = 14;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const alphabet = ['一', '，', 'a', '😀', '😁', '\u0301', ' '];
  const word = () => Array.from({ length: Math.floor(rnd() * 8) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  for (let i = 0; i < 5000; i++) {
    const before = word();
    const after = word();
    const n = node(before);
    replaceText(n, after);
    assert.equal(n.data, after, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    assert.equal(n.calls.length, 1);
  }
});
