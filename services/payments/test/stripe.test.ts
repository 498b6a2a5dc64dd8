import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import type { App } from '@emporium/kit';
import { buildApp as buildGateway } from '../../../gateway/src/app.ts';
import { readConfig as gatewayConfig } from '../../../gateway/src/config.ts';
import { eventually, orderOf, pay, placeOrder, refundsOf, startPayShop, usd, type PayShop } from './harness.ts';
import { intentEvent, startStripeStandIn, type StandIn } from './stripe-stand-in.ts';

const WEBHOOK_SECRET = 'whsec_test_secret_for_the_stand_in';
// Only for its signing helper: nothing here calls Stripe.
const signer = new Stripe('sk_test_unused');
const sign = (payload: string, secret = WEBHOOK_SECRET) => signer.webhooks.generateTestHeaderString({ payload, secret });

describe('stripe: PaymentIntents through the SDK against a local stand-in, results by the signed webhook', () => {
  let standIn: StandIn;
  let shop: PayShop;
  let gateway: App;
  let gatewayUrl: string;
  before(async () => {
    standIn = await startStripeStandIn();
    shop = await startPayShop({ paymentsEnv: { STRIPE_SECRET_KEY: 'sk_test_standin', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: standIn.url } });
    gateway = await buildGateway(gatewayConfig({ LOG_LEVEL: 'silent', UPSTREAMS: 'payments,orders', PAYMENTS_URL: shop.payments.url, ORDERS_URL: shop.orders.url }));
    gatewayUrl = await gateway.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await gateway.close();
    await shop.close();
    await standIn.close();
  });

  /** The webhook through the gateway, which must pass the body on byte for byte for the signature to hold. */
  const webhook = (payload: string, signature: string) =>
    fetch(`${gatewayUrl}/api/payments/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });

  async function stripePayment(price: number) {
    const ann = await shop.customer();
    const order = await placeOrder(shop, ann, { price });
    const res = await pay(shop.payments.app, ann, { orderId: order.id, provider: 'stripe' });
    assert.equal(res.statusCode, 201, res.body);
    const payment = res.json();
    const [intent] = [...standIn.intents.values()].filter((i) => (i.metadata as { paymentId: string }).paymentId === payment.id);
    return { ann, order, payment, intent };
  }

  test('a stripe payment creates one PaymentIntent for the order total, keyed by the payment, and returns its client secret', async () => {
    const { order, payment, intent } = await stripePayment(3100);
    assert.equal(payment.status, 'pending');
    assert.equal(payment.clientSecret, intent.client_secret);
    assert.deepEqual([intent.amount, intent.currency], [order.total.amount, 'usd']);
    const creates = standIn.calls.filter((c) => c.path === '/v1/payment_intents' && c.idempotencyKey === `payment-${payment.id}`);
    assert.equal(creates.length, 1);
    const list = (await shop.payments.app.inject({ method: 'GET', url: `/api/payments?orderId=${order.id}`, headers: shop.employee })).json();
    assert.equal(list.items[0].clientSecret, undefined, 'staff never see the client secret');
  });

  test('a forged or missing signature is a 400 and changes nothing; a signed success pays the order, and the same event again has no second effect', async () => {
    const { order, payment, intent } = await stripePayment(2000);
    const event = intentEvent('payment_intent.succeeded', intent, { status: 'succeeded' });
    assert.equal((await webhook(event, sign(event, 'whsec_someone_else'))).status, 400);
    assert.equal((await webhook(event, 't=1,v1=00')).status, 400);
    const tampered = event.replace('"amount":2000', '"amount":1');
    assert.equal((await webhook(tampered, sign(event))).status, 400);
    const listed = async () => (await shop.payments.app.inject({ method: 'GET', url: `/api/payments?orderId=${order.id}`, headers: shop.employee })).json().items[0];
    assert.equal((await listed()).status, 'pending');
    const first = await webhook(event, sign(event));
    assert.equal(first.status, 200, await first.text());
    const paid = await listed();
    assert.equal(paid.status, 'succeeded');
    await eventually(() => orderOf(shop, order.id), (o) => o.status === 'paid', 15_000);
    const updates = async () => (await shop.payments.db.query("SELECT count(*)::int AS n FROM outbox WHERE key = $1 AND type = 'payment.updated'", [payment.id]))[0].n;
    const before = await updates();
    const again = await webhook(event, sign(event));
    assert.equal(again.status, 200);
    assert.deepEqual(await listed(), paid);
    assert.equal(await updates(), before);
  });

  test('a failed PaymentIntent is a failed payment with the decline code; the order may be paid again', async () => {
    const { order, intent } = await stripePayment(1200);
    const event = intentEvent('payment_intent.payment_failed', intent, { last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' } });
    assert.equal((await webhook(event, sign(event))).status, 200);
    const [payment] = (await shop.payments.app.inject({ method: 'GET', url: `/api/payments?orderId=${order.id}`, headers: shop.employee })).json().items;
    assert.deepEqual([payment.status, payment.failureCode], ['failed', 'insufficient_funds']);
  });

  test('a refund goes to Stripe for the PaymentIntent, once, keyed by the refund', async () => {
    const { payment, intent } = await stripePayment(5000);
    const event = intentEvent('payment_intent.succeeded', intent, { status: 'succeeded' });
    await webhook(event, sign(event));
    const res = await shop.payments.app.inject({ method: 'POST', url: `/api/payments/${payment.id}/refunds`, headers: shop.employee, payload: { amount: usd(1500) } });
    assert.equal(res.statusCode, 201, res.body);
    await eventually(() => refundsOf(shop.payments.db, payment.id), (rows) => rows[0]?.sent_at !== null, 15_000);
    const sent = standIn.refunds.filter((r) => r.payment_intent === intent.id);
    assert.deepEqual(sent.map((r) => r.amount), [1500]);
    assert.ok(standIn.calls.some((c) => c.path === '/v1/refunds' && c.idempotencyKey === `refund-${res.json().id}`));
  });
});
