// Real products, discounts, orders, payments and reviews apps on real HTTP ports and fresh databases, wired as in production.
import { randomUUID } from 'node:crypto';
import type { App, Db, Role } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestAuth, type TestServiceCredential, freePort } from '@emporium/kit/testing';
import { buildApp as buildGateway } from '../../../gateway/src/app.ts';
import { readConfig as gatewayConfig } from '../../../gateway/src/config.ts';
import { buildApp as buildDiscounts } from '../../discounts/src/app.ts';
import { readConfig as discountsConfig } from '../../discounts/src/config.ts';
import { buildApp as buildOrders } from '../../orders/src/app.ts';
import { readConfig as ordersConfig } from '../../orders/src/config.ts';
import { buildApp as buildPayments } from '../../payments/src/app.ts';
import { readConfig as paymentsConfig } from '../../payments/src/config.ts';
import { buildApp as buildProducts } from '../../products/src/app.ts';
import { readConfig as productsConfig } from '../../products/src/config.ts';
import { buildApp as buildReviews } from '../src/app.ts';
import { readConfig as reviewsConfig } from '../src/config.ts';

export interface Running {
  app: App;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export interface Platform {
  auth: TestAuth;
  /** The secret the five services share (the gateway holds none): for calling their /internal routes. */
  service: TestServiceCredential;
  products: Running;
  discounts: Running;
  orders: Running;
  payments: Running;
  reviews: Running;
  /** The public entry point in front of the five: every /api call of the story goes through it. */
  gateway: { app: App; url: string };
  bearer(role: Role, userId?: string, name?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

async function start(build: (db: Db) => Promise<App>, port = 0): Promise<Running> {
  const { db, cleanup } = await openTestDb();
  const app = await build(db);
  const url = await app.listen({ port, host: '127.0.0.1' });
  return { app, db, url, close: async () => { await app.close(); await cleanup(); } };
}


export async function startPlatform(): Promise<Platform> {
  const auth = await createTestAuth();
  const service = createTestServiceCredential();
  const common = { AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', PEER_TIMEOUT_MS: '2000', ...service.env };
  const products = await start((db) => buildProducts(productsConfig({ ...common, CACHE_TTL_MS: '0' }), { db }));
  const discounts = await start((db) => buildDiscounts(discountsConfig({ ...common, PRODUCTS_URL: products.url }), { db }));
  const reviewsPort = await freePort();
  const paymentsPort = await freePort();
  const orders = await start((db) =>
    buildOrders(ordersConfig({
      ...common, DEMO_MODE: 'true', PRODUCTS_URL: products.url, DISCOUNTS_URL: discounts.url, REVIEWS_URL: `http://127.0.0.1:${reviewsPort}`,
      PAYMENTS_URL: `http://127.0.0.1:${paymentsPort}`,
    }), { db }),
  );
  const payments = await start((db) => buildPayments(paymentsConfig({ ...common, ORDERS_URL: orders.url, OUTBOX_INTERVAL_MS: '100' }), { db }), paymentsPort);
  const reviews = await start(
    (db) => buildReviews(reviewsConfig({ ...common, ORDERS_URL: orders.url, PRODUCTS_URL: products.url, OUTBOX_INTERVAL_MS: '100' }), { db }),
    reviewsPort,
  );
  const gateway = await buildGateway(gatewayConfig({
    LOG_LEVEL: 'silent', UPSTREAMS: 'products,discounts,orders,payments,reviews',
    PRODUCTS_URL: products.url, DISCOUNTS_URL: discounts.url, ORDERS_URL: orders.url, PAYMENTS_URL: payments.url, REVIEWS_URL: reviews.url,
  }));
  const gatewayUrl = await gateway.listen({ port: 0, host: '127.0.0.1' });
  return {
    auth, service, products, discounts, orders, payments, reviews, gateway: { app: gateway, url: gatewayUrl },
    bearer: async (role, userId = `${role}-${randomUUID()}`, name = `Name of ${userId}`) => ({
      authorization: `Bearer ${await auth.token({ role, userId, name })}`,
    }),
    async close() {
      // Each app stops its relay before its database closes; peers may briefly see refused connections.
      await gateway.close();
      for (const running of [reviews, payments, orders, discounts, products]) await running.close();
    },
  };
}

/** A JSON call over real HTTP. */
export async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...init.headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function createProduct(platform: Platform, name: string): Promise<string> {
  const res = await call(`${platform.gateway.url}/api/products`, {
    method: 'POST',
    headers: await platform.bearer('employee'),
    body: { name, description: 'For the reviews story.', price: { amount: 2500, currency: 'USD' }, category: 'Kitchen', stock: 20 },
  });
  if (res.status !== 201) throw new Error(`create product failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function placeOrder(platform: Platform, customer: Record<string, string>, productId: string): Promise<string> {
  const res = await fetch(`${platform.gateway.url}/api/orders`, {
    method: 'POST',
    headers: { ...customer, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      items: [{ productId, quantity: 1 }],
      shippingAddress: { name: 'Ann Lee', line1: '1 Main St', city: 'Oslo', postalCode: '0150', country: 'NO' },
      shippingMethodId: 'international', // seeded by DEMO_MODE; delivers everywhere
    }),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`order failed: ${res.status} ${JSON.stringify(body)}`);
  const paid = await fetch(`${platform.gateway.url}/api/payments`, {
    method: 'POST',
    headers: { ...customer, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ orderId: body.id, provider: 'test_card', card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } }),
  });
  if (paid.status !== 201) throw new Error(`payment failed: ${paid.status} ${await paid.text()}`);
  return body.id;
}

/** An employee moves the order on until it is delivered, once its payment has made it paid. */
export async function deliver(platform: Platform, orderId: string): Promise<void> {
  const employee = await platform.bearer('employee');
  await eventually(() => call(`${platform.gateway.url}/api/orders/${orderId}`, { headers: employee }), (res) => res.body?.status === 'paid', 5000);
  const steps = [{ status: 'shipped', carrier: 'Posten', trackingNumber: 'TRACK-1' }, { status: 'out_for_delivery' }, { status: 'delivered' }];
  for (const step of steps) {
    const res = await call(`${platform.gateway.url}/api/orders/${orderId}/status`, { method: 'POST', headers: employee, body: step });
    if (res.status !== 200) throw new Error(`status ${step.status} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}


/** The events a service's outbox holds for a destination, as its relay sends them (to replay them by hand). */
export async function sentEvents(db: Db, destination: string, source: string) {
  const rows = await db.query(
    'SELECT seq, event_id, type, key, data, occurred_at FROM outbox WHERE destination = $1 AND delivered_at IS NOT NULL ORDER BY seq',
    [destination],
  );
  return rows.map((r) => ({ id: r.event_id, source, type: r.type, key: r.key, seq: Number(r.seq), occurredAt: new Date(r.occurred_at).toISOString(), data: r.data }));
}
import { eventually } from '@emporium/kit/testing';
export { eventually };
