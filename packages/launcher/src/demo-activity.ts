// Demo mode's first start: a shop with some life in it. Through the public API, as real people would:
// an employee puts a few products on sale, a handful of shoppers order, pay with the test card and
// review what was delivered, and the demo customer has orders of their own. Runs once per data folder.
import { randomBytes, randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

type Json = Record<string, any>;

const SHOPPERS = [
  { name: 'Maya Lindqvist', email: 'maya@shoppers.emporium.test' },
  { name: 'Tomás Ortega', email: 'tomas@shoppers.emporium.test' },
  { name: 'Priya Raman', email: 'priya@shoppers.emporium.test' },
  { name: 'Sam Okafor', email: 'sam@shoppers.emporium.test' },
];

const REVIEWS = [
  { rating: 5, title: 'Exactly what I hoped for', body: 'Well made and arrived quickly. I would buy it again.' },
  { rating: 4, title: 'Very good', body: 'Does the job nicely. Slightly smaller than I expected from the photos.' },
  { rating: 5, title: 'Great value', body: 'Better than the pricier one I had before. Recommended.' },
  { rating: 3, title: 'Fine, nothing special', body: 'It works, but the finish could be better for the price.' },
  { rating: 4, title: 'Happy with it', body: 'Good quality, and the delivery estimate was spot on.' },
];

const ADDRESS = { name: '', line1: '12 Market Street', city: 'Springfield', postalCode: '62701', country: 'US' };
const TEST_CARD = { number: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' };

/** Runs the demo story once for this data folder; later starts find its marker and leave the shop as it is. */
export async function runDemoActivityOnce(gateway: string, dataDir: string, log: (line: string) => void): Promise<void> {
  try {
    // The marker is taken first (exclusive create), so a story that fails half-way is never run twice.
    await (await open(join(dataDir, 'demo-activity.done'), 'wx')).close();
  } catch {
    return;
  }
  try {
    const counts = await demoStory(api(gateway));
    log(`demo activity: ${counts.discounts} products on sale, ${counts.orders} orders, ${counts.reviews} reviews`);
  } catch (err) {
    log(`demo activity stopped early: ${(err as Error).message}`);
  }
}

async function demoStory(call: Api) {
  const employee = await signIn(call, 'employee@emporium.test', 'employee-demo');
  // Only products with units to spare: the demo catalog keeps a few sold out on purpose.
  const products = ((await call('GET', '/api/products?limit=60')).items as Json[]).filter((p) => p.stock >= 10);
  const pick = (i: number) => products[i % products.length];
  const onSale = [1, 4, 9, 14, 22].map(pick);
  for (const [i, product] of onSale.entries()) {
    const endsAt = i === 0 ? new Date(Date.now() + 3 * 86_400_000).toISOString() : null; // one sale ends soon
    await call('POST', '/api/discounts', { productId: product.id, percent: [20, 15, 25, 10, 30][i], endsAt }, employee);
  }
  const customer = await signIn(call, 'customer@emporium.test', 'customer-demo');
  const stories = await Promise.all([
    ...SHOPPERS.map(async (shopper, s) => {
      const token = await register(call, shopper);
      return shop(call, employee, token, shopper.name, [pick(s * 3), pick(s * 3 + 1), pick(s * 3 + 2)], s, 'delivered');
    }),
    // The demo customer's own orders, one in every state an order can be in.
    ...(['delivered', 'out_for_delivery', 'shipped', 'paid', 'pending', 'cancelled'] as const).map((until, i) =>
      shop(call, employee, customer, 'Casey Customer', [pick(20 + 2 * i), pick(21 + 2 * i)], i, until)),
  ]);
  return { discounts: onSale.length, orders: stories.length, reviews: stories.reduce((n, reviews) => n + reviews, 0) };
}

type Until = 'pending' | 'cancelled' | 'paid' | 'shipped' | 'out_for_delivery' | 'delivered';
const STEPS = ['shipped', 'out_for_delivery', 'delivered'] as const;

/** One order taken from placing to `until`; delivered orders get a review of each product. Returns the reviews written. */
async function shop(call: Api, employee: string, token: string, name: string, products: Json[], seed: number, until: Until) {
  const body = {
    items: products.map((p) => ({ productId: p.id, quantity: 1 })),
    shippingAddress: { ...ADDRESS, name },
    shippingMethodId: 'standard',
    ...(seed === 1 ? { promoCode: 'WELCOME10' } : {}),
  };
  const order = await call('POST', '/api/orders', body, token, randomUUID());
  if (until === 'pending') return 0;
  if (until === 'cancelled') {
    await call('POST', `/api/orders/${order.id}/cancel`, { note: 'ordered the wrong size' }, token);
    return 0;
  }
  await call('POST', '/api/payments', { orderId: order.id, provider: 'test_card', card: TEST_CARD }, token, randomUUID());
  await waitUntil(async () => (await call('GET', `/api/orders/${order.id}`, undefined, token)).status === 'paid');
  const tracking = `9400${String(Date.now()).slice(-9)}${seed}${products.length}`;
  for (const status of STEPS.slice(0, STEPS.indexOf(until as (typeof STEPS)[number]) + 1)) {
    await call('POST', `/api/orders/${order.id}/status`, status === 'shipped' ? { status, carrier: 'USPS', trackingNumber: tracking } : { status }, employee);
  }
  if (until !== 'delivered') return 0;
  for (const [i, product] of products.entries()) {
    await call('POST', `/api/products/${product.id}/reviews`, REVIEWS[(seed + i) % REVIEWS.length], token);
  }
  return products.length;
}

type Api = (method: string, path: string, body?: unknown, token?: string, idempotencyKey?: string) => Promise<Json>;

function api(gateway: string): Api {
  return async (method, path, body, token, idempotencyKey) => {
    const res = await fetch(`${gateway}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : {};
  };
}

async function signIn(call: Api, email: string, password: string): Promise<string> {
  return (await call('POST', '/api/auth/login', { email, password })).accessToken;
}

/** Shoppers get passwords nobody knows: they exist to have ordered and reviewed. */
async function register(call: Api, shopper: { name: string; email: string }): Promise<string> {
  return (await call('POST', '/api/auth/register', { ...shopper, password: randomBytes(18).toString('base64url') })).accessToken;
}

async function waitUntil(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('an order was not paid in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
