// Unit test (node, no browser) of the fix button's label for grouped findings
// (www/widget/spans.js fixLabel): a finding that lists only the first places of more (the
// engine lists at most 10,000, finding::MOST_PLACES) says the click changes those, not all.
// node --test tests/e2e/spans.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixLabel, placesOf } from '../../www/widget/spans.js';

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
