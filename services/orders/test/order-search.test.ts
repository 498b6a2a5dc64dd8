import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createProduct, orderBody, startShop, type Shop } from './harness.ts';

describe('who ordered, and finding orders', () => {
  let shop: Shop;
  let productId: string;
  before(async () => {
    shop = await startShop();
    productId = (await createProduct(shop, shop.products.url, { stock: 100 })).id;
  });
  after(() => shop.close());

  const bearer = async (claims: { userId: string; name?: string; email?: string }) =>
    ({ authorization: `Bearer ${await shop.auth.token({ role: 'customer', ...claims })}` });
  const place = async (headers: Record<string, string>) => {
    const res = await shop.orders.app.inject({ method: 'POST', url: '/api/orders', headers: { ...headers, 'idempotency-key': randomUUID() }, payload: orderBody([{ productId, quantity: 1 }]) });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const list = async (query: string, headers = shop.employee) => shop.orders.app.inject({ url: `/api/orders${query}`, headers });
  const ids = async (query: string, headers = shop.employee) => (await list(query, headers)).json().items.map((o: { id: string }) => o.id);

  test('an order keeps the name and email its customer had when placing it', async () => {
    const dana = await bearer({ userId: 'dana', name: 'Dana Scully', email: 'dana@example.test' });
    const order = await place(dana);
    assert.deepEqual(order.customer, { name: 'Dana Scully', email: 'dana@example.test' });
    const nameless = await place(await bearer({ userId: 'anon', name: '' }));
    assert.deepEqual(nameless.customer, { name: 'Ann Lee', email: null }, "without a name on the account: the name it ships to");
  });

  test('staff find orders by the start of their number or by email, any case, between two dates', async () => {
    const eve = await bearer({ userId: 'eve', name: 'Eve', email: 'Eve@Example.test' });
    const [first, second] = [await place(eve), await place(eve)];
    assert.deepEqual(await ids('?q=eve@example.TEST'), [second.id, first.id]);
    assert.deepEqual(await ids(`?q=${first.id.slice(0, 8).toUpperCase()}`), [first.id]);
    assert.deepEqual(await ids(`?q=eve@example.test&from=${encodeURIComponent(second.createdAt)}`), [second.id]);
    assert.deepEqual(await ids(`?q=eve@example.test&to=${encodeURIComponent(second.createdAt)}`), [first.id]);
    assert.deepEqual(await ids('?q=nobody@example.test'), []);
    for (const q of ['abc', 'not%25an_id', 'zzzzzzzz']) assert.equal((await list(`?q=${q}`)).statusCode, 400, q);
    // A customer's search stays within their own orders.
    assert.deepEqual(await ids(`?q=${first.id.slice(0, 8)}`, await bearer({ userId: 'someone-else' })), []);
  });
});
