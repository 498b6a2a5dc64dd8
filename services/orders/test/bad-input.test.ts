// Issue 14, finding 6, at the orders service: strict types, and nothing is ordered on a 400.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { address, createProduct, orderBody, startShop, stockOf, type Shop } from './harness.ts';

describe('orders refuses bad input with a 400 problem and orders nothing', () => {
  let shop: Shop;
  let customer: Record<string, string>;
  before(async () => {
    shop = await startShop();
    customer = await shop.customer();
  });
  after(() => shop.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    shop.orders.app.inject({ method: 'POST', url: '/api/orders', headers: { ...customer, 'idempotency-key': randomUUID(), ...headers }, payload: body as object });

  test('finding 6: an order with "country": 123 or a quantity of "2" is refused, and no stock is taken', async () => {
    const kettle = await createProduct(shop, shop.products.url, { stock: 5 });
    const line = [{ productId: kettle.id, quantity: 1 }];
    for (const body of [
      { items: line, shippingAddress: { ...address, country: 123 } },
      { items: [{ productId: kettle.id, quantity: '2' }], shippingAddress: address },
      { items: line, shippingAddress: { ...address, line2: null } },
    ]) {
      const res = await post(body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} answered ${res.statusCode}`);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    }
    assert.equal(await stockOf(shop.products.url, kettle.id), 5);
    const list = await shop.orders.app.inject({ url: '/api/orders', headers: customer });
    assert.deepEqual(list.json().items, []);
  });

  test('finding 6: a NUL in an id or an Idempotency-Key is a 400, not a 500', async () => {
    assert.equal((await shop.orders.app.inject({ url: '/api/orders/%00', headers: customer })).statusCode, 400);
    assert.equal((await shop.orders.app.inject({ method: 'POST', url: '/api/orders/a%00/cancel', headers: customer })).statusCode, 400);
    const kettle = await createProduct(shop, shop.products.url);
    assert.equal((await post(orderBody([{ productId: kettle.id, quantity: 1 }]), { 'idempotency-key': 'key\u0001' })).statusCode, 400);
  });

  test('a cancel still needs no body at all', async () => {
    const kettle = await createProduct(shop, shop.products.url);
    const placed = (await post(orderBody([{ productId: kettle.id, quantity: 1 }]))).json();
    const res = await shop.orders.app.inject({ method: 'POST', url: `/api/orders/${placed.id}/cancel`, headers: customer });
    assert.equal(res.statusCode, 200, res.body);
  });
});
