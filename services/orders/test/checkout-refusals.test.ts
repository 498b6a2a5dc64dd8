import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basket, checkoutCalls } from './checkout-helpers.ts';
import { createProduct, startShop, stockOf, usd, type Shop } from './harness.ts';

describe('checkout: what does not apply is a 422 from the quote and the order alike, and nothing is placed', () => {
  let shop: Shop;
  let calls: ReturnType<typeof checkoutCalls>;
  let productId: string;
  before(async () => {
    shop = await startShop({ PEER_TIMEOUT_MS: '10000' });
    calls = checkoutCalls(shop);
    productId = (await createProduct(shop, shop.products.url, { price: 2000, stock: 50 })).id;
  });
  after(() => shop.close());

  /** Both the quote and the order give this problem; afterwards no order exists and the stock is whole. */
  async function refusedBoth(customer: Record<string, string>, body: object, expected: Record<string, unknown>) {
    const ordersBefore = (await shop.orders.db.query('SELECT count(*)::int AS n FROM orders'))[0].n;
    for (const res of [await calls.quote(customer, body), await calls.place(customer, body)]) {
      assert.equal(res.statusCode, 422, res.body);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      const problem = res.json();
      for (const [key, value] of Object.entries(expected)) assert.equal(problem[key], value, `${key} of ${res.body}`);
    }
    assert.equal((await shop.orders.db.query('SELECT count(*)::int AS n FROM orders'))[0].n, ordersBefore);
    assert.equal(await stockOf(shop.products.url, productId), 50);
  }

  const line = () => [{ productId, quantity: 1 }];

  test('an unknown, a retired and a method that does not deliver to the country', async () => {
    const customer = await shop.customer();
    await refusedBoth(customer, basket(line(), { shippingMethodId: 'no-such-method' }), { code: 'CHECKOUT.UNKNOWN_METHOD' });
    const usOnly = await calls.method({ countries: ['US'] });
    await refusedBoth(customer, basket(line(), { shippingMethodId: usOnly }), { code: 'CHECKOUT.METHOD_NOT_AVAILABLE' });
    const retired = await calls.method({ active: false });
    await refusedBoth(customer, basket(line(), { shippingMethodId: retired }), { code: 'CHECKOUT.METHOD_NOT_AVAILABLE' });
  });

  test('a code for each reason it does not apply', async () => {
    const customer = await shop.customer();
    const hour = 3_600_000;
    const cases: [Record<string, unknown> | null, string][] = [
      [null, 'unknown'],
      [{ startsAt: new Date(Date.now() + hour).toISOString() }, 'not_started'],
      [{ startsAt: new Date(Date.now() - 2 * hour).toISOString(), endsAt: new Date(Date.now() - hour).toISOString() }, 'ended'],
      [{ minSubtotal: usd(2001) }, 'minimum_not_met'],
    ];
    for (const [fields, reason] of cases) {
      const code = fields ? (await calls.code(fields)).code : 'NOSUCHCODE';
      await refusedBoth(customer, basket(line(), { promoCode: code }), { code: 'PROMOTION.NOT_APPLICABLE', reason });
    }
  });

  test('a code below its minimum names the minimum, so the shop can say how much more the basket needs', async () => {
    const customer = await shop.customer();
    const { code } = await calls.code({ minSubtotal: usd(2500) });
    for (const res of [await calls.quote(customer, basket(line(), { promoCode: code })), await calls.place(customer, basket(line(), { promoCode: code }))]) {
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual({ reason: res.json().reason, minSubtotal: res.json().minSubtotal }, { reason: 'minimum_not_met', minSubtotal: usd(2500) });
    }
    const ended = await calls.code({ startsAt: new Date(Date.now() - 7_200_000).toISOString(), endsAt: new Date(Date.now() - 3_600_000).toISOString(), minSubtotal: usd(2500) });
    assert.equal((await calls.quote(customer, basket(line(), { promoCode: ended.code }))).json().minSubtotal, undefined, 'only a refusal for the minimum names it');
  });

  test('a code used up in all, and one used up by this customer while others may still use it', async () => {
    const [ann, bob] = [await shop.customer(), await shop.customer()];
    const once = await calls.code({ usageLimit: 1 });
    assert.equal((await calls.place(ann, basket(line(), { promoCode: once.code }))).statusCode, 201);
    await refusedBothAfter(bob, once.code);
    const perCustomer = await calls.code({ perCustomerLimit: 1 });
    assert.equal((await calls.place(ann, basket(line(), { promoCode: perCustomer.code }))).statusCode, 201);
    await refusedBothAfter(ann, perCustomer.code);
    assert.equal((await calls.quote(bob, basket(line(), { promoCode: perCustomer.code }))).statusCode, 200);

    async function refusedBothAfter(customer: Record<string, string>, code: string) {
      const stock = await stockOf(shop.products.url, productId);
      for (const res of [await calls.quote(customer, basket(line(), { promoCode: code })), await calls.place(customer, basket(line(), { promoCode: code }))]) {
        assert.equal(res.statusCode, 422, res.body);
        assert.equal(res.json().reason, 'used_up');
      }
      assert.equal(await stockOf(shop.products.url, productId), stock, 'the refused order took no stock');
    }
  });
});
