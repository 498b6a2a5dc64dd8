import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App, Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb } from '@emporium/kit/testing';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { productInput } from './helpers.ts';

// Two instances of the service on one database, each counting the queries it sends.
describe('products: the read cache', () => {
  const TTL_MS = 300;
  let one: App;
  let two: App;
  let employee: Record<string, string>;
  let cleanup: () => Promise<void>;
  const queries = { one: 0, two: 0 };
  const service = createTestServiceCredential();
  /** The instances' clock: ahead of the wall clock by what the test lets pass, so entries age without waiting. */
  let passedMs = 0;
  const clock = () => Date.now() + passedMs;

  const counting = (db: Db, name: keyof typeof queries): Db => ({
    ...db,
    query: (sql, params) => {
      queries[name]++;
      return db.query(sql, params);
    },
    close: async () => {}, // the test closes the shared database once, at the end
  });

  before(async () => {
    const auth = await createTestAuth();
    const t = await openTestDb();
    const config = readConfig({ AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', CACHE_TTL_MS: String(TTL_MS), ...service.env });
    one = await buildApp(config, { db: counting(t.db, 'one'), now: clock });
    two = await buildApp(config, { db: counting(t.db, 'two'), now: clock });
    employee = { authorization: `Bearer ${await auth.token({ role: 'employee' })}` };
    cleanup = async () => {
      await one.close();
      await two.close();
      await t.db.close();
      await t.cleanup();
    };
  });
  after(() => cleanup());

  const counted = async (name: keyof typeof queries, work: () => Promise<unknown>) => {
    const start = queries[name];
    await work();
    return queries[name] - start;
  };

  test('repeated reads of a product, a page or the categories do not query the database again', async () => {
    const product = (await one.inject({ method: 'POST', url: '/api/products', headers: employee, payload: productInput() })).json();
    for (const url of [`/api/products/${product.id}`, '/api/products?limit=20&sort=price_asc', '/api/categories']) {
      assert.equal(await counted('one', () => one.inject({ url })), 1, url);
      assert.equal(await counted('one', () => one.inject({ url })), 0, url);
    }
  });

  test('many concurrent misses of one page share one query', async () => {
    const url = '/api/products?limit=7&sort=name';
    assert.equal(await counted('two', () => Promise.all(Array.from({ length: 20 }, () => two.inject({ url })))), 1);
  });

  test('a write shows on the very next read of the same instance, and on another instance within two ttls', async () => {
    const product = (await one.inject({ method: 'POST', url: '/api/products', headers: employee, payload: productInput({ stock: 5 }) })).json();
    const stockOn = async (app: App) => (await app.inject({ url: `/api/products/${product.id}` })).json().stock;
    assert.equal(await stockOn(one), 5);
    assert.equal(await stockOn(two), 5);
    await one.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: employee, payload: { stock: 9 } });
    assert.equal(await stockOn(one), 9);
    // Past one ttl the stale entry still answers while it reloads; past two it is never answered.
    passedMs += 2 * TTL_MS + 50;
    assert.equal(await stockOn(two), 9);
    await service.inject(two, { method: 'POST', url: '/internal/reservations', payload: { reservationId: 'cache-r1', items: [{ productId: product.id, quantity: 4 }] } });
    assert.equal(await stockOn(two), 5);
  });
});
