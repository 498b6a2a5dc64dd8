import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProduct, productInput, startProducts, usd, type TestProducts } from './helpers.ts';

describe('products: create, read, change, delete', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts();
  });
  after(() => t.close());

  test('an employee creates a product and anyone reads it back in the public shape', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/products', headers: t.as.employee,
      payload: productInput({ name: '  Kettle  ', images: ['/images/products/kettle.svg', 'https://cdn.example.com/k.png'], links: ['https://example.com/manual'] }),
    });
    assert.equal(res.statusCode, 201);
    const created = res.json();
    assert.deepEqual(Object.keys(created).sort(), [
      'category', 'createdAt', 'description', 'discount', 'discountedPrice', 'id', 'images', 'links', 'name', 'price', 'rating', 'sku', 'stock', 'updatedAt',
    ]);
    assert.equal(created.name, 'Kettle');
    assert.deepEqual(created.price, usd(2500));
    assert.deepEqual(created.discountedPrice, usd(2500));
    assert.equal(created.discount, null);
    assert.deepEqual(created.rating, { average: 0, count: 0 });
    assert.equal(created.stock, 10);
    const read = await t.app.inject({ url: `/api/products/${created.id}` });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), created);
  });

  test('an admin can do what an employee can', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.admin, payload: productInput() });
    assert.equal(res.statusCode, 201);
  });

  test('checks run in order: 401 without a token, 403 for a customer, then 400 for the body', async () => {
    const bad = { name: '' };
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/products', payload: bad })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/products', payload: bad, headers: { authorization: 'Bearer nonsense' } })).statusCode, 401);
    const forbidden = await t.app.inject({ method: 'POST', url: '/api/products', payload: bad, headers: t.as.customer });
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/products', payload: bad, headers: t.as.employee })).statusCode, 400);
    assert.equal((await t.app.inject({ method: 'PATCH', url: '/api/products/nope', payload: {} })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/products/nope', headers: t.as.customer })).statusCode, 403);
  });

  test('a bad body is a 400 problem naming its first bad field, and creates nothing', async () => {
    const before = (await t.app.inject({ url: '/api/products?limit=100' })).json().items.length;
    const res = await t.app.inject({
      method: 'POST', url: '/api/products', headers: t.as.employee,
      payload: { ...productInput(), name: '   ', stock: -1, price: { amount: 12.5, currency: 'USD' }, colour: 'red', images: ['javascript:alert(1)'] },
    });
    assert.equal(res.statusCode, 400);
    const problem = res.json();
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'REQUEST.INVALID');
    // Validation stops at the first violation (bounded work, issue 14): one field is named, whichever comes first.
    assert.equal(problem.errors.length, 1);
    assert.ok(['/body/name', '/body/stock', '/body/price/amount', '/body/colour', '/body/images/0'].includes(problem.errors[0].path), problem.errors[0].path);
    assert.equal((await t.app.inject({ url: '/api/products?limit=100' })).json().items.length, before);
  });

  test('image and link URLs must be http(s) or site-relative paths', async () => {
    for (const url of ['//evil.example.com/x.png', 'ftp://example.com/x', 'data:image/png;base64,AAAA', 'images/x.svg', 'http://', '/\\evil.example.com']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ images: [url] }) });
      assert.equal(res.statusCode, 400, url);
    }
    const tooMany = Array.from({ length: 11 }, (_, i) => `/images/${i}.svg`);
    const res = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ links: tooMany }) });
    assert.equal(res.statusCode, 400);
  });

  test('a price in another currency than the shop sells in is a 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ price: { amount: 100, currency: 'EUR' } }) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'REQUEST.CURRENCY');
    const product = await createProduct(t);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: { price: { amount: 100, currency: 'GBP' } } });
    assert.equal(patch.statusCode, 400);
    assert.deepEqual((await t.app.inject({ url: `/api/products/${product.id}` })).json().price, usd(2500));
  });

  test('PATCH changes only the given fields and the next read shows it', async () => {
    const product = await createProduct(t);
    await t.app.inject({ url: `/api/products/${product.id}` }); // warm the cache
    const res = await t.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: { stock: 3, price: usd(1999) } });
    assert.equal(res.statusCode, 200);
    const read = (await t.app.inject({ url: `/api/products/${product.id}` })).json();
    assert.equal(read.stock, 3);
    assert.deepEqual(read.price, usd(1999));
    assert.deepEqual(read.discountedPrice, usd(1999));
    assert.equal(read.name, product.name);
    assert.ok(read.updatedAt >= product.updatedAt);
  });

  test('PATCH with an empty body or an unknown field is a 400; an unknown product is a 404', async () => {
    const product = await createProduct(t);
    assert.equal((await t.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: {} })).statusCode, 400);
    const unknownField = await t.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: { rating: 5 } });
    assert.equal(unknownField.statusCode, 400);
    assert.deepEqual(unknownField.json().errors, [{ path: '/body/rating', message: 'is not an allowed field' }]);
    const missing = await t.app.inject({ method: 'PATCH', url: '/api/products/no-such-id', headers: t.as.employee, payload: { stock: 1 } });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'PRODUCT.NOT_FOUND');
    assert.equal((await t.app.inject({ url: '/api/products/no-such-id' })).statusCode, 404);
  });

  test('a deleted product leaves listings and categories but stays readable by id, with nothing orderable', async () => {
    const product = await createProduct(t, { category: 'Vanishing' });
    assert.deepEqual(await categoryCount(t, 'Vanishing'), 1);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/products/${product.id}`, headers: t.as.employee });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    const read = await t.app.inject({ url: `/api/products/${product.id}` });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().stock, 0);
    const listed = (await t.app.inject({ url: '/api/products?limit=100&category=Vanishing' })).json().items;
    assert.deepEqual(listed, []);
    assert.equal(await categoryCount(t, 'Vanishing'), undefined);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/products/${product.id}`, headers: t.as.employee })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: { stock: 5 } })).statusCode, 404);
  });

  test('categories list each category of listed products with its count', async () => {
    await createProduct(t, { category: 'Garden' });
    await createProduct(t, { category: 'Garden' });
    await createProduct(t, { category: 'Books' });
    const res = await t.app.inject({ url: '/api/categories' });
    assert.equal(res.statusCode, 200);
    const items = res.json().items as { name: string; productCount: number }[];
    assert.deepEqual(items.find((c) => c.name === 'Garden'), { name: 'Garden', productCount: 2 });
    assert.deepEqual(items.find((c) => c.name === 'Books'), { name: 'Books', productCount: 1 });
  });

  test("issue 21: the list reads a batch by ids (a cart's products, with their stock), leaving out deleted and unknown ones", async () => {
    const a = await createProduct(t, { stock: 3 });
    const b = await createProduct(t, { stock: 7 });
    const gone = await createProduct(t);
    await createProduct(t);
    await t.app.inject({ method: 'DELETE', url: `/api/products/${gone.id}`, headers: t.as.employee });
    const res = await t.app.inject({ url: `/api/products?ids=${a.id},${b.id},${gone.id},unknown,${a.id}&limit=100` });
    assert.equal(res.statusCode, 200);
    const items = res.json().items as { id: string; stock: number }[];
    assert.deepEqual(items.map((p) => [p.id, p.stock]).sort(), [[a.id, 3], [b.id, 7]].sort());
    const oneOnly = (await t.app.inject({ url: `/api/products?ids=${b.id}` })).json().items;
    assert.deepEqual(oneOnly.map((p: { id: string }) => p.id), [b.id], 'a different batch is not answered from the first one');
    const tooMany = Array.from({ length: 101 }, (_, i) => `id${i}`).join(',');
    assert.equal((await t.app.inject({ url: `/api/products?ids=${tooMany}` })).statusCode, 400);
    assert.equal((await t.app.inject({ url: '/api/products?ids=a,,b' })).statusCode, 400);
  });

  test('the internal batch read returns known ids, deleted ones marked, unknown ones left out', async () => {
    const a = await createProduct(t, { images: ['/images/products/a.svg', '/images/products/b.svg'] });
    const b = await createProduct(t);
    await t.app.inject({ method: 'DELETE', url: `/api/products/${b.id}`, headers: t.as.employee });
    const res = await t.internal({ url: `/internal/products?ids=${a.id},${b.id},unknown` });
    assert.equal(res.statusCode, 200);
    const items = res.json().items.sort((x: { deleted: boolean }, y: { deleted: boolean }) => Number(x.deleted) - Number(y.deleted));
    assert.deepEqual(items, [
      { id: a.id, name: a.name, category: 'Kitchen', image: '/images/products/a.svg', price: usd(2500), discountedPrice: usd(2500), stock: 10, deleted: false },
      { id: b.id, name: b.name, category: 'Kitchen', image: null, price: usd(2500), discountedPrice: usd(2500), stock: 0, deleted: true },
    ]);
    const tooMany = Array.from({ length: 101 }, (_, i) => `id${i}`).join(',');
    assert.equal((await t.internal({ url: `/internal/products?ids=${tooMany}` })).statusCode, 400);
    assert.equal((await t.internal({ url: '/internal/products' })).statusCode, 400);
  });

  test('sku: null when not given, unique among listed products (409), changeable and clearable, free again after a delete', async () => {
    assert.equal((await createProduct(t)).sku, null);
    const sku = `SKU-${Date.now()}`;
    const first = await createProduct(t, { sku });
    assert.equal(first.sku, sku);
    const taken = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ sku }) });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'PRODUCT.SKU_TAKEN');
    const other = await createProduct(t);
    const patchTaken = await t.app.inject({ method: 'PATCH', url: `/api/products/${other.id}`, headers: t.as.employee, payload: { sku } });
    assert.equal(patchTaken.statusCode, 409);
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/products/${first.id}`, headers: t.as.employee, payload: { sku: `${sku}-B` } });
    assert.equal(renamed.json().sku, `${sku}-B`);
    const cleared = await t.app.inject({ method: 'PATCH', url: `/api/products/${first.id}`, headers: t.as.employee, payload: { sku: null } });
    assert.equal(cleared.json().sku, null);
    for (const bad of ['', 'has space', 'x'.repeat(65), 12]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ sku: bad }) });
      assert.equal(res.statusCode, 400, JSON.stringify(bad));
    }
    const again = await createProduct(t, { sku: `${sku}-B` });
    await t.app.inject({ method: 'DELETE', url: `/api/products/${again.id}`, headers: t.as.employee });
    assert.equal((await createProduct(t, { sku: `${sku}-B` })).sku, `${sku}-B`);
  });

  test('the OpenAPI document lists the public routes and hides the internal ones', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    assert.ok(doc.paths['/api/products']);
    assert.ok(doc.paths['/api/products/{id}']);
    assert.ok(doc.paths['/api/categories']);
    assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/internal')));
  });
});

async function categoryCount(t: TestProducts, name: string) {
  const items = (await t.app.inject({ url: '/api/categories' })).json().items as { name: string; productCount: number }[];
  return items.find((c) => c.name === name)?.productCount;
}
