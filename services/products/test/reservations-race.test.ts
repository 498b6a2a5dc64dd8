import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Db } from '@emporium/kit';
import { createReadCache } from '../src/products/read-cache.ts';
import { releaseExpired, reserveStock } from '../src/reservations/reservations.service.ts';
import { createProduct, expireHolds, startProducts, type TestProducts } from './helpers.ts';

// Transactions run at the same time on separate connections of a real PostgreSQL server; each race is
// repeated so that its rounds interleave differently.
describe('products: concurrent reservations on PostgreSQL', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts({ RESERVATION_SWEEP_MS: '600000' }); // the tests sweep by hand
  });
  after(() => t.close());

  const stockOf = async (id: string) => (await t.internal({ url: `/internal/products?ids=${id}` })).json().items[0].stock;
  const reserve = (reservationId: string, items: { productId: string; quantity: number }[]) =>
    t.internal({ method: 'POST', url: '/internal/reservations', payload: { reservationId, items } });

  test('when 50 buyers race for the last 7 units, exactly 7 win and stock ends at 0, round after round', async () => {
    for (let round = 0; round < 5; round++) {
      const product = await createProduct(t, { stock: 7 });
      const results = await Promise.all(Array.from({ length: 50 }, () => reserve(randomUUID(), [{ productId: product.id, quantity: 1 }])));
      const statuses = results.map((r) => r.statusCode);
      assert.equal(statuses.filter((s) => s === 201).length, 7, `round ${round}: ${statuses}`);
      assert.equal(statuses.filter((s) => s === 409).length, 43, `round ${round}: ${statuses}`);
      assert.equal(await stockOf(product.id), 0);
    }
  });

  test('mixed quantities never oversell: units sold plus units left equal the units there were', async () => {
    for (let round = 0; round < 3; round++) {
      const initial = 20;
      const product = await createProduct(t, { stock: initial });
      const quantities = Array.from({ length: 50 }, (_, i) => 1 + (i % 3));
      const results = await Promise.all(quantities.map((quantity) => reserve(randomUUID(), [{ productId: product.id, quantity }])));
      const sold = results.reduce((sum, r, i) => sum + (r.statusCode === 201 ? quantities[i] : 0), 0);
      assert.ok(results.every((r) => r.statusCode === 201 || r.statusCode === 409));
      const left = await stockOf(product.id);
      assert.ok(left >= 0);
      assert.equal(sold + left, initial);
      // Stock only falls here, so whatever is left is too little for every buyer who was turned away.
      for (const [i, r] of results.entries()) {
        if (r.statusCode === 409) assert.ok(left < quantities[i] && r.json().available < quantities[i], `buyer ${i} refused with ${left} left`);
      }
    }
  });

  test('reservations taking two products in opposite orders do not deadlock, and all-or-none holds', async () => {
    const a = await createProduct(t, { stock: 10 });
    const b = await createProduct(t, { stock: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const lines = [{ productId: a.id, quantity: 1 }, { productId: b.id, quantity: 1 }];
        return reserve(randomUUID(), i % 2 ? lines : lines.reverse());
      }),
    );
    assert.equal(results.filter((r) => r.statusCode === 201).length, 10);
    assert.equal(results.filter((r) => r.statusCode === 409).length, 40);
    assert.equal(await stockOf(a.id), 0);
    assert.equal(await stockOf(b.id), 0);
  });

  test('three instances, each sending its own batches, never oversell or deadlock on the same two products', async () => {
    // One instance decides a batch's reservations one after another; separate instances race in the database.
    // Each instance has a database handle of its own (sharing the pool here), so each sends its own batches.
    const instances = [0, 1, 2].map(() => ({ db: Object.create(t.db) as Db, cache: createReadCache({ ttlMs: 0 }), defaultTtlSeconds: 120 }));
    for (let round = 0; round < 3; round++) {
      const a = await createProduct(t, { stock: 10 });
      const b = await createProduct(t, { stock: 10 });
      const results = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) => {
          const lines = [{ productId: a.id, quantity: 1 }, { productId: b.id, quantity: 1 }];
          return reserveStock(instances[i % 3], { reservationId: randomUUID(), items: i % 2 ? lines : lines.reverse() });
        }),
      );
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      assert.equal(results.length - refused.length, 10, `round ${round}`);
      assert.ok(refused.every((err) => err.status === 409), refused.map((err) => err.message).join('; '));
      assert.equal(await stockOf(a.id), 0);
      assert.equal(await stockOf(b.id), 0);
    }
  });

  test('the same reservation sent 20 times at once holds its units once', async () => {
    const product = await createProduct(t, { stock: 10 });
    const id = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(id, [{ productId: product.id, quantity: 3 }])));
    assert.equal(results.filter((r) => r.statusCode === 201).length, 1);
    assert.equal(results.filter((r) => r.statusCode === 200).length, 19);
    assert.equal(await stockOf(product.id), 7);
  });

  test('releasing one reservation 20 times at once, commits racing, returns its units exactly once', async () => {
    const product = await createProduct(t, { stock: 10 });
    const id = randomUUID();
    await reserve(id, [{ productId: product.id, quantity: 4 }]);
    const calls = Array.from({ length: 20 }, (_, i) =>
      t.internal({ method: 'POST', url: `/internal/reservations/${id}/${i % 4 === 0 ? 'commit' : 'release'}` }));
    const results = await Promise.all(calls);
    assert.ok(results.every((r) => r.statusCode === 200 || r.statusCode === 409));
    assert.equal(await stockOf(product.id), 10);
  });

  test('two instances sweeping at once release each expired hold once, in batches until none are left', async () => {
    const product = await createProduct(t, { stock: 30 });
    const ids = Array.from({ length: 7 }, () => randomUUID());
    for (const reservationId of ids) {
      const res = await t.internal({ method: 'POST', url: '/internal/reservations', payload: { reservationId, items: [{ productId: product.id, quantity: 2 }], ttlSeconds: 1 } });
      assert.equal(res.statusCode, 201);
    }
    assert.equal(await stockOf(product.id), 16);
    await expireHolds(t, ids);
    const instance = () => ({ db: t.db, cache: createReadCache({ ttlMs: 0 }), defaultTtlSeconds: 120 });
    const [a, b] = await Promise.all([releaseExpired(instance(), 2), releaseExpired(instance(), 3)]);
    assert.equal(a + b, 7);
    assert.equal(await stockOf(product.id), 30);
  });
});
