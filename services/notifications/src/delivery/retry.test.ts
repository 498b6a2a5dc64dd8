import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, retryDelayMs } from './retry.ts';

test('the pause after a failure doubles from the base and stops growing at the maximum', () => {
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(n, 2_000, 600_000)), [2_000, 4_000, 8_000, 16_000]);
  assert.equal(retryDelayMs(10, 2_000, 600_000), 600_000);
  assert.equal(retryDelayMs(1_000, 2_000, 600_000), 600_000, 'no overflow for a message retried for days');
});

test('a message is given up after its last attempt, or at once when refused for good', () => {
  assert.equal(afterFailure(1, 3, false), 'retry');
  assert.equal(afterFailure(3, 3, false), 'fail');
  assert.equal(afterFailure(1, 3, true), 'fail');
});
