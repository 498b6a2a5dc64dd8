// Waits here are generous (15 s): what is proved is that the effect happens once, not how fast on a loaded machine (pay.test.ts and processes.test.ts hold the 5 s).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { testCardProvider } from '../src/providers/test-card.ts';
import { card, eventually, orderOf, pay, placeOrder, refundsOf, startPayShop, stockOf, usd, type PayShop } from './harness.ts';

describe('cancelled and unpaid orders: the money goes back, exactly once', () => {
  let shop: PayShop;
  // The orders clock: the expiry of unpaid orders is judged by it, and the tests move it on instead of waiting.
  let offsetMs = 0;
  // Lets a test hold a charge until the order it pays has been cancelled (the expiry race).
  let holdCharge: Promise<void> | null = null;
  before(async () => {
    const sandbox = testCardProvider();
    shop = await startPayShop({
      ordersClock: () => new Date(Date.now() + offsetMs),
      payments: { providers: { test_card: { ...sandbox, charge: async (request) => { await holdCharge; return sandbox.charge(request); } } } },
    });
  });
  after(() => shop.close());

  test('the owner cancels a paid order: payments refunds all of it, and the order shows the refund', async () => {
    const ann = await shop.customer();
    const order = await placeOrder(shop, ann, { price: 4200 });
    const payment = (await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card() })).json();
    await eventually(() => orderOf(shop, order.id), (o) => o.status === 'paid', 15_000);
    const cancel = await fetch(`${shop.orders.url}/api/orders/${order.id}/cancel`, { method: 'POST', headers: ann });
    assert.equal(cancel.status, 200);
    const cancelled = await eventually(() => orderOf(shop, order.id), (o) => o.payment?.refundedAmount.amount === 4200, 15_000);
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(cancelled.payment.refundedAmount, usd(4200));
    await eventually(() => refundsOf(shop.payments.db, payment.id), (rows) => rows.length === 1 && rows[0].sent_at !== null, 15_000);
    // The event delivered again changes nothing.
    await shop.orders.db.query("UPDATE outbox SET delivered_at = NULL, leased_until = NULL, next_attempt_at = now() WHERE key = $1 AND destination = 'payments'", [order.id]);
    await eventually(() => shop.orders.db.query("SELECT 1 FROM outbox WHERE key = $1 AND destination = 'payments' AND delivered_at IS NULL", [order.id]), (r) => r.length === 0, 15_000);
    assert.deepEqual((await refundsOf(shop.payments.db, payment.id)).map((r) => r.amount), [4200]);
  });

  test('staff cancel a paid order that was partly refunded: only the rest goes back', async () => {
    const ann = await shop.customer();
    const order = await placeOrder(shop, ann, { price: 1000 });
    const payment = (await pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card() })).json();
    await shop.payments.app.inject({ method: 'POST', url: `/api/payments/${payment.id}/refunds`, headers: shop.employee, payload: { amount: usd(250) } });
    await eventually(() => orderOf(shop, order.id), (o) => o.status === 'paid', 15_000);
    await fetch(`${shop.orders.url}/api/orders/${order.id}/cancel`, { method: 'POST', headers: shop.employee });
    await eventually(() => refundsOf(shop.payments.db, payment.id), (rows) => rows.length === 2, 15_000);
    assert.deepEqual((await refundsOf(shop.payments.db, payment.id)).map((r) => r.amount), [250, 750]);
  });

  test('an order still unpaid after ORDER_PAYMENT_TIMEOUT is cancelled with "payment not received" and its stock goes back; a paid one is left alone', async () => {
    const ann = await shop.customer();
    const unpaid = await placeOrder(shop, ann, { stock: 3, quantity: 2 });
    const paid = await placeOrder(shop, ann);
    await pay(shop.payments.app, ann, { orderId: paid.id, provider: 'test_card', card: card() });
    await eventually(() => orderOf(shop, paid.id), (o) => o.status === 'paid', 15_000);
    assert.equal(await stockOf(shop, unpaid.items[0].productId), 1);
    offsetMs = 29 * 60_000;
    await sleep(300); // three sweeps with the clock short of the timeout: nothing may happen
    assert.equal((await orderOf(shop, unpaid.id)).status, 'pending');
    offsetMs = 31 * 60_000;
    const expired = await eventually(() => orderOf(shop, unpaid.id), (o) => o.status === 'cancelled', 15_000);
    assert.deepEqual(expired.history.at(-1).note, 'payment not received');
    assert.equal(await stockOf(shop, unpaid.items[0].productId), 3);
    assert.equal((await orderOf(shop, paid.id)).status, 'paid');
    offsetMs = 0;
  });

  test('an order waiting for a bank transfer is not expired after 30 minutes, only after ORDER_TRANSFER_TIMEOUT', async () => {
    const ann = await shop.customer();
    const order = await placeOrder(shop, ann);
    await pay(shop.payments.app, ann, { orderId: order.id, provider: 'manual' });
    await eventually(() => orderOf(shop, order.id), (o) => o.payment?.status === 'pending', 15_000);
    offsetMs = 2 * 86_400_000;
    await sleep(300);
    assert.equal((await orderOf(shop, order.id)).status, 'pending');
    offsetMs = 8 * 86_400_000;
    await eventually(() => orderOf(shop, order.id), (o) => o.status === 'cancelled', 15_000);
    offsetMs = 0;
  });

  test('a payment that succeeds after its order expired (the expiry race) is refunded in full, once', async () => {
    const ann = await shop.customer();
    const order = await placeOrder(shop, ann, { price: 1500 });
    let release!: () => void;
    holdCharge = new Promise((resolve) => { release = resolve; });
    const paying = pay(shop.payments.app, ann, { orderId: order.id, provider: 'test_card', card: card() });
    await eventually(() => shop.payments.db.query('SELECT 1 FROM payments WHERE order_id = $1 AND charging', [order.id]), (r) => r.length === 1, 15_000);
    offsetMs = 31 * 60_000;
    await eventually(() => orderOf(shop, order.id), (o) => o.status === 'cancelled', 15_000);
    offsetMs = 0;
    await eventually(() => shop.payments.db.query('SELECT 1 FROM cancelled_orders WHERE order_id = $1', [order.id]), (r) => r.length === 1, 15_000);
    release();
    holdCharge = null;
    const payment = (await paying).json();
    assert.equal(payment.status, 'succeeded');
    assert.deepEqual(payment.refundedAmount, usd(1500));
    await eventually(() => orderOf(shop, order.id), (o) => o.payment?.refundedAmount.amount === 1500, 15_000);
    assert.equal((await orderOf(shop, order.id)).status, 'cancelled');
    assert.deepEqual((await refundsOf(shop.payments.db, payment.id)).map((r) => r.amount), [1500]);
  });
});
