import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { card, eventually, orderOf, pay, placeOrder, startPayShop, usd, type PayShop } from './harness.ts';

describe('paying an order with test_card and manual', () => {
  let shop: PayShop;
  let ann: Record<string, string>;
  let bob: Record<string, string>;
  before(async () => {
    shop = await startPayShop();
    ann = await shop.customer('customer-ann');
    bob = await shop.customer('customer-bob');
  });
  after(() => shop.close());

  test('4242 succeeds for the order total read from orders, stores only brand and last four, and the order becomes paid within 5 s', async () => {
    const order = await placeOrder(shop, ann, { price: 1999, quantity: 2 });
    const res = await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card() });
    assert.equal(res.statusCode, 201, res.body);
    const payment = res.json();
    assert.equal(payment.status, 'succeeded');
    assert.deepEqual(payment.amount, usd(3998));
    assert.deepEqual(payment.amount, order.total);
    assert.deepEqual(payment.refundedAmount, usd(0));
    assert.deepEqual(payment.card, { brand: 'visa', last4: '4242' });
    assert.equal(payment.failureCode, null);
    const stored = JSON.stringify(await shop.payments.db.query('SELECT * FROM payments'));
    assert.doesNotMatch(stored + JSON.stringify(await shop.payments.db.query('SELECT * FROM idempotency_keys')), /4242424242424242|"123"/);
    const started = Date.now();
    const paid = await eventually(() => orderOf(shop, order.id), (o) => o.status === 'paid', 5000);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(paid.history.map((h: { status: string }) => h.status), ['pending', 'paid']);
    assert.deepEqual(paid.payment, { id: payment.id, provider: 'test_card', status: 'succeeded', amount: usd(3998), refundedAmount: usd(0), paidAt: paid.payment.paidAt });
    assert.ok(new Date(paid.estimatedDelivery) > new Date(paid.payment.paidAt));
    // Paid already: another attempt is a 409, and the customer's list shows the one payment.
    const again = await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card() });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'ORDER.NOT_PAYABLE');
    const list = await shop.payments.app.inject({ method: 'GET', url: `/api/payments?orderId=${order.id}`, headers: ann });
    assert.deepEqual(list.json().items.map((p: { id: string }) => p.id), [payment.id]);
  });

  test('declined, insufficient funds and expired cards are failed payments (201) that leave the order pending for another try', async () => {
    const order = await placeOrder(shop, ann);
    const cases = [
      { card: card('4000000000000002'), failureCode: 'card_declined' },
      { card: card('4000000000009995'), failureCode: 'insufficient_funds' },
      { card: card('4242424242424242', { expYear: 2020, expMonth: 1 }), failureCode: 'expired_card' },
      { card: card('4111111111111111'), failureCode: 'card_declined' },
    ];
    for (const c of cases) {
      const res = await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: c.card });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual([res.json().status, res.json().failureCode], ['failed', c.failureCode]);
      assert.equal(res.json().card.last4, c.card.number.slice(-4));
    }
    const ok = await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card('5555555555554444') });
    assert.deepEqual([ok.json().status, ok.json().card.brand], ['succeeded', 'mastercard']);
    const list = (await shop.payments.app.inject({ method: 'GET', url: `/api/payments?orderId=${order.id}`, headers: shop.employee })).json();
    assert.deepEqual(list.items.map((p: { status: string }) => p.status), ['failed', 'failed', 'failed', 'failed', 'succeeded']);
  });

  test('a card number failing the Luhn check, a missing card or a card for manual is a 400, and nothing is kept', async () => {
    const order = await placeOrder(shop, ann);
    const key = randomUUID();
    const luhn = await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card('4242424242424241') }, key);
    assert.equal(luhn.statusCode, 400);
    assert.equal(luhn.json().errors[0].path, '/body/card/number');
    assert.equal((await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card' })).statusCode, 400);
    assert.equal((await pay(shop.payments.app, ann, { orderId: order.id, provider: 'manual', card: card() })).statusCode, 400);
    assert.equal((await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: { ...card(), number: '42424242424242a2' } })).statusCode, 400);
    assert.equal((await pay(shop.payments.app, ann, { orderId: order.id, provider: 'paypal' })).statusCode, 400);
    assert.equal((await pay(shop.payments.app, ann, { orderId: order.id, provider: 'stripe' })).statusCode, 422, 'stripe is off without its key');
    const noKey = await shop.payments.app.inject({ method: 'POST', url: '/api/payments', headers: ann, payload: { orderId: order.id, provider: 'manual' } });
    assert.equal(noKey.statusCode, 400);
    assert.equal((await shop.payments.db.query('SELECT count(*)::int AS n FROM payments WHERE order_id = $1', [order.id]))[0].n, 0);
    // The key of the refused request was never kept: it works for a good one.
    assert.equal((await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card() }, key)).statusCode, 201);
  });

  test('another customer\'s order and an unknown order are 404 alike; a cancelled order is a 409', async () => {
    const order = await placeOrder(shop, ann);
    const theirs = await pay(shop.payments.app, bob, { orderId: order.id, provider: 'test_card', card: card() });
    const unknown = await pay(shop.payments.app, bob, { orderId: 'no-such-order', provider: 'test_card', card: card() });
    assert.deepEqual([theirs.statusCode, unknown.statusCode], [404, 404]);
    assert.equal(theirs.json().detail, unknown.json().detail);
    await pay(shop.payments.app, ann, { orderId: order.id, provider: 'manual' });
    assert.equal((await shop.payments.app.inject({ method: 'GET', url: `/api/payments?orderId=${order.id}`, headers: bob })).statusCode, 404);
    const cancelled = await placeOrder(shop, ann);
    await fetch(`${shop.orders.url}/api/orders/${cancelled.id}/cancel`, { method: 'POST', headers: ann });
    const res = await pay(shop.payments.app, ann, { orderId: cancelled.id, provider: 'test_card', card: card() });
    assert.equal(res.statusCode, 409);
  });

  test('the same key and body replay the first answer, even after the order was paid; another body is a 422', async () => {
    const order = await placeOrder(shop, ann);
    const key = randomUUID();
    const body = { orderId: order.id, provider: 'test_card', card: card('4000000000000002') };
    const first = await pay(shop.payments.app, ann, body, key);
    assert.equal(first.json().status, 'failed');
    const paid = await pay(shop.payments.app, ann, { ...body, card: card() });
    assert.equal(paid.json().status, 'succeeded');
    const replay = await pay(shop.payments.app, ann, body, key);
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.body, first.body);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const other = await pay(shop.payments.app, ann, { ...body, card: card('4000000000009995') }, key);
    assert.equal(other.statusCode, 422);
    // Keys are per customer: Bob's use of the same key is his own (and Ann's order is not his).
    assert.equal((await pay(shop.payments.app, bob, body, key)).statusCode, 404);
  });

  test('a manual payment waits until an employee captures it; then the order is paid, and a second capture is a 409', async () => {
    const order = await placeOrder(shop, ann);
    const waiting = (await pay(shop.payments.app, ann, { orderId: order.id, provider: 'manual' })).json();
    assert.deepEqual([waiting.status, waiting.card, waiting.provider], ['pending', null, 'manual']);
    await eventually(() => orderOf(shop, order.id), (o) => o.payment?.status === 'pending', 5000);
    const capture = (headers: Record<string, string>) => shop.payments.app.inject({ method: 'POST', url: `/api/payments/${waiting.id}/capture`, headers });
    assert.equal((await capture(ann)).statusCode, 403);
    const captured = await capture(shop.employee);
    assert.equal(captured.statusCode, 200, captured.body);
    assert.equal(captured.json().status, 'succeeded');
    assert.equal((await capture(shop.employee)).statusCode, 409);
    assert.equal((await shop.payments.app.inject({ method: 'POST', url: '/api/payments/nope/capture', headers: shop.employee })).statusCode, 404);
    await eventually(() => orderOf(shop, order.id), (o) => o.status === 'paid', 5000);
  });

  test('employees refund part of a payment, then the rest; more than is left is a 409, and only a succeeded payment is refunded', async () => {
    const order = await placeOrder(shop, ann, { price: 1000 });
    const payment = (await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card() })).json();
    const refund = (body: object, headers = shop.employee) =>
      shop.payments.app.inject({ method: 'POST', url: `/api/payments/${payment.id}/refunds`, headers, payload: body });
    assert.equal((await refund({ amount: usd(100) }, ann)).statusCode, 403);
    assert.equal((await refund({ amount: { amount: 100, currency: 'EUR' } })).statusCode, 400);
    assert.equal((await refund({ amount: usd(0) })).statusCode, 400);
    const part = await refund({ amount: usd(300), reason: 'scratched' });
    assert.equal(part.statusCode, 201, part.body);
    const { id: _id, createdAt: _at, ...given } = part.json() as Record<string, unknown>;
    assert.deepEqual(given, { paymentId: payment.id, amount: usd(300), reason: 'scratched' });
    const tooMuch = await refund({ amount: usd(701) });
    assert.equal(tooMuch.statusCode, 409);
    assert.deepEqual([tooMuch.json().detail, tooMuch.json().refundable], ['Only $7.00 of this payment is left to refund', usd(700)]);
    assert.equal((await refund({ amount: usd(700) })).statusCode, 201);
    assert.equal((await refund({ amount: usd(1) })).statusCode, 409);
    const list = (await shop.payments.app.inject({ method: 'GET', url: `/api/payments?orderId=${order.id}`, headers: ann })).json();
    assert.deepEqual(list.items[0].refundedAmount, usd(1000));
    const failed = await placeOrder(shop, ann);
    const declined = (await pay(shop.payments.app, ann, { orderId: failed.id, provider: 'test_card', card: card('4000000000000002') })).json();
    const res = await shop.payments.app.inject({ method: 'POST', url: `/api/payments/${declined.id}/refunds`, headers: shop.employee, payload: { amount: usd(1) } });
    assert.equal(res.statusCode, 409);
    await eventually(() => orderOf(shop, order.id), (o) => o.payment?.refundedAmount.amount === 1000, 5000);
  });
});
