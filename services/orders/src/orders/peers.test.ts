import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { groupsOf } from './peers.ts';

test('batched calls are grouped in order, each group within the limit, no call split or lost', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 40 }), (sizes) => {
      const calls = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
      const groups = groupsOf(calls, 100);
      assert.deepEqual(groups.flat(), calls.map((_, i) => i));
      for (const group of groups) assert.ok(group.reduce((sum, i) => sum + calls[i].length, 0) <= 100);
    }),
  );
});

test('calls that fit together share one group', () => {
  assert.deepEqual(groupsOf([[1, 2], [3], [4, 5, 6]], 100), [[0, 1, 2]]);
  assert.deepEqual(groupsOf([Array(60).fill(0), Array(50).fill(0)], 100), [[0], [1]]);
});
