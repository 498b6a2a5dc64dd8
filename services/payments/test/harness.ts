// Real products, discounts, orders and payments apps on real HTTP ports and fresh databases, wired as in
// production (orders tells payments of cancellations, payments tells orders of payments), for the payments tests.
import { randomUUID } from 'node:crypto';
import type { App, Db } from '@emporium/kit';
import { freePort, openTestDb } from '@emporium/kit/testing';
import { createProduct, orderBody, service, startShop, type Shop, type Started } from '../../orders/test/harness.ts';
import { buildApp, type AppOverrides } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

export { eventually } from '@emporium/kit/testing';
export { service } from '../../orders/test/harness.ts';

export const usd = (amount: number) => ({ amount, currency: 'USD' });

export interface PayShop extends Shop {
  payments: Started;
}

export interface PayShopOptions {
  ordersEnv?: Record<string, string>;
  paymentsEnv?: Record<string, string>;
  payments?: Omit<AppOverrides, 'db'>;
  ordersClock?: () => Date;
}

export async function startPayShop(options: PayShopOptions = {}): Promise<PayShop> {
  const paymentsPort = await freePort();
  const shop = await startShop({ PAYMENTS_URL: `http://127.0.0.1:${paymentsPort}`, SWEEP_INTERVAL_MS: '100', ...options.ordersEnv }, options.ordersClock);
  const { db, cleanup } = await openTestDb();
  const app = await buildApp(
    readConfig({
      AUTH_PUBLIC_JWK: shop.auth.publicJwk, LOG_LEVEL: 'silent', ORDERS_URL: shop.orders.url, PEER_TIMEOUT_MS: '5000',
      OUTBOX_INTERVAL_MS: '100', SWEEP_INTERVAL_MS: '100', ...service.env, ...options.paymentsEnv,
    }),
    { db, ...options.payments },
  );
  const url = await app.listen({ port: paymentsPort, host: '127.0.0.1' });
  const payments: Started = { app, db, url, close: async () => { await app.close(); await cleanup(); } };
  return {
    ...shop,
    payments,
    async close() {
      await payments.close();
      await shop.close();
    },
  };
}

/** A pending order of one product for the customer, placed over HTTP at orders. */
export async function placeOrder(shop: PayShop, customer: Record<string, string>, fields: { price?: number; stock?: number; quantity?: number } = {}) {
  const product = await createProduct(shop, shop.products.url, { price: fields.price ?? 2500, stock: fields.stock ?? 10 });
  const res = await fetch(`${shop.orders.url}/api/orders`, {
    method: 'POST',
    headers: { ...customer, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(orderBody([{ productId: product.id, quantity: fields.quantity ?? 1 }])),
  });
  if (res.status !== 201) throw new Error(`order failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; total: { amount: number; currency: string }; status: string; items: { productId: string }[] };
}

export const card = (number = '4242424242424242', fields: Partial<{ expMonth: number; expYear: number; cvc: string }> = {}) => ({
  number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', ...fields,
});

/** POST /api/payments through app.inject (same checks as over HTTP, less time). */
export function pay(app: App, customer: Record<string, string>, body: object, key: string = randomUUID()) {
  return app.inject({ method: 'POST', url: '/api/payments', headers: { ...customer, 'idempotency-key': key }, payload: body });
}

export async function orderOf(shop: PayShop, orderId: string) {
  const res = await fetch(`${shop.orders.url}/api/orders/${orderId}`, { headers: shop.employee });
  return res.json();
}

export async function stockOf(shop: PayShop, productId: string): Promise<number> {
  return ((await (await fetch(`${shop.products.url}/api/products/${productId}`)).json()) as { stock: number }).stock;
}

export async function refundsOf(db: Db, paymentId: string) {
  return db.query('SELECT amount::int AS amount, reason, sent_at FROM refunds WHERE payment_id = $1 ORDER BY created_at', [paymentId]);
}
