import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eventually } from '@emporium/kit/testing';
import { createProduct, expireHolds, startProducts, sweepNow, type TestProducts } from './helpers.ts';

describe('products: stock reservations', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts({ RESERVATION_SWEEP_MS: '50' });
  });
  after(() => t.close());

  const stockOf = async (id: string) => (await t.app.inject({ url: `/api/products/${id}` })).json().stock;
  const reserve = (reservationId: string, items: { productId: string; quantity: number }[], ttlSeconds?: number) =>
    t.internal({ method: 'POST', url: '/internal/reservations', payload: { reservationId, items, ...(ttlSeconds ? { ttlSeconds } : {}) } });
  const commit = (id: string) => t.internal({ method: 'POST', url: `/internal/reservations/${id}/commit` });
  const release = (id: string) => t.internal({ method: 'POST', url: `/internal/reservations/${id}/release` });

  test('a hold takes the units out of stock at once and says until when it lasts', async () => {
    const kettle = await createProduct(t, { stock: 5 });
    await stockOf(kettle.id); // cached: the hold must show anyway
    const id = randomUUID();
    const res = await reserve(id, [{ productId: kettle.id, quantity: 2 }]);
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.equal(body.reservationId, id);
    assert.equal(body.status, 'held');
    const ttl = Date.parse(body.expiresAt) - Date.now();
    assert.ok(ttl > 100_000 && ttl <= 121_000, `default ttl 120 s, got ${ttl} ms`);
    assert.equal(await stockOf(kettle.id), 3);
  });

  test('a batch answers each reservation as its single call would', async () => {
    const kettle = await createProduct(t, { name: 'Kettle', stock: 3 });
    const [first, again, short] = [randomUUID(), randomUUID(), randomUUID()];
    const batch = await t.internal({
      method: 'POST', url: '/internal/reservations/batch',
      payload: { reservations: [first, first, short, again].map((reservationId, i) => ({ reservationId, items: [{ productId: kettle.id, quantity: i === 2 ? 5 : 1 }] })) },
    });
    assert.equal(batch.statusCode, 200, batch.body);
    const results = batch.json().results;
    assert.deepEqual(results.map((r: { status: number }) => r.status), [201, 200, 409, 201]);
    assert.equal(results[0].body.reservationId, first);
    assert.equal(results[2].body.code, 'PRODUCT.INSUFFICIENT_STOCK');
    assert.equal(results[2].body.available, 2);
    assert.equal(await stockOf(kettle.id), 1);
    assert.equal((await commit(first)).json().status, 'committed');
    assert.equal((await release(again)).statusCode, 200);
    assert.equal(await stockOf(kettle.id), 2);
  });

  test('one take_stock_batch call decides each request in order, on the stock and reservations the earlier ones left', async () => {
    const kettle = await createProduct(t, { name: 'Kettle', stock: 3 });
    const mug = await createProduct(t, { name: 'Mug', stock: 5 });
    const gone = await createProduct(t, { name: 'Gone', stock: 5 });
    await t.app.inject({ method: 'DELETE', url: `/api/products/${gone.id}`, headers: t.as.employee });
    const saved = randomUUID();
    assert.equal((await reserve(saved, [{ productId: mug.id, quantity: 1 }])).statusCode, 201);
    const [first, second, unknown, deleted] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const line = (productId: string, quantity: number) => ({ productId, quantity });
    const requests = [
      { id: first, ttlSeconds: 60, commit: false, items: [line(kettle.id, 2), line(mug.id, 1)] }, // taken: 1 kettle and 3 mugs left
      { id: second, ttlSeconds: 60, commit: false, items: [line(mug.id, 1), line(kettle.id, 2)] }, // short of kettles, after the first
      { id: first, ttlSeconds: 60, commit: true, items: [line(mug.id, 3)] }, // exists: taken just above
      { id: unknown, ttlSeconds: 60, commit: false, items: [line(mug.id, 1), line('no-such-product', 1)] }, // short: unknown product
      { id: deleted, ttlSeconds: 60, commit: false, items: [line(gone.id, 1)] }, // short: deleted product
      { id: saved, ttlSeconds: 60, commit: true, items: [line(mug.id, 1)] }, // exists: saved before the batch
      { id: second, ttlSeconds: 30, commit: true, items: [line(mug.id, 3), line(kettle.id, 1)] }, // fits what is left: taken
    ];
    const rows = await t.db.query('SELECT * FROM take_stock_batch($1::jsonb)', [JSON.stringify(requests)]);

    const product = (p: { id: string; name: string }, stock: number, isDeleted = false) => ({ id: p.id, name: p.name, stock, deleted: isDeleted });
    assert.deepEqual(rows.map(({ expires_at, ...rest }) => rest), [
      { reservation_id: first, outcome: 'taken', status: 'held', expired: false, products: null },
      { reservation_id: second, outcome: 'short', status: null, expired: null, products: [product(mug, 3), product(kettle, 1)] },
      { reservation_id: first, outcome: 'exists', status: 'held', expired: false, products: null },
      { reservation_id: unknown, outcome: 'short', status: null, expired: null, products: [product(mug, 3)] },
      { reservation_id: deleted, outcome: 'short', status: null, expired: null, products: [product(gone, 5, true)] },
      { reservation_id: saved, outcome: 'exists', status: 'held', expired: false, products: null },
      { reservation_id: second, outcome: 'taken', status: 'committed', expired: false, products: null },
    ]);
    const ttlOf = (row: Record<string, any>) => (row.expires_at.getTime() - Date.now()) / 1000;
    assert.ok(ttlOf(rows[0]) > 50 && ttlOf(rows[0]) <= 61, `first: ${ttlOf(rows[0])} s`);
    assert.ok(ttlOf(rows[6]) > 20 && ttlOf(rows[6]) <= 31, `second: ${ttlOf(rows[6])} s`);
    assert.equal(rows[2].expires_at.getTime(), rows[0].expires_at.getTime(), 'the repeat answers the reservation taken');
    for (const i of [1, 3, 4]) assert.equal(rows[i].expires_at, null);

    const stock = await t.db.query('SELECT id, stock FROM products WHERE id = ANY ($1) ORDER BY stock, name', [[kettle.id, mug.id, gone.id]]);
    assert.deepEqual(stock, [{ id: kettle.id, stock: 0 }, { id: mug.id, stock: 0 }, { id: gone.id, stock: 5 }]);
    const reservations = await t.db.query(
      'SELECT id, status, product_ids, quantities, expires_at FROM reservations WHERE id = ANY ($1)',
      [[first, second, unknown, deleted, saved]],
    );
    const byId = new Map(reservations.map(({ id, expires_at, ...rest }) => [id, { ...rest, expires_at: expires_at.getTime() }]));
    assert.equal(byId.size, 3, 'nothing saved for the short ones');
    // Lines are kept in the order given, not sorted.
    assert.deepEqual(byId.get(first), { status: 'held', product_ids: [kettle.id, mug.id], quantities: [2, 1], expires_at: rows[0].expires_at.getTime() });
    assert.deepEqual(byId.get(second), { status: 'committed', product_ids: [mug.id, kettle.id], quantities: [3, 1], expires_at: rows[6].expires_at.getTime() });
    assert.deepEqual(byId.get(saved), { status: 'held', product_ids: [mug.id], quantities: [1], expires_at: rows[5].expires_at.getTime() });
  });

  test('stock taken with commit: true is sold at once: it never expires, and a release gives it back once', async () => {
    const [kettle, mug] = [await createProduct(t, { stock: 4 }), await createProduct(t, { stock: 4 })];
    const id = randomUUID();
    const items = [{ productId: mug.id, quantity: 1 }, { productId: kettle.id, quantity: 3 }];
    const taken = await t.internal({ method: 'POST', url: '/internal/reservations', payload: { reservationId: id, items, ttlSeconds: 1, commit: true } });
    assert.equal(taken.statusCode, 201, taken.body);
    assert.equal(taken.json().status, 'committed');
    const again = await t.internal({ method: 'POST', url: '/internal/reservations/batch', payload: { reservations: [{ reservationId: id, items, commit: true }] } });
    assert.deepEqual(again.json().results.map((r: { status: number; body: { status: string } }) => [r.status, r.body.status]), [[200, 'committed']]);
    await expireHolds(t, [id]); // past its ttl
    await sweepNow(t);
    assert.deepEqual([await stockOf(mug.id), await stockOf(kettle.id)], [3, 1]);
    assert.equal((await release(id)).statusCode, 200);
    assert.equal((await release(id)).statusCode, 200);
    assert.deepEqual([await stockOf(mug.id), await stockOf(kettle.id)], [4, 4]);
  });

  test('all lines or none: one short line holds nothing and names the product', async () => {
    const plenty = await createProduct(t, { stock: 50 });
    const scarce = await createProduct(t, { name: 'Kettle', stock: 2 });
    const res = await reserve(randomUUID(), [{ productId: plenty.id, quantity: 10 }, { productId: scarce.id, quantity: 3 }]);
    assert.equal(res.statusCode, 409);
    const problem = res.json();
    assert.equal(problem.code, 'PRODUCT.INSUFFICIENT_STOCK');
    assert.equal(problem.productId, scarce.id);
    assert.equal(problem.available, 2);
    assert.equal(problem.detail, 'Only 2 left of "Kettle"');
    assert.equal(await stockOf(plenty.id), 50);
    assert.equal(await stockOf(scarce.id), 2);
  });

  test('an unknown or deleted product is a 422 naming it, and nothing is held', async () => {
    const good = await createProduct(t, { stock: 5 });
    const gone = await createProduct(t, { stock: 5 });
    await t.app.inject({ method: 'DELETE', url: `/api/products/${gone.id}`, headers: t.as.employee });
    for (const productId of ['no-such-product', gone.id]) {
      const id = randomUUID();
      const res = await reserve(id, [{ productId: good.id, quantity: 1 }, { productId, quantity: 1 }]);
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().code, 'PRODUCT.UNKNOWN');
      assert.equal(res.json().productId, productId);
      assert.equal((await commit(id)).statusCode, 404, 'no reservation was left behind');
    }
    assert.equal(await stockOf(good.id), 5);
  });

  test('bad reservation bodies are 400s', async () => {
    const product = await createProduct(t);
    const bodies = [
      { reservationId: 'r', items: [] },
      { reservationId: 'r', items: [{ productId: product.id, quantity: 0 }] },
      { reservationId: 'r', items: [{ productId: product.id, quantity: 1 }, { productId: product.id, quantity: 2 }] },
      { reservationId: 'r', items: [{ productId: product.id, quantity: 1 }], extra: true },
      { items: [{ productId: product.id, quantity: 1 }] },
    ];
    for (const payload of bodies) {
      const res = await t.internal({ method: 'POST', url: '/internal/reservations', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.equal(await stockOf(product.id), 10);
  });

  test('the same reservationId again answers 200 with the same reservation and takes nothing more', async () => {
    const product = await createProduct(t, { stock: 4 });
    const id = randomUUID();
    const first = await reserve(id, [{ productId: product.id, quantity: 3 }]);
    const again = await reserve(id, [{ productId: product.id, quantity: 3 }]);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), first.json());
    assert.equal(await stockOf(product.id), 1);
    assert.equal((await commit(id)).statusCode, 200);
    const afterCommit = await reserve(id, [{ productId: product.id, quantity: 3 }]);
    assert.equal(afterCommit.statusCode, 200);
    assert.equal(afterCommit.json().status, 'committed');
    assert.equal(await stockOf(product.id), 1);
  });

  test('commit is idempotent and keeps the units sold; release of a committed one returns them exactly once', async () => {
    const product = await createProduct(t, { stock: 6 });
    const id = randomUUID();
    await reserve(id, [{ productId: product.id, quantity: 4 }]);
    for (let i = 0; i < 2; i++) {
      const res = await commit(id);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { reservationId: id, status: 'committed' });
    }
    assert.equal(await stockOf(product.id), 2);
    for (let i = 0; i < 3; i++) {
      const res = await release(id);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { reservationId: id, status: 'released' });
    }
    assert.equal(await stockOf(product.id), 6);
  });

  test('a released hold cannot be committed; unknown reservations are 404s', async () => {
    const product = await createProduct(t, { stock: 3 });
    const id = randomUUID();
    await reserve(id, [{ productId: product.id, quantity: 3 }]);
    assert.equal(await stockOf(product.id), 0);
    assert.equal((await release(id)).statusCode, 200);
    assert.equal(await stockOf(product.id), 3);
    const late = await commit(id);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'RESERVATION.EXPIRED');
    assert.equal(await stockOf(product.id), 3);
    assert.equal((await commit('never-made')).statusCode, 404);
    assert.equal((await release('never-made')).statusCode, 404);
  });

  test('the sweeper gives back the stock of an expired hold, and the hold can no longer be committed', async () => {
    const product = await createProduct(t, { stock: 5 });
    const id = randomUUID();
    assert.equal((await reserve(id, [{ productId: product.id, quantity: 5 }], 1)).statusCode, 201);
    assert.equal(await stockOf(product.id), 0);
    await expireHolds(t, [id]);
    // The app's own sweeper (every 50 ms here) must catch up: poll, with a deadline.
    await eventually(() => stockOf(product.id), (stock) => stock === 5, 15_000);
    assert.equal((await commit(id)).statusCode, 409);
    assert.equal((await release(id)).statusCode, 200);
    assert.equal(await stockOf(product.id), 5, 'released once, not twice');
  });

  test('a committed reservation never expires', async () => {
    const product = await createProduct(t, { stock: 2 });
    const id = randomUUID();
    await reserve(id, [{ productId: product.id, quantity: 2 }], 1);
    assert.equal((await commit(id)).statusCode, 200);
    await expireHolds(t, [id]);
    await sweepNow(t);
    assert.equal(await stockOf(product.id), 0);
  });

  test('an employee setting stock while units are held sets what is orderable now', async () => {
    const product = await createProduct(t, { stock: 5 });
    const id = randomUUID();
    await reserve(id, [{ productId: product.id, quantity: 2 }]);
    await t.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: { stock: 10 } });
    assert.equal(await stockOf(product.id), 10);
    await release(id);
    assert.equal(await stockOf(product.id), 12);
  });
});
