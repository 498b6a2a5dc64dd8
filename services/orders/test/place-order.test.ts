import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { requestFingerprint } from '../src/orders/fingerprint.ts';
import { address, createProduct, eventually, orderBody, service, startShop, stockOf, usd, type Shop } from './harness.ts';

describe('placing an order', () => {
  let shop: Shop;
  let customer: Record<string, string>;
  before(async () => {
    shop = await startShop({ SWEEP_INTERVAL_MS: '100' });
    customer = await shop.customer('customer-ann');
  });
  after(() => shop.close());

  const post = (headers: Record<string, string>, body: unknown, key?: string) =>
    shop.orders.app.inject({ method: 'POST', url: '/api/orders', headers: { ...headers, ...(key === undefined ? {} : { 'idempotency-key': key }) }, payload: body as object });

  async function discount(productId: string, percent: number) {
    const res = await shop.discounts.app.inject({ method: 'POST', url: '/api/discounts', headers: shop.employee, payload: { productId, percent } });
    assert.equal(res.statusCode, 201, res.body);
  }

  test('an order snapshots names, images and discounted prices, holds the stock and starts pending', async () => {
    const kettle = await createProduct(shop, shop.products.url, { price: 1999, stock: 10, name: 'Kettle' });
    const mug = await createProduct(shop, shop.products.url, { price: 500, stock: 5, name: 'Mug' });
    await discount(kettle.id, 12.5);
    const res = await post(customer, orderBody([{ productId: kettle.id, quantity: 3 }, { productId: mug.id, quantity: 1 }]), randomUUID());
    assert.equal(res.statusCode, 201, res.body);
    const order = res.json();
    assert.deepEqual(Object.keys(order).sort(), [
      'carrier', 'createdAt', 'customer', 'customerId', 'estimatedDelivery', 'history', 'id', 'items', 'payment', 'promotion', 'shippingAddress', 'shippingMethod',
      'shippingTotal', 'status', 'subtotal', 'taxIncluded', 'taxTotal', 'total', 'trackingNumber', 'updatedAt',
    ]);
    assert.equal(order.customerId, 'customer-ann');
    assert.equal(order.status, 'pending');
    assert.equal(order.payment, null, 'no payment yet');
    assert.deepEqual(order.items, [
      { productId: kettle.id, name: 'Kettle', image: '/images/products/kettle.svg', quantity: 3, unitPrice: usd(1999), discountPercent: 12.5, unitDiscountedPrice: usd(1749), lineTotal: usd(5247) },
      { productId: mug.id, name: 'Mug', image: '/images/products/kettle.svg', quantity: 1, unitPrice: usd(500), discountPercent: 0, unitDiscountedPrice: usd(500), lineTotal: usd(500) },
    ]);
    assert.deepEqual(order.subtotal, usd(5747));
    assert.deepEqual(order.shippingMethod, { id: 'test-free', name: 'Pickup', carrier: 'Shop' });
    assert.deepEqual([order.promotion, order.shippingTotal, order.taxTotal, order.taxIncluded], [null, usd(0), usd(0), false]);
    assert.deepEqual(order.total, usd(5747));
    assert.deepEqual(order.shippingAddress, address);
    assert.equal(order.carrier, null);
    assert.equal(order.trackingNumber, null);
    assert.deepEqual(order.history, [{ status: 'pending', at: order.createdAt }]);
    const days = (Date.parse(order.estimatedDelivery) - Date.parse(order.createdAt)) / 86_400_000;
    assert.ok(days >= 5 && days <= 9, `estimated delivery ${days} days out`);
    assert.equal(await stockOf(shop.products.url, kettle.id), 7);
    assert.equal(await stockOf(shop.products.url, mug.id), 4);
    const read = await shop.orders.app.inject({ url: `/api/orders/${order.id}`, headers: customer });
    assert.deepEqual(read.json(), order);
  });

  test('the same key with the same body replays the first response byte for byte and orders nothing more', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 4 });
    const key = randomUUID();
    const body = orderBody([{ productId: product.id, quantity: 2 }]);
    const first = await post(customer, body, key);
    assert.equal(first.statusCode, 201);
    // Key order inside the body does not make it another request.
    const again = await post(customer, { shippingMethodId: body.shippingMethodId, shippingAddress: { ...address }, items: [{ quantity: 2, productId: product.id }] }, key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(await stockOf(shop.products.url, product.id), 2);
  });

  test('the same key with a different body is a 422 and changes nothing', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 4 });
    const key = randomUUID();
    assert.equal((await post(customer, orderBody([{ productId: product.id, quantity: 1 }]), key)).statusCode, 201);
    const other = await post(customer, orderBody([{ productId: product.id, quantity: 2 }]), key);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().code, 'IDEMPOTENCY.KEY_REUSED');
    assert.equal(await stockOf(shop.products.url, product.id), 3);
  });

  test('keys belong to one customer: another customer with the same key gets an order of their own', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 4 });
    const key = randomUUID();
    const mine = await post(customer, orderBody([{ productId: product.id, quantity: 1 }]), key);
    const theirs = await post(await shop.customer(), orderBody([{ productId: product.id, quantity: 2 }]), key);
    assert.equal(theirs.statusCode, 201);
    assert.notEqual(theirs.json().id, mine.json().id);
    assert.equal(await stockOf(shop.products.url, product.id), 1);
  });

  test('401 without a token; 400 without a key, with a key too long, or with a bad body; nothing is ordered', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const good = orderBody([{ productId: product.id, quantity: 1 }]);
    assert.equal((await post({}, good, randomUUID())).statusCode, 401);
    assert.equal((await post(customer, good)).statusCode, 400);
    assert.equal((await post(customer, good, 'k'.repeat(256))).statusCode, 400);
    const line = { productId: product.id, quantity: 1 };
    const bad: unknown[] = [
      orderBody([]),
      orderBody(Array.from({ length: 51 }, (_, i) => ({ productId: `p${i}`, quantity: 1 }))),
      orderBody([{ ...line, quantity: 0 }]),
      orderBody([{ ...line, quantity: 100 }]),
      orderBody([{ ...line, quantity: 1.5 }]),
      orderBody([line, { ...line, quantity: 2 }]),
      orderBody([{ productId: 'a,b', quantity: 1 }]),
      { ...good, coupon: 'FREE' },
      { ...good, shippingAddress: { ...address, city: '' } },
      { items: good.items },
    ];
    const key = randomUUID();
    for (const body of bad) {
      const res = await post(customer, body, key);
      assert.equal(res.statusCode, 400, JSON.stringify(body).slice(0, 200));
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    }
    assert.equal(await stockOf(shop.products.url, product.id), 5);
    // None of the refused attempts kept the key.
    assert.equal((await post(customer, good, key)).statusCode, 201);
  });

  test('an unknown or deleted product is a 422 naming it; no stock is held and the key may be retried', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const gone = await createProduct(shop, shop.products.url, { stock: 5 });
    const del = await fetch(`${shop.products.url}/api/products/${gone.id}`, { method: 'DELETE', headers: shop.employee });
    assert.equal(del.status, 204);
    const key = randomUUID();
    const unknown = await post(customer, orderBody([{ productId: product.id, quantity: 1 }, { productId: 'no-such-product', quantity: 1 }]), key);
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().productId, 'no-such-product');
    const deleted = await post(customer, orderBody([{ productId: product.id, quantity: 1 }, { productId: gone.id, quantity: 1 }]), key);
    assert.equal(deleted.statusCode, 422);
    assert.equal(deleted.json().productId, gone.id);
    assert.equal(await stockOf(shop.products.url, product.id), 5);
    assert.equal((await post(customer, orderBody([{ productId: product.id, quantity: 1 }]), key)).statusCode, 201);
  });

  test('not enough stock is a 409 naming the product and what is left; no line is held', async () => {
    const plenty = await createProduct(shop, shop.products.url, { stock: 10 });
    const scarce = await createProduct(shop, shop.products.url, { stock: 2, name: 'Rare teapot' });
    const res = await post(customer, orderBody([{ productId: plenty.id, quantity: 3 }, { productId: scarce.id, quantity: 3 }]), randomUUID());
    assert.equal(res.statusCode, 409);
    const problem = res.json();
    assert.equal(problem.code, 'PRODUCT.INSUFFICIENT_STOCK');
    assert.equal(problem.productId, scarce.id);
    assert.equal(problem.available, 2);
    assert.match(problem.detail, /Only 2 left of "Rare teapot"/);
    assert.equal(await stockOf(shop.products.url, plenty.id), 10);
    assert.equal(await stockOf(shop.products.url, scarce.id), 2);
    const rows = await shop.orders.db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE state = $1', ['in_flight']);
    assert.equal(rows[0].n, 0);
  });

  test('while the first request with a key is still running, the same key is a 409 and nothing is ordered', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const body = orderBody([{ productId: product.id, quantity: 1 }]);
    const key = randomUUID();
    await shop.orders.db.query(
      "INSERT INTO idempotency_keys (customer_id, key, fingerprint, order_id, state) VALUES ('customer-ann', $1, $2, $3, 'in_flight')",
      [key, requestFingerprint(body), randomUUID()],
    );
    const res = await post(customer, body, key);
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'IDEMPOTENCY.IN_FLIGHT');
    assert.equal(await stockOf(shop.products.url, product.id), 5);
  });

  // A process can die after products took the stock and before the order was saved: its claim is left in
  // flight, and the sweeper gives the units back.
  test('a claim left in flight by a dead process frees its key and gives back the stock it took', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const body = orderBody([{ productId: product.id, quantity: 2 }]);
    const key = randomUUID();
    const orderId = randomUUID();
    // What such a process leaves behind: an old claim and stock taken at products.
    const taken = await fetch(`${shop.products.url}/internal/reservations`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(await service.headers()) },
      body: JSON.stringify({ reservationId: orderId, items: [{ productId: product.id, quantity: 2 }], commit: true }),
    });
    assert.equal(taken.status, 201);
    assert.equal(await stockOf(shop.products.url, product.id), 3);
    await shop.orders.db.query(
      "INSERT INTO idempotency_keys (customer_id, key, fingerprint, order_id, state, created_at) VALUES ('customer-ann', $1, $2, $3, 'in_flight', now() - interval '5 minutes')",
      [key, requestFingerprint(body), orderId],
    );
    await eventually(() => stockOf(shop.products.url, product.id), (stock) => stock === 5);
    assert.equal((await post(customer, body, key)).statusCode, 201);
    assert.equal(await stockOf(shop.products.url, product.id), 3);
  });

  test('completed keys are kept for a day; an older one is forgotten and the key places a new order', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const body = orderBody([{ productId: product.id, quantity: 1 }]);
    const key = randomUUID();
    const first = await post(customer, body, key);
    await shop.orders.db.query("UPDATE idempotency_keys SET completed_at = now() - interval '23 hours' WHERE key = $1", [key]);
    const kept = await post(customer, body, key);
    assert.equal(kept.body, first.body);
    await shop.orders.db.query("UPDATE idempotency_keys SET completed_at = now() - interval '25 hours' WHERE key = $1", [key]);
    await eventually(async () => (await shop.orders.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).length, (n) => n === 0);
    const again = await post(customer, body, key);
    assert.equal(again.statusCode, 201);
    assert.notEqual(again.json().id, first.json().id);
  });
});
