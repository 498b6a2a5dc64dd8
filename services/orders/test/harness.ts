// Real products, discounts and orders apps on real HTTP ports and fresh databases, for the orders integration tests.
import { randomUUID } from 'node:crypto';
import type { App, Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestAuth } from '@emporium/kit/testing';
import { buildApp as buildDiscounts } from '../../discounts/src/app.ts';
import { readConfig as discountsConfig } from '../../discounts/src/config.ts';
import { buildApp as buildProducts } from '../../products/src/app.ts';
import { readConfig as productsConfig } from '../../products/src/config.ts';
import { buildApp as buildOrders } from '../src/app.ts';
import { readConfig as ordersConfig } from '../src/config.ts';
import { insertMethod } from '../src/shipping/shipping.repository.ts';

/** A port nothing listens on (the reviews service is not part of these tests; events wait in the outbox). */
export const NOBODY_URL = 'http://127.0.0.1:9';

export const usd = (amount: number) => ({ amount, currency: 'USD' });

/** The services of one test file share one service token secret, as a deployment's do; tests call /internal routes with it. */
export const service = createTestServiceCredential();

export interface Started {
  app: App;
  db: Db;
  url: string;
  close(): Promise<void>;
}

async function start(build: (db: Db) => Promise<App>): Promise<Started> {
  const { db, cleanup } = await openTestDb();
  const app = await build(db);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, db, url, close: async () => { await app.close(); await cleanup(); } };
}

export const startProductsApp = (auth: TestAuth, env: Record<string, string> = {}) =>
  start((db) => buildProducts(productsConfig({ AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', CACHE_TTL_MS: '0', ...service.env, ...env }), { db }));

export const startDiscountsApp = (auth: TestAuth, productsUrl: string, env: Record<string, string> = {}) =>
  start((db) => buildDiscounts(discountsConfig({ AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', PRODUCTS_URL: productsUrl, ...service.env, ...env }), { db }));

/** Orders with TEST_METHOD among its shipping methods. */
export const startOrdersApp = (auth: TestAuth, peers: { productsUrl: string; discountsUrl: string }, env: Record<string, string> = {}, clock?: () => Date) =>
  start(async (db) => {
    const app = await buildOrders(
      ordersConfig({
        AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', PRODUCTS_URL: peers.productsUrl, DISCOUNTS_URL: peers.discountsUrl,
        REVIEWS_URL: NOBODY_URL, PAYMENTS_URL: NOBODY_URL, PEER_TIMEOUT_MS: '1000', ...service.env, ...env,
      }),
      { db, clock },
    );
    await insertMethod(db, TEST_METHOD);
    return app;
  });

export interface Shop {
  auth: TestAuth;
  products: Started;
  discounts: Started;
  orders: Started;
  employee: Record<string, string>;
  /** Authorization headers of a fresh customer. */
  customer(id?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The three services wired together as in production. */
export async function startShop(ordersEnv: Record<string, string> = {}, clock?: () => Date): Promise<Shop> {
  const auth = await createTestAuth();
  const products = await startProductsApp(auth);
  const discounts = await startDiscountsApp(auth, products.url);
  const orders = await startOrdersApp(auth, { productsUrl: products.url, discountsUrl: discounts.url }, ordersEnv, clock);
  return {
    auth, products, discounts, orders,
    employee: { authorization: `Bearer ${await auth.token({ role: 'employee', userId: 'employee-1' })}` },
    customer: async (id = `customer-${randomUUID()}`) => ({ authorization: `Bearer ${await auth.token({ role: 'customer', userId: id })}` }),
    async close() {
      await orders.close();
      await discounts.close();
      await products.close();
    },
  };
}

export async function createProduct(shop: Pick<Shop, 'employee'>, productsUrl: string, fields: { price?: number; stock?: number; name?: string } = {}) {
  const res = await fetch(`${productsUrl}/api/products`, {
    method: 'POST',
    headers: { ...shop.employee, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: fields.name ?? `Kettle ${randomUUID().slice(0, 8)}`, description: 'Boils water.', price: usd(fields.price ?? 2500),
      category: 'Kitchen', stock: fields.stock ?? 10, images: ['/images/products/kettle.svg'],
    }),
  });
  if (res.status !== 201) throw new Error(`create product failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; name: string; stock: number };
}

export async function stockOf(productsUrl: string, productId: string): Promise<number> {
  const res = await fetch(`${productsUrl}/api/products/${productId}`);
  if (res.status !== 200) throw new Error(`read product failed: ${res.status}`);
  return ((await res.json()) as { stock: number }).stock;
}

export const address = { name: 'Ann Lee', line1: '1 Main St', city: 'Oslo', postalCode: '0150', country: 'NO' };

/** A free method that delivers everywhere, so the tests about stock and idempotency see totals equal to their lines. */
export const TEST_METHOD = { id: 'test-free', name: 'Pickup', carrier: 'Shop', price: 0, freeOver: null, minDays: 1, maxDays: 5, countries: ['*'], active: true };

export const orderBody = (items: { productId: string; quantity: number }[]) => ({ items, shippingAddress: address, shippingMethodId: TEST_METHOD.id });

/** POST /api/orders over real HTTP. */
export async function placeOrder(ordersUrl: string, headers: Record<string, string>, body: unknown, key: string = randomUUID(), signal?: AbortSignal) {
  const res = await fetch(`${ordersUrl}/api/orders`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    signal,
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/**
 * Marks the order paid the way payments does: a `payment.updated` event of a succeeded payment of its
 * whole total, delivered to orders' inbox (the payments service itself is proved in services/payments).
 */
export async function markPaid(ordersUrl: string, order: { id: string; customerId: string; total: { amount: number; currency: string } }) {
  const now = new Date().toISOString();
  const res = await fetch(`${ordersUrl}/internal/events`, {
    method: 'POST',
    headers: { ...(await service.headers()), 'content-type': 'application/json' },
    body: JSON.stringify({
      events: [{
        id: randomUUID(), source: 'payments', type: 'payment.updated', key: `payment-${order.id}`, seq: 1, occurredAt: now,
        data: {
          paymentId: `payment-${order.id}`, orderId: order.id, customerId: order.customerId, provider: 'test_card', status: 'succeeded',
          amount: order.total, refundedAmount: { amount: 0, currency: order.total.currency }, paidAt: now, createdAt: now,
        },
      }],
    }),
  });
  if (res.status !== 200) throw new Error(`payment event refused: ${res.status} ${await res.text()}`);
}

/** Units of the product in orders that are not cancelled, straight from the orders database. */
export async function unitsInOpenOrders(ordersDb: Db, productId: string): Promise<number> {
  const rows = await ordersDb.query(
    `SELECT COALESCE(sum((l.line->>'quantity')::int), 0)::int AS n FROM orders o, jsonb_array_elements(o.lines) AS l (line)
      WHERE l.line->>'productId' = $1 AND o.status <> 'cancelled'`,
    [productId],
  );
  return rows[0].n;
}

export { eventually } from '@emporium/kit/testing';
