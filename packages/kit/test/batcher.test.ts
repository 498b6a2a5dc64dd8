import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchedPer, createBatcher } from '../src/index.ts';

/** A flush that records each batch and answers after the given pause. */
function recordingFlush(pauseMs = 5, answer = (n: number): number | Error => n * 10) {
  const batches: number[][] = [];
  const flush = async (inputs: number[]) => {
    batches.push(inputs);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    return inputs.map(answer);
  };
  return { batches, flush };
}

test('calls made in the same turn go out together; calls made while that batch runs go in the next one', async () => {
  const { batches, flush } = recordingFlush();
  const call = createBatcher(flush);
  const first = [1, 2].map((n) => call(n));
  await new Promise((resolve) => setTimeout(resolve, 1)); // the first batch is out, not answered yet
  const answers = await Promise.all([...first, ...[3, 4, 5].map((n) => call(n))]);
  assert.deepEqual(answers, [10, 20, 30, 40, 50]);
  assert.deepEqual(batches, [[1, 2], [3, 4, 5]]);
});

test('an idle batcher sends a lone call at the end of the current turn, without waiting for a timer', async () => {
  const { batches, flush } = recordingFlush(0);
  const call = createBatcher(flush);
  const answer = call(7);
  assert.deepEqual(batches, []); // calls of this same turn may still join
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(batches, [[7]]);
  assert.equal(await answer, 70);
});

test('a batch never holds more than maxBatch calls, and at most `concurrency` batches run at once', async () => {
  let running = 0;
  let most = 0;
  const sizes: number[] = [];
  const call = createBatcher(async (inputs: number[]) => {
    running++;
    most = Math.max(most, running);
    sizes.push(inputs.length);
    await new Promise((resolve) => setTimeout(resolve, 2));
    running--;
    return inputs;
  }, { maxBatch: 3, concurrency: 2 });
  const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => call(n)));
  assert.deepEqual(answers, Array.from({ length: 20 }, (_, n) => n));
  assert.ok(sizes.every((size) => size <= 3), `sizes ${sizes}`);
  assert.equal(most, 2);
});

test('an Error answered for one input fails that call only', async () => {
  const { flush } = recordingFlush(1, (n) => (n === 2 ? new Error('no stock for 2') : n));
  const call = createBatcher(flush);
  const settled = await Promise.allSettled([1, 2, 3].map((n) => call(n)));
  assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.equal((settled[1] as PromiseRejectedResult).reason.message, 'no stock for 2');
});

test('a batch that fails as a whole is tried again call by call, so one bad input fails alone', async () => {
  const batches: number[][] = [];
  const call = createBatcher(async (inputs: number[]) => {
    batches.push(inputs);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (inputs.includes(13)) throw new Error('the statement failed');
    return inputs;
  });
  const settled = await Promise.allSettled([1, 12, 13, 14].map((n) => call(n)));
  assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(batches, [[1, 12, 13, 14], [1], [12], [13], [14]]);
});

test('a failure that retrySeparately rules out fails every call of the batch at once, without trying each again', async () => {
  const batches: number[][] = [];
  const call = createBatcher(async (inputs: number[]) => {
    batches.push(inputs);
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new Error('the peer is down');
  }, { retrySeparately: (err) => (err as Error).message !== 'the peer is down' });
  const settled = await Promise.allSettled([1, 2, 3].map((n) => call(n)));
  assert.deepEqual(settled.map((s) => s.status), ['rejected', 'rejected', 'rejected']);
  assert.ok(settled.every((s) => (s as PromiseRejectedResult).reason.message === 'the peer is down'));
  assert.deepEqual(batches, [[1, 2, 3]]);
});

test('EMPORIUM_UNBATCHED, read when a batcher is made, sends each call of a named batcher alone; others still batch', async () => {
  const before = process.env.EMPORIUM_UNBATCHED;
  process.env.EMPORIUM_UNBATCHED = 'orders.other, orders.save';
  try {
    const named = recordingFlush(1, (n) => (n === 3 ? new Error('no stock for 3') : n * 10));
    const others = recordingFlush(1);
    const unbatched = createBatcher(named.flush, { name: 'orders.save' });
    const batched = createBatcher(others.flush, { name: 'orders.claim' });
    const settled = await Promise.allSettled([1, 2, 3].map((n) => unbatched(n)));
    assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'rejected']);
    assert.equal((settled[2] as PromiseRejectedResult).reason.message, 'no stock for 3');
    assert.deepEqual(named.batches, [[1], [2], [3]]);
    assert.deepEqual(await Promise.all([1, 2, 3].map((n) => batched(n))), [10, 20, 30]);
    assert.deepEqual(others.batches, [[1, 2, 3]]);
  } finally {
    if (before === undefined) delete process.env.EMPORIUM_UNBATCHED;
    else process.env.EMPORIUM_UNBATCHED = before;
  }
});

test('EMPORIUM_UNBATCHED=all sends each call of every batcher alone, the unnamed ones too', async () => {
  const before = process.env.EMPORIUM_UNBATCHED;
  process.env.EMPORIUM_UNBATCHED = 'all';
  try {
    const { batches, flush } = recordingFlush(1);
    const call = createBatcher(flush);
    assert.deepEqual(await Promise.all([1, 2, 3].map((n) => call(n))), [10, 20, 30]);
    assert.deepEqual(batches, [[1], [2], [3]]);
  } finally {
    if (before === undefined) delete process.env.EMPORIUM_UNBATCHED;
    else process.env.EMPORIUM_UNBATCHED = before;
  }
});

test('batchedPer batches the calls made on a database, and sends those made in a transaction alone, at once', async () => {
  const batches: { owner: string; inputs: number[] }[] = [];
  const call = batchedPer(async (owner: { name: string }, inputs: number[]) => {
    batches.push({ owner: owner.name, inputs });
    return inputs.map((n) => n * 10);
  });
  const db = { name: 'db', transaction: () => undefined };
  const tx = { name: 'tx' };
  assert.deepEqual(await Promise.all([call(db, 1), call(db, 2), call(tx, 3), call(tx, 4)]), [10, 20, 30, 40]);
  assert.deepEqual(batches, [{ owner: 'tx', inputs: [3] }, { owner: 'tx', inputs: [4] }, { owner: 'db', inputs: [1, 2] }]);
});
