import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { testCardProvider } from '../src/providers/test-card.ts';
import type { Provider } from '../src/providers/provider.ts';
import { card, placeOrder, startPayShop, usd, type PayShop } from './harness.ts';

/** The sandbox, counting the charges it is asked for and taking a moment over each, as a real provider would. */
function countingProvider(): Provider & { charged: string[] } {
  const inner = testCardProvider();
  const charged: string[] = [];
  return {
    ...inner,
    charged,
    async charge(request) {
      charged.push(request.paymentId);
      await sleep(30);
      return inner.charge(request);
    },
  };
}

const post = async (url: string, headers: Record<string, string>, body: object, key?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

describe('races on PostgreSQL, over real HTTP', () => {
  let shop: PayShop;
  let provider: ReturnType<typeof countingProvider>;
  before(async () => {
    provider = countingProvider();
    shop = await startPayShop({ payments: { providers: { test_card: provider } } });
  });
  after(() => shop.close());

  test('when 20 attempts to pay one order race with different keys, exactly one succeeds and the provider is asked once', async () => {
    const ann = await shop.customer();
    const order = await placeOrder(shop, ann);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(`${shop.payments.url}/api/payments`, ann, { orderId: order.id, provider: 'test_card', card: card() }, randomUUID())),
    );
    const succeeded = answers.filter((a) => a.status === 201 && a.body.status === 'succeeded');
    assert.equal(succeeded.length, 1, JSON.stringify(answers.map((a) => a.status)));
    for (const a of answers) assert.ok(a === succeeded[0] || a.status === 409 || a.body.status === 'failed', JSON.stringify(a));
    assert.deepEqual(provider.charged.filter((id) => id === succeeded[0].body.id), [succeeded[0].body.id]);
    assert.equal(provider.charged.length, 1, 'the losers were never charged');
    const rows = await shop.payments.db.query("SELECT count(*)::int AS n FROM payments WHERE order_id = $1 AND status = 'succeeded'", [order.id]);
    assert.equal(rows[0].n, 1);
  });

  test('when 20 refunds of a tenth race for one payment, exactly ten are taken and the sum never passes the amount', async () => {
    const ann = await shop.customer();
    const order = await placeOrder(shop, ann, { price: 1000 });
    const payment = await post(`${shop.payments.url}/api/payments`, ann, { orderId: order.id, provider: 'test_card', card: card() }, randomUUID());
    assert.equal(payment.body.status, 'succeeded');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(`${shop.payments.url}/api/payments/${payment.body.id}/refunds`, shop.employee, { amount: usd(100) })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [...Array(10).fill(201), ...Array(10).fill(409)]);
    const [row] = await shop.payments.db.query('SELECT refunded_amount::int AS refunded, (SELECT sum(amount)::int FROM refunds WHERE payment_id = $1) AS sum FROM payments WHERE id = $1', [payment.body.id]);
    assert.deepEqual(row, { refunded: 1000, sum: 1000 });
  });
});
