import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb } from '@emporium/kit/testing';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

const publicDir = fileURLToPath(new URL('../../../gateway/public', import.meta.url));

describe('products: demo catalog', () => {
  let env: Record<string, string>;
  let employee: Record<string, string>;
  let db: Db;
  let cleanup: () => Promise<void>;
  before(async () => {
    const auth = await createTestAuth();
    employee = { authorization: `Bearer ${await auth.token({ role: 'employee' })}` };
    env = { AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', DEMO_MODE: 'true', ...createTestServiceCredential().env };
    ({ db, cleanup } = await openTestDb());
  });
  after(() => cleanup());

  const allProducts = async (app: Awaited<ReturnType<typeof buildApp>>) => {
    const items: { id: string; stock: number; images: string[]; price: { amount: number } }[] = [];
    let cursor: string | null = null;
    do {
      const body: { items: typeof items; nextCursor: string | null } =
        (await app.inject({ url: `/api/products?limit=100${cursor ? `&cursor=${cursor}` : ''}` })).json();
      items.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return items;
  };

  // Two starts of the service on one database: the first app leaves the database open for the second.
  test('the first start seeds 60+ products over 6+ categories with shipped images; a later start keeps the catalog as it was', async () => {
    let app = await buildApp(readConfig(env), { db: { ...db, close: async () => {} } });
    let first: Awaited<ReturnType<typeof allProducts>>;
    try {
      first = await allProducts(app);
      assert.ok(first.length >= 60, `${first.length} products`);
      const categories = (await app.inject({ url: '/api/categories' })).json().items;
      assert.ok(categories.length >= 6);
      assert.equal(categories.reduce((n: number, c: { productCount: number }) => n + c.productCount, 0), first.length);
      assert.ok(first.some((p) => p.stock === 0), 'some are sold out');
      assert.ok(first.some((p) => p.stock > 0 && p.stock <= 3), 'some are nearly sold out');
      for (const product of first) {
        assert.ok(Number.isInteger(product.price.amount) && product.price.amount > 0);
        assert.ok(product.images.length >= 1 && product.images.length <= 2);
        for (const image of product.images) {
          assert.match(image, /^\/images\/products\/[a-z0-9-]+\.svg$/);
          assert.ok(existsSync(join(publicDir, image)), `${image} is shipped`);
        }
      }
      assert.equal((await app.inject({ method: 'DELETE', url: `/api/products/${first[0].id}`, headers: employee })).statusCode, 204);
    } finally {
      await app.close();
    }
    app = await buildApp(readConfig(env), { db });
    try {
      const second = await allProducts(app);
      assert.deepEqual(second.map((p) => p.id).sort(), first.slice(1).map((p) => p.id).sort(), 'not seeded again; the deletion kept');
    } finally {
      await app.close();
    }
  });
});
