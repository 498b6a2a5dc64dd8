import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '@emporium/kit';
import { buildGateway, deadPort, startFakeProducts } from './helpers.ts';

describe('gateway proxy', () => {
  let products: App;
  let gateway: App;

  before(async () => {
    const fake = await startFakeProducts();
    products = fake.app;
    gateway = await buildGateway({
      UPSTREAMS: 'products,orders',
      PRODUCTS_URL: fake.url,
      ORDERS_URL: `http://127.0.0.1:${await deadPort()}`,
      UPSTREAM_TIMEOUT_MS: '300',
      BODY_LIMIT_BYTES: '2048',
    });
  });
  after(async () => {
    await gateway.close();
    await products.close();
  });

  test('a public GET reaches the owning service with its query, token and request id, and its answer comes back', async () => {
    const res = await gateway.inject({ url: '/api/products?q=kettle', headers: { authorization: 'Bearer abc', 'x-request-id': 'trace-42' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-request-id'], 'trace-42');
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.deepEqual(res.json().seen, { requestId: 'trace-42', query: { q: 'kettle' }, authorization: 'Bearer abc', forwardedFor: '127.0.0.1', serviceToken: null });
  });

  test('without a request id the gateway makes one up and the service sees the same one', async () => {
    const res = await gateway.inject({ url: '/api/products' });
    const id = res.headers['x-request-id'];
    assert.ok(typeof id === 'string' && id.length > 0);
    assert.equal(res.json().seen.requestId, id);
  });

  test('a POST body, its idempotency key and the answer headers pass through unchanged', async () => {
    const res = await gateway.inject({ method: 'POST', url: '/api/products', payload: { name: 'Kettle' }, headers: { 'idempotency-key': 'k-1' } });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers.location, '/api/products/p1');
    assert.deepEqual(res.json(), { id: 'p1', name: 'Kettle', idempotencyKey: 'k-1' });
  });

  test("the service's own problem answers pass through with their status", async () => {
    const res = await gateway.inject({ method: 'POST', url: '/api/products', payload: { name: '', extra: 1 } });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.json().code, 'REQUEST.INVALID');
  });

  test('a 204 answer comes back empty, and a large answer streams through intact', async () => {
    const deleted = await gateway.inject({ method: 'DELETE', url: '/api/products/p1' });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    const big = await gateway.inject({ url: '/api/products/big' });
    assert.equal(big.statusCode, 200);
    const { items } = big.json();
    assert.equal(items.length, 2000);
    assert.equal(items[1999].id, 'p1999');
  });

  test('requests one after another reuse kept-alive connections to the service instead of opening new ones', async () => {
    const sockets = new Set();
    for (let i = 0; i < 10; i++) sockets.add((await gateway.inject({ url: '/api/products' })).json().socket);
    assert.ok(sockets.size <= 2, `10 requests over ${sockets.size} connections`);
  });

  test('categories go to the products service too', async () => {
    const res = await gateway.inject({ url: '/api/categories' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { items: [{ name: 'Kitchen', productCount: 3 }] });
  });

  test('a body over the limit is refused with 413 before it reaches the service', async () => {
    const res = await gateway.inject({ method: 'POST', url: '/api/products', payload: { name: 'x'.repeat(4096) } });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'REQUEST.TOO_LARGE');
  });

  test('a service that is down answers 503 naming it', async () => {
    const res = await gateway.inject({ url: '/api/orders' });
    assert.equal(res.statusCode, 503);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.json().dependency, 'orders');
    assert.match(res.json().detail, /orders/);
  });

  test('a service that is not part of this platform answers 503 naming it', async () => {
    const res = await gateway.inject({ url: '/api/users/me' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().dependency, 'users');
  });

  test('a service slower than its budget answers 504 naming it', async () => {
    const res = await gateway.inject({ url: '/api/products/slow' });
    assert.equal(res.statusCode, 504);
    assert.equal(res.json().code, 'DEPENDENCY.TIMEOUT');
    assert.equal(res.json().dependency, 'products');
  });

  test('internal routes and unknown API paths are never routed', async () => {
    for (const url of ['/internal/products', '/api/internal/products', '/api/nothing-here']) {
      const res = await gateway.inject({ url });
      // The gateway holds no service credential, so its kit refuses every /internal path itself.
      assert.equal(res.statusCode, url.startsWith('/internal') ? 401 : 404, url);
      assert.doesNotMatch(res.body, /secret/);
    }
  });

  test('finding 2: a service token sent from outside never reaches a service, and opens no /internal path', async () => {
    const headers = { 'x-service-token': 'eyJhbGciOiJIUzI1NiJ9.e30.forged' };
    assert.equal((await gateway.inject({ url: '/api/products', headers })).json().seen.serviceToken, null);
    const internal = await gateway.inject({ url: '/internal/products', headers });
    assert.equal(internal.statusCode, 401);
    assert.doesNotMatch(internal.body, /secret/);
  });

  test('readiness lists every upstream and is 503 while one is down', async () => {
    const res = await gateway.inject({ url: '/health/ready' });
    assert.equal(res.statusCode, 503);
    const { checks } = res.json();
    assert.equal(checks.products, 'up');
    assert.match(checks.orders, /^down/);
    assert.equal((await gateway.inject({ url: '/health/live' })).statusCode, 200);
  });
});
