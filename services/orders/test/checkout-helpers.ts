// Calls of the checkout tests: the employee's methods, rates and codes, a customer's quote and order.
import { randomUUID } from 'node:crypto';
import { TEST_METHOD, address, type Shop } from './harness.ts';

type Headers = Record<string, string>;

export function checkoutCalls(shop: Shop) {
  const orders = (method: string, url: string, headers: Headers, payload?: object) =>
    shop.orders.app.inject({ method: method as 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
  return {
    async method(fields: Record<string, unknown> = {}): Promise<string> {
      const body = { name: 'Courier', carrier: 'UPS', price: { amount: 700, currency: 'USD' }, minDays: 1, maxDays: 3, countries: ['*'], ...fields };
      const res = await orders('POST', '/api/shipping-methods', shop.employee, body);
      if (res.statusCode !== 201) throw new Error(`method: ${res.statusCode} ${res.body}`);
      return res.json().id;
    },
    async rate(country: string, percent: number, taxShipping = false) {
      const res = await orders('PUT', `/api/tax-rates/${country}`, shop.employee, { percent, taxShipping });
      if (res.statusCode !== 200) throw new Error(`rate: ${res.statusCode} ${res.body}`);
    },
    async code(fields: Record<string, unknown>): Promise<{ id: string; code: string }> {
      const body = { code: `T${randomUUID().slice(0, 8)}`, ...(fields.type ? {} : { type: 'percent', value: 10 }), ...fields };
      const res = await shop.discounts.app.inject({ method: 'POST', url: '/api/promotions', headers: shop.employee, payload: body });
      if (res.statusCode !== 201) throw new Error(`code: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async timesUsed(promotionId: string): Promise<number> {
      const res = await shop.discounts.app.inject({ url: '/api/promotions?limit=100', headers: shop.employee });
      return res.json().items.find((p: { id: string }) => p.id === promotionId).timesUsed;
    },
    quote: (customer: Headers, body: object) => orders('POST', '/api/checkout/quote', customer, body),
    place: (customer: Headers, body: object, key = randomUUID()) => orders('POST', '/api/orders', { ...customer, 'idempotency-key': key }, body),
    cancel: (customer: Headers, orderId: string) => orders('POST', `/api/orders/${orderId}/cancel`, customer),
  };
}

/** An order body to the test address (country NO), with the test method unless told otherwise. */
export const basket = (items: { productId: string; quantity: number }[], extra: Record<string, unknown> = {}) =>
  ({ items, shippingAddress: address, shippingMethodId: TEST_METHOD.id, ...extra });

/** The priced part of a quote or an order, to compare the two. */
export const pricedPart = (body: Record<string, unknown>) => {
  const { items, subtotal, promotion, shippingMethod, shippingTotal, taxTotal, taxIncluded, total } = body;
  return { items, subtotal, promotion, shippingMethod, shippingTotal, taxTotal, taxIncluded, total };
};
