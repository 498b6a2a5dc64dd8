import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basket, checkoutCalls } from './checkout-helpers.ts';
import { createProduct, startShop, stockOf, unitsInOpenOrders, type Shop } from './harness.ts';

describe('concurrency: promotion limits', () => {
  let shop: Shop;
  before(async () => {
    // A peer slower than the harness's 1 s on a loaded machine would be a (correct) 503, which is not what this tests.
    shop = await startShop({ PEER_TIMEOUT_MS: '10000' });
  });
  after(() => shop.close());

  test('50 customers racing for the last 3 uses of a code: exactly 3 orders use it, the rest are refused and hold nothing', async () => {
    const calls = checkoutCalls(shop);
    const product = await createProduct(shop, shop.products.url, { price: 1000, stock: 500 });
    const code = await calls.code({ usageLimit: 5 });
    const early = await Promise.all([shop.customer(), shop.customer()]);
    for (const customer of early) assert.equal((await calls.place(customer, basket([{ productId: product.id, quantity: 1 }], { promoCode: code.code }))).statusCode, 201);
    assert.equal(await calls.timesUsed(code.id), 2);

    const customers = await Promise.all(Array.from({ length: 50 }, () => shop.customer()));
    const answers = await Promise.all(customers.map((customer) => calls.place(customer, basket([{ productId: product.id, quantity: 2 }], { promoCode: code.code }))));
    const statuses = answers.map((res) => res.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 3, `statuses: ${statuses.join(',')}`);
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().reason, 'used_up');
    }
    assert.equal(await calls.timesUsed(code.id), 5);
    const used = await shop.discounts.db.query('SELECT count(*)::int AS n FROM promotion_redemptions WHERE promotion_id = $1 AND released_at IS NULL', [code.id]);
    assert.equal(used[0].n, 5);
    // The refused orders had taken their stock before the code was counted; all of it is back.
    assert.equal((await stockOf(shop.products.url, product.id)) + (await unitsInOpenOrders(shop.orders.db, product.id)), 500);
    assert.equal(await unitsInOpenOrders(shop.orders.db, product.id), 2 + 3 * 2);
  });

  test('one customer racing 10 orders for a code of one use per customer: exactly one uses it', async () => {
    const calls = checkoutCalls(shop);
    const product = await createProduct(shop, shop.products.url, { price: 1000, stock: 100 });
    const code = await calls.code({ perCustomerLimit: 1 });
    const customer = await shop.customer();
    const answers = await Promise.all(Array.from({ length: 10 }, () => calls.place(customer, basket([{ productId: product.id, quantity: 1 }], { promoCode: code.code }))));
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, ...Array(9).fill(422)], answers.map((r) => r.body).join('\n'));
    assert.equal(await calls.timesUsed(code.id), 1);
    assert.equal(await stockOf(shop.products.url, product.id), 99);
  });
});
