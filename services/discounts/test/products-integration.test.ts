import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App, Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestAuth, untilPasses, freePort } from '@emporium/kit/testing';
import { buildApp as buildProducts } from '../../products/src/app.ts';
import { readConfig as readProductsConfig } from '../../products/src/config.ts';
import { buildApp as buildDiscounts } from '../src/app.ts';
import { readConfig } from '../src/config.ts';



const usd = (amount: number) => ({ amount, currency: 'USD' });
// Writes kick the relay, so delivery normally takes milliseconds; the deadline only bounds a broken run
// (the house rule: tests prove convergence, never speed, on a shared and busy machine).
const DELIVERY_DEADLINE_MS = 20_000;

describe('discounts and products together, over real HTTP', () => {
  let auth: TestAuth;
  let employee: Record<string, string>;
  let discountsDb: Db;
  let productsDb: Db;
  let discounts: App;
  let products: App | null = null;
  let discountsUrl: string;
  let productsPort: number;
  const cleanups: (() => Promise<void>)[] = [];
  const ids: Record<string, string> = {};
  // Both services hold one secret: discounts' relay and price reads reach products' /internal routes.
  const service = createTestServiceCredential();

  // The products app closes its database with itself; this one survives, so products can be restarted on the same data.
  const startProducts = async () => {
    const config = readProductsConfig({ AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', DISCOUNTS_URL: discountsUrl, ...service.env });
    products = await buildProducts(config, { db: { ...productsDb, close: async () => {} } });
    await products.listen({ port: productsPort, host: '127.0.0.1' });
  };
  const stopProducts = async () => {
    await products?.close();
    products = null;
  };
  const call = async (base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const productsApi = (path: string, init?: Parameters<typeof call>[2]) => call(`http://127.0.0.1:${productsPort}`, path, init);
  const discountsApi = (path: string, init?: Parameters<typeof call>[2]) => call(discountsUrl, path, { ...init, headers: { ...employee, ...init?.headers } });

  before(async () => {
    auth = await createTestAuth();
    employee = { authorization: `Bearer ${await auth.token({ role: 'employee' })}` };
    productsPort = await freePort();
    const d = await openTestDb();
    const p = await openTestDb();
    discountsDb = d.db;
    productsDb = p.db;
    cleanups.push(d.cleanup, async () => p.db.close(), p.cleanup);
    discounts = await buildDiscounts(
      readConfig({ AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', PRODUCTS_URL: `http://127.0.0.1:${productsPort}`, WINDOW_SCHEDULER_MS: '100', ...service.env }),
      { db: discountsDb },
    );
    discountsUrl = await discounts.listen({ port: 0, host: '127.0.0.1' });
    await startProducts();
    for (const [name, amount] of [['mug', 2_000], ['kettle', 10_000], ['lamp', 5_000]] as const) {
      const res = await productsApi('/api/products', {
        method: 'POST', headers: employee, body: { name, description: `A ${name}`, price: usd(amount), category: 'Integration', stock: 5 },
      });
      assert.equal(res.status, 201);
      ids[name] = res.body.id;
    }
    const vase = await productsApi('/api/products', {
      method: 'POST', headers: employee, body: { name: 'vase', description: 'A vase', price: usd(3_000), category: 'Integration race', stock: 5 },
    });
    ids.vase = vase.body.id;
  });
  after(async () => {
    await stopProducts();
    await discounts.close();
    for (const cleanup of cleanups) await cleanup();
  });

  const product = async (name: string) => (await productsApi(`/api/products/${ids[name]}`)).body;
  const byPrice = async (query: string) => {
    const first = (await productsApi(`/api/products?category=Integration&sort=price_asc&limit=2${query}`)).body;
    const second = first.nextCursor ? (await productsApi(`/api/products?category=Integration&sort=price_asc&limit=2&cursor=${first.nextCursor}${query}`)).body : { items: [] };
    return [...first.items, ...second.items].map((p: { name: string }) => p.name);
  };

  test('a new discount shows in the product, in price-sorted listings across a page boundary and in /api/prices once the relay delivers', async () => {
    assert.deepEqual(await byPrice(''), ['mug', 'lamp', 'kettle']);
    const created = await discountsApi('/api/discounts', { method: 'POST', body: { productId: ids.kettle, percent: 60 } });
    assert.equal(created.status, 201);
    ids.kettleDiscount = created.body.id;
    const expected = { id: created.body.id, percent: 60, endsAt: null };
    await untilPasses(async () => {
      const kettle = await product('kettle');
      assert.deepEqual(kettle.discountedPrice, usd(4_000));
      assert.deepEqual(kettle.discount, expected);
    }, DELIVERY_DEADLINE_MS);
    assert.deepEqual(await byPrice(''), ['mug', 'kettle', 'lamp']);
    assert.deepEqual(await byPrice('&maxPrice=4500'), ['mug', 'kettle']);
    const prices = await call(discountsUrl, `/api/prices?productIds=${ids.kettle},nope,${ids.mug}`);
    assert.deepEqual(prices.body.items, [
      { productId: ids.kettle, price: usd(10_000), discountedPrice: usd(4_000), discount: expected },
      { productId: ids.mug, price: usd(2_000), discountedPrice: usd(2_000), discount: null },
    ]);
  });

  test('an overlapping rule is a 409 naming the clash, and an unknown product a 422 naming it', async () => {
    const clash = await discountsApi('/api/discounts', { method: 'POST', body: { productId: ids.kettle, percent: 5, startsAt: '2030-01-01T00:00:00Z' } });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.code, 'DISCOUNT.OVERLAP');
    assert.equal(clash.body.conflictingDiscountId, ids.kettleDiscount);
    assert.match(clash.body.detail, new RegExp(ids.kettleDiscount));
    const unknown = await discountsApi('/api/discounts', { method: 'POST', body: { productId: 'no-such-product', percent: 5 } });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.productId, 'no-such-product');
    assert.match(unknown.body.detail, /no-such-product/);
  });

  test('overlapping rules created at the same moment: exactly one wins, the others are 409s', async () => {
    // Every pair overlaps: all of them cover January 16th, 2031.
    const windows = [
      { startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-02-01T00:00:00Z' },
      { startsAt: '2031-01-15T00:00:00Z', endsAt: '2031-03-01T00:00:00Z' },
      { startsAt: '2030-12-01T00:00:00Z', endsAt: '2031-01-20T00:00:00Z' },
      { startsAt: '2031-01-16T00:00:00Z' },
      { endsAt: '2031-01-17T00:00:00Z' },
      {},
    ];
    const results = await Promise.all(windows.map((w, i) => discountsApi('/api/discounts', { method: 'POST', body: { productId: ids.vase, percent: 10 + i, ...w } })));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409], JSON.stringify(results.map((r) => r.body)));
    const list = await discountsApi(`/api/discounts?productId=${ids.vase}`);
    assert.equal(list.body.items.length, 1);
  });

  test('deleting the discount restores the price everywhere', async () => {
    assert.equal((await discountsApi(`/api/discounts/${ids.kettleDiscount}`, { method: 'DELETE' })).status, 204);
    await untilPasses(async () => {
      const kettle = await product('kettle');
      assert.deepEqual(kettle.discountedPrice, usd(10_000));
      assert.equal(kettle.discount, null);
    }, DELIVERY_DEADLINE_MS);
    assert.deepEqual(await byPrice(''), ['mug', 'lamp', 'kettle']);
    assert.equal((await call(discountsUrl, `/api/prices?productIds=${ids.kettle}`)).body.items[0].discount, null);
  });

  test('changes made while products is down, a window start included, converge when it returns, with nothing lost or doubled', async () => {
    const kettleRule = (await discountsApi('/api/discounts', { method: 'POST', body: { productId: ids.kettle, percent: 10 } })).body;
    const mugRule = (await discountsApi('/api/discounts', { method: 'POST', body: { productId: ids.mug, percent: 50 } })).body;
    const lampStarts = new Date(Date.now() + 1_000).toISOString();
    const lampRule = (await discountsApi('/api/discounts', { method: 'POST', body: { productId: ids.lamp, percent: 20, startsAt: lampStarts } })).body;
    await untilPasses(async () => assert.equal((await product('mug')).discount?.id, mugRule.id), DELIVERY_DEADLINE_MS);

    await stopProducts();
    for (const percent of [20, 30, 40]) {
      const res = await discountsApi(`/api/discounts/${kettleRule.id}`, { method: 'PATCH', body: { percent } });
      assert.equal(res.status, 200);
      assert.equal(res.body.percent, percent);
    }
    assert.equal((await discountsApi(`/api/discounts/${mugRule.id}`, { method: 'DELETE' })).status, 204);
    // The lamp's window starts while products is down: the scheduler queues that too, and delivery has failed at least once.
    await untilPasses(async () => {
      const [pending] = await discountsDb.query(
        `SELECT count(*) FILTER (WHERE key = $1 AND data->'discount'->>'id' = $2)::int AS lamp_started,
                count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failed
           FROM outbox WHERE delivered_at IS NULL`,
        [ids.lamp, lampRule.id],
      );
      assert.equal(pending.lamp_started, 1);
      assert.ok(pending.failed >= 5, `failed deliveries: ${pending.failed}`);
    }, 10_000);
    assert.equal((await call(discountsUrl, `/api/prices?productIds=${ids.kettle}`)).status, 503, 'prices need the base prices from products');

    await startProducts();
    await untilPasses(async () => {
      assert.deepEqual((await product('kettle')).discount, { id: kettleRule.id, percent: 40, endsAt: null });
      assert.deepEqual((await product('kettle')).discountedPrice, usd(6_000));
      assert.equal((await product('mug')).discount, null);
      assert.deepEqual((await product('lamp')).discountedPrice, usd(4_000));
    }, 60_000);

    // Nothing lost: every event was delivered and recorded once by the products inbox. Nothing doubled or
    // out of order: for each product the newest event is the one whose state products holds.
    await untilPasses(async () => {
      const [outbox] = await discountsDb.query('SELECT count(*)::int AS total, count(delivered_at)::int AS delivered FROM outbox');
      assert.equal(outbox.delivered, outbox.total);
      const [inbox] = await productsDb.query("SELECT count(*)::int AS n FROM inbox WHERE source = 'discounts'");
      assert.equal(inbox.n, outbox.total);
    }, 10_000);
    const newest = await discountsDb.query('SELECT key, max(seq)::bigint AS seq FROM outbox GROUP BY key ORDER BY key');
    const applied = await productsDb.query("SELECT key, seq FROM inbox_versions WHERE source = 'discounts' ORDER BY key");
    assert.deepEqual(applied.map((r) => [r.key, Number(r.seq)]), newest.map((r) => [r.key, Number(r.seq)]));
  });
});
