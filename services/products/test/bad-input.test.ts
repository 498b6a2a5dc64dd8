// Issue 14, findings 1 and 6, at the products service: bounded validation, strict types, numbers SQL can hold.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { createProduct, productInput, startProducts, type TestProducts } from './helpers.ts';

describe('products refuses bad input with a 400 problem', () => {
  let t: TestProducts;
  before(async () => (t = await startProducts()));
  after(() => t.close());

  const expect400 = async (options: InjectOptions) => {
    const res = await t.app.inject(options);
    assert.equal(res.statusCode, 400, `${JSON.stringify(options).slice(0, 200)} answered ${res.statusCode} ${res.body.slice(0, 200)}`);
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
  };

  test('finding 6: minPrice or maxPrice of 1e20 and limit of Infinity or 1e400 are a 400, not a 500', async () => {
    for (const query of ['minPrice=1e20', 'maxPrice=100000000000000000000', 'limit=Infinity', 'limit=1e400', 'minPrice=-1']) {
      await expect400({ url: `/api/products?${query}` });
    }
    assert.equal((await t.app.inject({ url: '/api/products?minPrice=0&maxPrice=100000000000' })).statusCode, 200);
  });

  test('finding 6: a NUL in a search or a product id is a 400, not a 500', async () => {
    await expect400({ url: '/api/products?q=%00' });
    await expect400({ url: '/api/products/%00' });
  });

  test('finding 6: {"name": 123} and {"description": null} are refused, not stored as "123" or ""', async () => {
    await expect400({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ name: 123 }) });
    await expect400({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ description: null }) });
    await expect400({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ stock: '5' }) });
    const product = await createProduct(t);
    await expect400({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: { description: null } });
    assert.equal((await t.app.inject({ url: `/api/products/${product.id}` })).json().description, product.description);
  });

  test('finding 1: URLs are absolute http(s) or site-relative, at most 2,048 characters', async () => {
    const refused = ['//evil.example/x', 'javascript:alert(1)', 'http://good.example@evil.example/', 'ftp://x.example/', 'http://', '/\\evil', 'x', `/${'a'.repeat(2048)}`];
    for (const url of refused) await expect400({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ images: [url] }) });
    const accepted = ['/images/products/kettle.svg', '/', 'https://cdn.example/a/b.png?w=200#top', 'http://shop.example:8080', `/${'a'.repeat(2047)}`];
    const product = await createProduct(t, { links: accepted });
    assert.deepEqual(product.links, accepted);
  });

  test('finding 1: a 100k-character URL is refused at its first violation, before its pattern runs', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput({ images: [`http://${'a'.repeat(100_000)} `] }) });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().errors, [{ path: '/body/images/0', message: 'must NOT have more than 2048 characters' }]);
  });
});
