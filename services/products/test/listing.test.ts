import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProduct, startProducts, usd, type TestProducts } from './helpers.ts';

type Item = { id: string; name: string; discountedPrice: { amount: number } };

/** Walks every page of a listing; `between` runs after each page (to insert products mid-walk). */
async function walk(t: TestProducts, query: string, between?: (page: number) => Promise<void>): Promise<Item[]> {
  const seen: Item[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const url: string = `/api/products?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    seen.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return seen;
    await between?.(page);
  }
  throw new Error('too many pages');
}

describe('products: listing, filters, sorts and cursors', () => {
  let t: TestProducts;
  const names = ['Walnut Bowl', 'anchor print', 'Brass Candle Holder', 'copper kettle', 'Zebra Mug', 'Oak Shelf', 'Linen Apron'];
  before(async () => {
    t = await startProducts();
    for (const [i, name] of names.entries()) {
      await createProduct(t, { name, price: usd(1000 + ((i * 7) % 5) * 500), category: i % 2 ? 'Home' : 'Kitchen', description: i === 5 ? 'Solid oak, holds a kettle' : 'Made by hand.' });
    }
  });
  after(() => t.close());

  test('the default is newest first, 20 a page, with nextCursor null on the last page', async () => {
    const body = (await t.app.inject({ url: '/api/products' })).json();
    assert.deepEqual(body.items.map((p: Item) => p.name), [...names].reverse());
    assert.equal(body.nextCursor, null);
  });

  test('name sort ignores case and walks pages of 2 without duplicates or gaps', async () => {
    const all = await walk(t, 'sort=name&limit=2');
    assert.deepEqual(all.map((p) => p.name), [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  test('price sorts and filters use the discounted price', async () => {
    const asc = await walk(t, 'sort=price_asc&limit=3');
    const amounts = asc.map((p) => p.discountedPrice.amount);
    assert.deepEqual(amounts, [...amounts].sort((a, b) => a - b));
    const desc = await walk(t, 'sort=price_desc&limit=3');
    assert.deepEqual(desc.map((p) => p.id).sort(), asc.map((p) => p.id).sort());
    assert.deepEqual(desc.map((p) => p.discountedPrice.amount), [...amounts].reverse());
    const band = await walk(t, 'minPrice=1500&maxPrice=2000&limit=2');
    assert.ok(band.length > 0);
    assert.ok(band.every((p) => p.discountedPrice.amount >= 1500 && p.discountedPrice.amount <= 2000));
    assert.equal(band.length, amounts.filter((a) => a >= 1500 && a <= 2000).length);
  });

  test('q searches name and description, case-insensitively, and treats % and _ literally', async () => {
    const kettle = (await t.app.inject({ url: '/api/products?q=KETTLE' })).json().items.map((p: Item) => p.name).sort();
    assert.deepEqual(kettle, ['Oak Shelf', 'copper kettle']);
    assert.deepEqual((await t.app.inject({ url: '/api/products?q=%25' })).json().items, []);
    assert.deepEqual((await t.app.inject({ url: '/api/products?q=_' })).json().items, []);
  });

  test('category filters exactly', async () => {
    const home = await walk(t, 'category=Home&limit=2');
    assert.deepEqual(home.map((p) => p.name).sort(), names.filter((_, i) => i % 2).sort());
  });

  test('inserts between pages cause no duplicates and no skips', async () => {
    for (const sort of ['newest', 'name', 'price_asc', 'price_desc', 'rating']) {
      const before = new Set((await walk(t, `sort=${sort}&limit=100`)).map((p) => p.id));
      let n = 0;
      const seen = await walk(t, `sort=${sort}&limit=2`, async () => {
        await createProduct(t, { name: `Inserted ${sort} ${n++}`, price: usd(500 + n * 997) });
      });
      const ids = seen.map((p) => p.id);
      assert.equal(new Set(ids).size, ids.length, `no duplicates in ${sort}`);
      for (const id of before) assert.ok(ids.includes(id), `${sort} skipped ${id}`);
    }
  });

  test('a cursor that is garbage or from another sort is a 400 problem', async () => {
    for (const cursor of ['garbage', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["newest","x"]').toString('base64url')]) {
      const res = await t.app.inject({ url: `/api/products?cursor=${cursor}` });
      assert.equal(res.statusCode, 400, cursor);
      assert.equal(res.json().errors[0].path, '/query/cursor');
    }
    const nameCursor = (await t.app.inject({ url: '/api/products?sort=name&limit=1' })).json().nextCursor;
    const res = await t.app.inject({ url: `/api/products?sort=price_asc&cursor=${nameCursor}` });
    assert.equal(res.statusCode, 400);
  });

  test('bad query values are 400 problems naming the parameter', async () => {
    const cases: [string, string][] = [
      ['limit=0', '/query/limit'], ['limit=101', '/query/limit'], ['sort=cheapest', '/query/sort'],
      ['minPrice=-1', '/query/minPrice'], ['maxPrice=abc', '/query/maxPrice'], ['minPrice=500&maxPrice=100', '/query/minPrice'],
    ];
    for (const [query, path] of cases) {
      const res = await t.app.inject({ url: `/api/products?${query}` });
      assert.equal(res.statusCode, 400, query);
      assert.match(res.headers['content-type'] as string, /problem\+json/);
      assert.ok(res.json().errors.some((e: { path: string }) => e.path === path), `${query}: ${res.body}`);
    }
  });

  test('a write on this instance is visible to the very next list read', async () => {
    const first = (await t.app.inject({ url: '/api/products?limit=1' })).json().items[0];
    await t.app.inject({ method: 'PATCH', url: `/api/products/${first.id}`, headers: t.as.employee, payload: { name: 'Renamed Right Away' } });
    assert.equal((await t.app.inject({ url: '/api/products?limit=1' })).json().items[0].name, 'Renamed Right Away');
    const created = await createProduct(t, { name: 'Brand New' });
    assert.equal((await t.app.inject({ url: '/api/products?limit=1' })).json().items[0].id, created.id);
    await t.app.inject({ method: 'DELETE', url: `/api/products/${created.id}`, headers: t.as.employee });
    assert.notEqual((await t.app.inject({ url: '/api/products?limit=1' })).json().items[0].id, created.id);
  });
});
