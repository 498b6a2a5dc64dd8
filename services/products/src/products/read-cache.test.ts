import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReadCache } from './read-cache.ts';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a cached read is served without loading again until its ttl has passed', async () => {
  const time = clock();
  const cache = createReadCache({ ttlMs: 1_000, now: time.now });
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.get('k', load), 1);
  time.advance(999);
  assert.equal(await cache.get('k', load), 1);
  assert.equal(loads, 1);
});

test('once stale, the old value answers while one reload runs behind it; after two ttls without a read it loads again first', async () => {
  const time = clock();
  const cache = createReadCache({ ttlMs: 1_000, now: time.now });
  let loads = 0;
  let release: () => void = () => {};
  const load = () => new Promise<number>((resolve) => {
    const n = ++loads;
    release = () => resolve(n);
    if (n === 1) release();
  });
  assert.equal(await cache.get('k', load), 1);
  time.advance(1_000);
  assert.equal(await cache.get('k', load), 1, 'stale, answered at once');
  assert.equal(await cache.get('k', load), 1, 'still the old value while the reload runs');
  assert.equal(loads, 2, 'one reload only');
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await cache.get('k', load), 2);
  time.advance(2_000);
  const fresh = cache.get('k', load);
  release();
  assert.equal(await fresh, 3, 'too old to answer: the read waits for its load');
});

test('concurrent misses of one key share a single load', async () => {
  const cache = createReadCache({ ttlMs: 1_000 });
  let loads = 0;
  const load = async () => {
    loads++;
    await new Promise((resolve) => setTimeout(resolve, 10));
    return 'v';
  };
  assert.deepEqual(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]), ['v', 'v', 'v']);
  assert.equal(loads, 1);
});

test('after invalidate the next read loads again, and a load begun before it is not kept', async () => {
  const cache = createReadCache({ ttlMs: 1_000 });
  let release!: () => void;
  const slowOld = cache.get('k', () => new Promise<string>((resolve) => (release = () => resolve('old'))));
  cache.invalidate();
  const fresh = cache.get('k', async () => 'new');
  release();
  assert.equal(await slowOld, 'old');
  assert.equal(await fresh, 'new');
  assert.equal(await cache.get('k', async () => 'newer'), 'new');
});

test('a failed load is not remembered', async () => {
  const cache = createReadCache({ ttlMs: 1_000 });
  await assert.rejects(cache.get('k', async () => {
    throw new Error('db down');
  }));
  assert.equal(await cache.get('k', async () => 'ok'), 'ok');
});

test('a ttl of 0 turns the cache off, and the oldest entry makes room when full', async () => {
  const off = createReadCache({ ttlMs: 0 });
  let loads = 0;
  await off.get('k', async () => ++loads);
  await off.get('k', async () => ++loads);
  assert.equal(loads, 2);
  const small = createReadCache({ ttlMs: 1_000, maxEntries: 2 });
  await small.get('a', async () => 'a1');
  await small.get('b', async () => 'b1');
  await small.get('c', async () => 'c1');
  assert.equal(await small.get('a', async () => 'a2'), 'a2');
  assert.equal(await small.get('c', async () => 'c2'), 'c1');
});
