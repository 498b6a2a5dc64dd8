import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consoleLine } from './console.ts';
import { backoffMs } from './supervise.ts';

test('info logs stay in the file; warnings and errors reach the console with the service name and message', () => {
  assert.equal(consoleLine('products', '{"level":30,"msg":"request completed"}', false), null);
  assert.match(consoleLine('products', '{"level":40,"msg":"peer slow"}', false) ?? '', /\[products\].* WARN peer slow/);
  assert.match(consoleLine('orders', '{"level":50,"msg":"unhandled error","err":{"message":"boom"}}', false) ?? '', /ERROR unhandled error: boom/);
});

test('plain stderr output (a crash before the logger started) is shown; plain stdout is not', () => {
  assert.match(consoleLine('users', 'Invalid configuration:', true) ?? '', /\[users\].*Invalid configuration:/);
  assert.equal(consoleLine('users', 'some chatter', false), null);
});

test('restarts back off exponentially up to 30 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(backoffMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});
