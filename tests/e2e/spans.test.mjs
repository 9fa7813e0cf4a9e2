// Unit test (node, no browser) of the fix button's label for grouped findings
// (www/widget/spans.js fixLabel): a finding that lists only the first places of more (the
// engine lists at most 10,000, finding::MOST_PLACES) says the click changes those, not all.
// And of shiftFindings, which moves findings across a key.
// node --test tests/e2e/spans.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixLabel, placesOf, shiftFindings } from '../../www/widget/spans.js';

const places = (n) => Array.from({ length: n }, (_, i) => ({ start: i, end: i + 1, suggestion: '》' }));

test('the fix label says how many places a click changes', () => {
  assert.equal(fixLabel({ suggestion: '，' }), '修改');
  assert.equal(fixLabel({ occurrences: places(3) }), '全部修改（3 处）');
  // All listed: `places` absent, or equal to the listed count.
  assert.equal(fixLabel({ occurrences: places(3), places: 3 }), '全部修改（3 处）');
  // Capped: the first 10,000 of 100,000.
  const capped = { occurrences: places(10_000), places: 100_000 };
  assert.equal(fixLabel(capped), '修改前 10000 处（共 100000 处）');
  assert.equal(placesOf(capped), 100_000);
});

test('a key moves the places after it, drops those it touches, and keeps the rest as they are', () => {
  const before = '全县学校12所,教师300名,学生5000人。';
  const comma = (at) => ({ start: at, end: at + 1, suggestion: '，' });
  const group = { rule: 'format/half-width-punct', start: 6, end: 7, occurrences: [comma(6), comma(13)] };
  const single = { rule: 'x', start: 0, end: 2 };
  // A key after every place: the grouped finding is the same object (no copy per key).
  const atEnd = shiftFindings(before, `${before}的`, [single, group]);
  assert.equal(atEnd[0], single);
  assert.equal(atEnd[1], group);
  // A key between the places: the first stays (same object), the second moves by one.
  const between = shiftFindings(before, `${before.slice(0, 9)}的${before.slice(9)}`, [group]);
  assert.notEqual(between[0], group);
  assert.equal(between[0].occurrences[0], group.occurrences[0]);
  assert.deepEqual(between[0].occurrences.map((o) => [o.start, o.end]), [[6, 7], [14, 15]]);
  assert.deepEqual([between[0].start, between[0].end], [6, 7]);
  assert.deepEqual(group.occurrences.map((o) => o.start), [6, 13], 'the finding before the key is not changed');
  // A key replacing the first place: it is dropped, the finding starts at the second.
  const replaced = shiftFindings(before, `${before.slice(0, 6)}，${before.slice(7)}`, [group]);
  assert.deepEqual(replaced[0].occurrences.map((o) => o.start), [13]);
  assert.equal(replaced[0].start, 13);
  // A key in every place: the finding is dropped.
  assert.deepEqual(shiftFindings(before, `${before.slice(0, 6)}，${before.slice(7)}`, [{ ...group, occurrences: [comma(6)] }]), []);
});
