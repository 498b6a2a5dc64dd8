import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { manualClock, seedDiscount, startDiscounts, type TestDiscounts } from './setup.ts';

describe('price quotes', () => {
  let t: TestDiscounts;
  const time = manualClock('2026-06-01T08:00:00Z');
  const usd = (amount: number) => ({ amount, currency: 'USD' });
  const quote = (items: unknown[]) => t.service.inject(t.app, { method: 'POST', url: '/internal/quotes', payload: { items } });

  before(async () => {
    t = await startDiscounts({ clock: time.clock });
  });
  after(() => t.close());

  test('a rule applies from its start until its end, by the injected clock', async () => {
    const sale = await seedDiscount(t.db, {
      productId: 'kettle', percentBps: 2500, startsAt: new Date('2026-06-01T09:00:00Z'), endsAt: new Date('2026-06-05T00:00:00Z'),
    });
    const next = await seedDiscount(t.db, { productId: 'kettle', percentBps: 1050, startsAt: new Date('2026-06-05T00:00:00Z') });
    const at = async (instant: string) => {
      time.set(instant);
      const res = await quote([{ productId: 'kettle', price: usd(12_999) }]);
      assert.equal(res.statusCode, 200);
      return res.json().items[0];
    };
    assert.deepEqual(await at('2026-06-01T08:59:59.999Z'), { productId: 'kettle', price: usd(12_999), discountedPrice: usd(12_999), discount: null });
    assert.deepEqual(await at('2026-06-01T09:00:00Z'), {
      productId: 'kettle', price: usd(12_999), discountedPrice: usd(9_749), discount: { id: sale.id, percent: 25, endsAt: '2026-06-05T00:00:00.000Z' },
    });
    // The end of one window is the start of the next: exactly one rule applies at that instant.
    assert.deepEqual((await at('2026-06-05T00:00:00Z')).discount, { id: next.id, percent: 10.5, endsAt: null });
    assert.equal((await at('2026-06-05T00:00:00Z')).discountedPrice.amount, 11_634); // 12999 * 0.895 = 11634.105
  });

  test('a batch quotes each product once per line, in the order given, undiscounted when no rule applies', async () => {
    time.set('2026-06-02T00:00:00Z');
    const res = await quote([
      { productId: 'unknown-to-us', price: usd(100) },
      { productId: 'kettle', price: usd(1) },
    ]);
    assert.deepEqual(res.json().items.map((i: { productId: string; discountedPrice: { amount: number } }) => [i.productId, i.discountedPrice.amount]), [
      ['unknown-to-us', 100],
      ['kettle', 1], // 0.75 rounds up
    ]);
  });

  test('a quote in another currency, an empty batch or more than 100 lines is a 400', async () => {
    assert.equal((await quote([{ productId: 'kettle', price: { amount: 100, currency: 'EUR' } }])).statusCode, 400);
    assert.equal((await quote([])).statusCode, 400);
    const many = Array.from({ length: 101 }, (_, i) => ({ productId: `p${i}`, price: usd(100) }));
    assert.equal((await quote(many)).statusCode, 400);
    assert.equal((await quote([{ productId: 'kettle', price: { amount: 1.5, currency: 'USD' } }])).statusCode, 400);
  });

  test('/api/prices takes 1..100 product ids and is a 503 problem while the products service is down', async () => {
    for (const productIds of ['', ',,', Array.from({ length: 101 }, (_, i) => `p${i}`).join(',')]) {
      const res = await t.app.inject({ url: `/api/prices?productIds=${productIds}` });
      assert.equal(res.statusCode, 400, productIds.slice(0, 20));
      assert.equal(res.json().errors[0].path, '/query/productIds');
    }
    assert.equal((await t.app.inject({ url: '/api/prices' })).statusCode, 400);
    const down = await t.app.inject({ url: '/api/prices?productIds=kettle' });
    assert.equal(down.statusCode, 503);
    assert.equal(down.json().code, 'DEPENDENCY.UNAVAILABLE');
    assert.doesNotMatch(down.body, /ECONNREFUSED|at .*\.ts/);
  });
});
