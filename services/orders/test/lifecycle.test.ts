import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createProduct, eventually, markPaid, orderBody, service, startShop, stockOf, type Shop } from './harness.ts';

describe('after the order: reading, cancelling, delivering', () => {
  let shop: Shop;
  let ann: Record<string, string>;
  let bob: Record<string, string>;
  before(async () => {
    shop = await startShop();
    ann = await shop.customer('customer-ann');
    bob = await shop.customer('customer-bob');
  });
  after(() => shop.close());

  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    shop.orders.app.inject({ method, url, headers, payload });
  async function order(headers: Record<string, string>, quantity = 1, productId?: string) {
    const id = productId ?? (await createProduct(shop, shop.products.url, { stock: 20 })).id;
    const res = await inject('POST', '/api/orders', { ...headers, 'idempotency-key': randomUUID() }, orderBody([{ productId: id, quantity }]));
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }
  const outbox = async (orderId: string, destination?: string) =>
    (await shop.orders.db.query('SELECT type, destination, data FROM outbox WHERE key = $1 ORDER BY seq', [orderId]))
      .filter((r) => destination === undefined || r.destination === destination)
      .map((r) => ({ type: r.type, destination: r.destination, data: r.data }));

  test('customers list their own orders newest first, page by page; staff list everyone\'s and filter by status', async () => {
    const mine = [await order(ann), await order(ann), await order(ann)];
    const theirs = await order(bob);
    const first = (await inject('GET', '/api/orders?limit=2', ann)).json();
    const second = (await inject('GET', `/api/orders?limit=2&cursor=${first.nextCursor}`, ann)).json();
    const seen = [...first.items, ...second.items].map((o: { id: string }) => o.id);
    assert.ok(seen.length >= 3 && !seen.includes(theirs.id));
    assert.deepEqual(seen.slice(0, 3), mine.map((o) => o.id).reverse());
    const all = (await inject('GET', '/api/orders?limit=100', shop.employee)).json();
    assert.ok(all.items.some((o: { id: string }) => o.id === theirs.id));
    await inject('POST', `/api/orders/${mine[0].id}/cancel`, ann);
    const cancelled = (await inject('GET', '/api/orders?status=cancelled&limit=100', shop.employee)).json();
    assert.ok(cancelled.items.length >= 1 && cancelled.items.every((o: { status: string }) => o.status === 'cancelled'));
    assert.equal((await inject('GET', '/api/orders?cursor=not-a-cursor', ann)).statusCode, 400);
    assert.equal((await inject('GET', '/api/orders?status=lost', shop.employee)).statusCode, 400);
    assert.equal((await inject('GET', '/api/orders', {})).statusCode, 401);
  });

  test('another customer\'s order is a 404 on every order route, exactly like an order that does not exist', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const annsOrder = await order(ann, 2, product.id);
    const missing = (await inject('GET', '/api/orders/no-such-order', bob)).json();
    const read = await inject('GET', `/api/orders/${annsOrder.id}`, bob);
    assert.equal(read.statusCode, 404);
    assert.equal(read.json().detail, missing.detail);
    const cancel = await inject('POST', `/api/orders/${annsOrder.id}/cancel`, bob);
    assert.equal(cancel.statusCode, 404);
    // The status route is for staff: a customer is refused before the order is even looked up.
    assert.equal((await inject('POST', `/api/orders/${annsOrder.id}/status`, bob, { status: 'cancelled' })).statusCode, 403);
    const list = (await inject('GET', '/api/orders?limit=100', bob)).json();
    assert.ok(!list.items.some((o: { id: string }) => o.id === annsOrder.id));
    assert.equal((await inject('GET', `/api/orders/${annsOrder.id}`, ann)).json().status, 'pending');
    assert.equal(await stockOf(shop.products.url, product.id), 3);
  });

  test('the owner cancels a pending order: its stock goes back, history grows, and no event is sent (no service handles order.placed or order.cancelled); a second cancel is a 409', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const placed = await order(ann, 3, product.id);
    assert.equal(await stockOf(shop.products.url, product.id), 2);
    const res = await inject('POST', `/api/orders/${placed.id}/cancel`, ann, { note: 'changed my mind' });
    assert.equal(res.statusCode, 200, res.body);
    const cancelled = res.json();
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(cancelled.history.map((h: { status: string; note?: string }) => [h.status, h.note]), [['pending', undefined], ['cancelled', 'changed my mind']]);
    assert.equal(await stockOf(shop.products.url, product.id), 5);
    assert.equal((await inject('POST', `/api/orders/${placed.id}/cancel`, ann)).statusCode, 409);
    assert.equal(await stockOf(shop.products.url, product.id), 5);
    // Only the services whose contracts name them as consumers get the events: reviews handles none of these.
    assert.deepEqual(await outbox(placed.id, 'reviews'), []);
    const events = await outbox(placed.id, 'notifications');
    assert.deepEqual(events.map((e) => e.type), ['order.placed', 'order.cancelled']);
    for (const { data } of events) assert.deepEqual([data.orderId, data.customerId, data.productIds], [placed.id, 'customer-ann', [product.id]]);
    // What the customer's email shows travels with the event: the lines, the total and why it was cancelled.
    const [, cancelledEvent] = events;
    assert.deepEqual(cancelledEvent.data.total, placed.total);
    assert.equal(cancelledEvent.data.items[0].quantity, 3);
    assert.equal(cancelledEvent.data.note, 'changed my mind');
  });

  /** Paid as payments would make it (a payment.updated event), with its estimated delivery counted from then. */
  async function paid(placed: { id: string; customerId: string; total: { amount: number; currency: string } }) {
    await markPaid(shop.orders.url, placed);
    return eventually(async () => (await inject('GET', `/api/orders/${placed.id}`, shop.employee)).json(), (o) => o.status === 'paid', 5000);
  }

  test('only a payment makes an order paid: staff cannot, an unpaid order cannot ship, and payment adds a history entry and the payment', async () => {
    const placed = await order(ann);
    const status = (body: object) => inject('POST', `/api/orders/${placed.id}/status`, shop.employee, body);
    assert.equal((await status({ status: 'paid' })).statusCode, 409);
    assert.equal((await status({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JD1' })).statusCode, 409);
    const after = await paid(placed);
    assert.deepEqual(after.history.map((h: { status: string }) => h.status), ['pending', 'paid']);
    assert.equal(after.payment.status, 'succeeded');
    assert.deepEqual(after.payment.amount, placed.total);
    assert.ok(new Date(after.estimatedDelivery) > new Date(after.payment.paidAt));
    // The receipt goes to notifications with the whole breakdown and the payment.
    const receipt = (await outbox(placed.id, 'notifications')).find((e) => e.type === 'order.paid');
    assert.ok(receipt, 'an order.paid event for the receipt');
    assert.deepEqual([receipt.data.status, receipt.data.subtotal, receipt.data.total, receipt.data.payment.status], ['paid', placed.subtotal, placed.total, 'succeeded']);
    // A payment.updated for a cancelled order leaves it cancelled (payments refunds that payment).
    const cancelled = await order(ann);
    await inject('POST', `/api/orders/${cancelled.id}/cancel`, ann);
    await markPaid(shop.orders.url, cancelled);
    const read = (await inject('GET', `/api/orders/${cancelled.id}`, ann)).json();
    assert.deepEqual([read.status, read.payment.status], ['cancelled', 'succeeded']);
    assert.deepEqual((await outbox(cancelled.id, 'notifications')).map((e) => e.type), ['order.placed', 'order.cancelled'], 'no receipt for an order that stays cancelled');
  });

  test('staff ship, hand over and deliver a paid order; shipped needs a carrier and a tracking number; other moves are 409', async () => {
    const placed = await order(ann);
    await paid(placed);
    const status = (body: object, headers = shop.employee) => inject('POST', `/api/orders/${placed.id}/status`, headers, body);
    assert.equal((await status({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JD1' }, ann)).statusCode, 403);
    assert.equal((await status({ status: 'shipped', carrier: 'DHL' })).statusCode, 400);
    assert.equal((await inject('POST', '/api/orders/nope/status', shop.employee, { status: 'shipped' })).statusCode, 400);
    assert.equal((await inject('POST', '/api/orders/nope/status', shop.employee, { status: 'delivered' })).statusCode, 404);
    assert.equal((await status({ status: 'delivered' })).statusCode, 409);
    assert.equal((await status({ status: 'out_for_delivery' })).statusCode, 409);
    const shipped = (await status({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JD1', note: 'left the warehouse' })).json();
    assert.equal(shipped.status, 'shipped');
    assert.equal(shipped.carrier, 'DHL');
    assert.equal(shipped.trackingNumber, 'JD1');
    assert.equal((await inject('POST', `/api/orders/${placed.id}/cancel`, ann)).statusCode, 409);
    assert.equal((await inject('POST', `/api/orders/${placed.id}/cancel`, shop.employee)).statusCode, 409);
    const later = '2030-01-15T12:00:00.000Z';
    const moved = (await status({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JD1', estimatedDelivery: later })).json();
    assert.equal(moved.estimatedDelivery, later);
    assert.equal(moved.history.length, 3);
    assert.equal((await status({ status: 'out_for_delivery' })).statusCode, 200);
    const delivered = (await status({ status: 'delivered' })).json();
    assert.deepEqual(delivered.history.map((h: { status: string }) => h.status), ['pending', 'paid', 'shipped', 'out_for_delivery', 'delivered']);
    assert.equal(delivered.history[2].note, 'left the warehouse');
    for (const next of ['pending', 'paid', 'cancelled', 'delivered', 'shipped']) {
      assert.equal((await status({ status: next, carrier: 'DHL', trackingNumber: 'JD2' })).statusCode, 409, next);
    }
    const productIds = delivered.items.map((i: { productId: string }) => i.productId);
    const toReviews = await outbox(placed.id, 'reviews');
    assert.deepEqual(toReviews.map((e) => e.type), ['order.delivered'], 'reviews gets only the event it handles');
    assert.deepEqual([toReviews[0].data.orderId, toReviews[0].data.customerId, toReviews[0].data.productIds], [placed.id, 'customer-ann', productIds]);
    const toNotifications = await outbox(placed.id, 'notifications');
    assert.deepEqual(toNotifications.map((e) => e.type), ['order.placed', 'order.paid', 'order.shipped', 'order.delivered']);
    assert.deepEqual([toNotifications[2].data.carrier, toNotifications[2].data.trackingNumber], ['DHL', 'JD1']);
  });

  test('staff may cancel any pending order, and the stock goes back', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 4 });
    const placed = await order(bob, 4, product.id);
    const res = await inject('POST', `/api/orders/${placed.id}/status`, shop.employee, { status: 'cancelled' });
    assert.equal(res.json().status, 'cancelled');
    assert.equal(await stockOf(shop.products.url, product.id), 4);
  });

  test('purchases tell reviews whether a customer ordered a product and whether it was delivered', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 5 });
    const purchases = async (customerId: string) =>
      (await inject('GET', `/internal/purchases?customerId=${customerId}&productId=${product.id}`, await service.headers())).json();
    assert.deepEqual(await purchases('customer-ann'), { ordered: false, delivered: false });
    const placed = await order(ann, 1, product.id);
    assert.deepEqual(await purchases('customer-ann'), { ordered: true, delivered: false });
    await paid(placed);
    for (const body of [{ status: 'shipped', carrier: 'UPS', trackingNumber: '1Z' }, { status: 'out_for_delivery' }, { status: 'delivered' }]) {
      assert.equal((await inject('POST', `/api/orders/${placed.id}/status`, shop.employee, body)).statusCode, 200);
    }
    assert.deepEqual(await purchases('customer-ann'), { ordered: true, delivered: true });
    assert.deepEqual(await purchases('customer-bob'), { ordered: false, delivered: false });
  });

  test('with discounts down, placing is a 503 problem: no order, no stock held, and the key may be retried', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 3 });
    await shop.discounts.app.close();
    const key = randomUUID();
    const res = await inject('POST', '/api/orders', { ...ann, 'idempotency-key': key }, orderBody([{ productId: product.id, quantity: 1 }]));
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().code, 'DEPENDENCY.UNAVAILABLE');
    assert.doesNotMatch(res.body, /at .*\.ts|ECONNREFUSED/);
    assert.equal(await stockOf(shop.products.url, product.id), 3);
    const keys = await shop.orders.db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key]);
    assert.equal(keys[0].n, 0);
  });
});
