import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { basket, checkoutCalls, pricedPart } from './checkout-helpers.ts';
import { createProduct, startShop, usd, type Shop } from './harness.ts';

describe('checkout: the quote is what the order charges', () => {
  let shop: Shop;
  let calls: ReturnType<typeof checkoutCalls>;
  let products: { id: string }[];
  before(async () => {
    shop = await startShop({ PEER_TIMEOUT_MS: '10000' });
    calls = checkoutCalls(shop);
    products = await Promise.all([1999, 4545, 250].map((price) => createProduct(shop, shop.products.url, { price, stock: 10_000 })));
    const res = await shop.discounts.app.inject({ method: 'POST', url: '/api/discounts', headers: shop.employee, payload: { productId: products[0].id, percent: 12.5 } });
    assert.equal(res.statusCode, 201);
  });
  after(() => shop.close());

  test('over random baskets, methods, rates and codes the quote equals the placed order, to the cent', async () => {
    const code = fc.oneof(
      fc.constant(null),
      fc.record({ type: fc.constant('percent'), value: fc.integer({ min: 100, max: 9000 }).map((bps) => bps / 100) }),
      fc.record({ type: fc.constant('fixed'), value: fc.integer({ min: 1, max: 20_000 }).map(usd) }),
      fc.record({ type: fc.constant('free_shipping') }),
    );
    const scenario = fc.record({
      quantities: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 99 })),
      price: fc.integer({ min: 0, max: 3000 }),
      freeOver: fc.option(fc.integer({ min: 0, max: 30_000 })),
      percent: fc.integer({ min: 0, max: 50_000 }).map((milli) => milli / 1000),
      taxShipping: fc.boolean(),
      code,
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const customer = await shop.customer();
        const items = s.quantities.flatMap((quantity, i) => (quantity > 0 ? [{ productId: products[i].id, quantity }] : []));
        const methodId = await calls.method({ price: usd(s.price), freeOver: s.freeOver === null ? null : usd(s.freeOver) });
        await calls.rate('NO', s.percent, s.taxShipping);
        const promoCode = s.code ? (await calls.code(s.code)).code.toLowerCase() : undefined; // any case is accepted
        const body = basket(items, { shippingMethodId: methodId, ...(promoCode ? { promoCode } : {}) });
        const quote = await calls.quote(customer, body);
        assert.equal(quote.statusCode, 200, quote.body);
        const order = await calls.place(customer, body);
        assert.equal(order.statusCode, 201, order.body);
        assert.deepEqual(pricedPart(order.json()), pricedPart(quote.json()));
        assert.equal(quote.json().currency, 'USD');
      }),
      { numRuns: 25 },
    );
  });

  test('a placed order keeps its figures when the method, the rate and the code change afterwards', async () => {
    const customer = await shop.customer();
    const methodId = await calls.method({ price: usd(900) });
    await calls.rate('NO', 25, true);
    const code = await calls.code({ type: 'fixed', value: usd(300) });
    const placed = await calls.place(customer, basket([{ productId: products[2].id, quantity: 4 }], { shippingMethodId: methodId, promoCode: code.code }));
    assert.equal(placed.statusCode, 201, placed.body);
    // 4 x 2.50 = 10.00; - 3.00; + 9.00 shipping; 25% of 16.00 = 4.00.
    assert.deepEqual(pricedPart(placed.json()), {
      items: placed.json().items, subtotal: usd(1000), promotion: { code: code.code, type: 'fixed', amount: usd(300) },
      shippingMethod: { id: methodId, name: 'Courier', carrier: 'UPS' }, shippingTotal: usd(900), taxTotal: usd(400), taxIncluded: false, total: usd(2000),
    });
    await shop.orders.app.inject({ method: 'PATCH', url: `/api/shipping-methods/${methodId}`, headers: shop.employee, payload: { price: usd(5000), name: 'Renamed' } });
    await calls.rate('NO', 5, false);
    await shop.discounts.app.inject({ method: 'PATCH', url: `/api/promotions/${code.id}`, headers: shop.employee, payload: { value: usd(100) } });
    const read = await shop.orders.app.inject({ url: `/api/orders/${placed.json().id}`, headers: customer });
    assert.deepEqual(read.json(), placed.json());
  });

  test('the estimated delivery follows the method: its maxDays in business days', async () => {
    const customer = await shop.customer();
    const methodId = await calls.method({ minDays: 10, maxDays: 20 });
    const order = (await calls.place(customer, basket([{ productId: products[2].id, quantity: 1 }], { shippingMethodId: methodId }))).json();
    const days = (Date.parse(order.estimatedDelivery) - Date.parse(order.createdAt)) / 86_400_000;
    assert.ok(days >= 20 && days <= 30, `estimated delivery ${days} days out`);
  });

  test('cancelling an order gives its code use back', async () => {
    const customer = await shop.customer();
    const code = await calls.code({ usageLimit: 1 });
    const body = basket([{ productId: products[2].id, quantity: 1 }], { promoCode: code.code });
    const first = await calls.place(customer, body);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(await calls.timesUsed(code.id), 1);
    assert.equal((await calls.cancel(customer, first.json().id)).statusCode, 200);
    assert.equal(await calls.timesUsed(code.id), 0);
    const other = await shop.customer();
    assert.equal((await calls.place(other, body)).statusCode, 201);
  });
});
