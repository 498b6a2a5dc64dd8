import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { type ReviewsUnderTest } from '../helpers.ts';

/** Writing while orders is down: 401 and 400 first, then 503 with nothing written. */
export function ordersDownTests(service: () => ReviewsUnderTest): void {
  describe('writing a review while orders is down', () => {
    let svc: ReviewsUnderTest;
    before(() => {
      svc = service();
    });

    const good = { rating: 5, title: 'Great kettle', body: 'Boils fast.' };

    test('401 without a token, before anything else', async () => {
      const res = await svc.app.inject({ method: 'POST', url: '/api/products/p-orders-down/reviews', payload: { rating: 9 } });
      assert.equal(res.statusCode, 401);
    });

    test('a bad body is a 400 even when orders cannot be asked', async () => {
      const headers = await svc.bearer('customer');
      const bodies = [
        {}, { ...good, rating: 0 }, { ...good, rating: 6 }, { ...good, rating: 3.5 }, { ...good, rating: 'five' },
        { ...good, title: '' }, { ...good, title: 't'.repeat(121) }, { ...good, body: '' }, { ...good, body: 'b'.repeat(4001) },
        { ...good, verifiedPurchase: true },
      ];
      for (const payload of bodies) {
        const res = await svc.app.inject({ method: 'POST', url: '/api/products/p-orders-down/reviews', payload, headers });
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
        assert.ok(res.json().errors.length > 0);
      }
    });

    test('a good review is a 503 naming orders, and nothing is written', async () => {
      const res = await svc.app.inject({ method: 'POST', url: '/api/products/p-orders-down/reviews', payload: good, headers: await svc.bearer('customer') });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().code, 'DEPENDENCY.UNAVAILABLE');
      assert.equal(res.json().dependency, 'orders');
      assert.equal((await svc.db.query("SELECT count(*)::int AS n FROM reviews WHERE product_id = 'p-orders-down'"))[0].n, 0);
      assert.equal((await svc.db.query("SELECT count(*)::int AS n FROM outbox WHERE key = 'p-orders-down'"))[0].n, 0);
    });
  });
}
