import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { App } from '@emporium/kit';
import { request } from 'undici';
import { buildGateway, deadPort, startFakeProducts } from './helpers.ts';

describe('gateway edge: rate limit, CORS, docs, static files', () => {
  let products: App;
  let productsUrl: string;
  let folder: string;
  const gateways: App[] = [];
  const gateway = async (env: Record<string, string>) => {
    const app = await buildGateway({ UPSTREAMS: 'products', PRODUCTS_URL: productsUrl, PUBLIC_DIR: join(folder, 'public'), WEB_DIST_DIR: join(folder, 'dist'), ...env });
    gateways.push(app);
    return app;
  };

  before(async () => {
    ({ app: products, url: productsUrl } = await startFakeProducts());
    folder = await mkdtemp(join(tmpdir(), 'gateway-test-'));
    await mkdir(join(folder, 'public/images/products'), { recursive: true });
    await writeFile(join(folder, 'public/images/products/kettle.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
  after(async () => {
    for (const app of gateways) await app.close();
    await products.close();
    await rm(folder, { recursive: true, force: true });
  });

  test('a client over its limit gets 429 problem+json with Retry-After, and health checks stay reachable', async () => {
    const app = await gateway({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    for (let i = 0; i < 3; i++) assert.equal((await app.inject({ url: '/api/categories' })).statusCode, 200);
    const limited = await app.inject({ url: '/api/categories' });
    assert.equal(limited.statusCode, 429);
    assert.match(String(limited.headers['content-type']), /application\/problem\+json/);
    assert.equal(limited.json().code, 'REQUEST.RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await app.inject({ url: '/health/live' })).statusCode, 200);
    const elsewhere = await app.inject({ url: '/api/categories', remoteAddress: '10.0.0.9' });
    assert.equal(elsewhere.statusCode, 200, 'another address has its own allowance');
  });

  test('CORS answers only the configured origins', async () => {
    const app = await gateway({ CORS_ORIGINS: 'https://shop.example' });
    const preflight = (origin: string) =>
      app.inject({ method: 'OPTIONS', url: '/api/products', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' } });
    const allowed = await preflight('https://shop.example');
    assert.equal(allowed.statusCode, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://shop.example');
    assert.match(String(allowed.headers['access-control-allow-headers']), /idempotency-key/);
    assert.equal((await preflight('https://evil.example')).headers['access-control-allow-origin'], undefined);
    const simple = await app.inject({ url: '/api/categories', headers: { origin: 'https://shop.example' } });
    assert.equal(simple.headers['access-control-allow-origin'], 'https://shop.example');
    assert.match(String(simple.headers['access-control-expose-headers']), /x-request-id/);
  });

  test('by default no other origin is allowed', async () => {
    const app = await gateway({});
    const res = await app.inject({ url: '/api/categories', headers: { origin: 'https://elsewhere.example' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  test('/openapi.json merges the running services and names the ones that did not answer', async () => {
    const app = await gateway({ UPSTREAMS: 'products,orders', ORDERS_URL: `http://127.0.0.1:${await deadPort()}` });
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    assert.equal(doc.info.title, 'Emporium API');
    assert.ok(doc.paths['/api/products'].get);
    assert.ok(doc.paths['/api/products'].post);
    assert.ok(doc.paths['/api/categories'].get);
    assert.equal(doc.paths['/internal/products'], undefined);
    assert.ok(doc.components.securitySchemes.bearer);
    assert.deepEqual(doc['x-unavailable-services'], ['orders']);
    const ui = await app.inject({ url: '/docs/' });
    assert.equal(ui.statusCode, 200);
    assert.match(ui.body, /swagger/i);
    assert.deepEqual((await app.inject({ url: '/docs/json' })).json().paths, doc.paths, 'Swagger UI shows the merged document');
  });

  test('without a built UI, / says so and points to the docs', async () => {
    const app = await gateway({});
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /not built/);
  });

  test('images come from the public folder; a missing one is a 404', async () => {
    const app = await gateway({});
    const svg = await app.inject({ url: '/images/products/kettle.svg' });
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /image\/svg\+xml/);
    assert.equal((await app.inject({ url: '/images/products/nope.svg' })).statusCode, 404);
  });

  test('the built UI is served at /, its assets as files, and any other page path gets index.html', async () => {
    await mkdir(join(folder, 'dist/assets'), { recursive: true });
    await writeFile(join(folder, 'dist/index.html'), '<!doctype html><div id="root">shop</div>');
    await writeFile(join(folder, 'dist/assets/app-1234.js'), 'console.log("shop")');
    const app = await gateway({});
    for (const url of ['/', '/console', '/products/p-1?tab=reviews']) {
      const page = await app.inject({ url });
      assert.equal(page.statusCode, 200, url);
      assert.match(page.body, /id="root">shop/, url);
    }
    const asset = await app.inject({ url: '/assets/app-1234.js' });
    assert.equal(asset.body, 'console.log("shop")');
    assert.match(String(asset.headers['cache-control']), /immutable/);
    for (const url of ['/api/nothing', '/docs/nothing', '/health/nothing']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
    }
    for (const url of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      assert.doesNotMatch((await app.inject({ url })).body, /root:/, url);
    }
  });

  test('a chunked upload streams through, and one over the limit is stopped with 413', async () => {
    const app = await gateway({ BODY_LIMIT_BYTES: '2048' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/products`;
    const upload = (text: string) =>
      request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Readable.from([Buffer.from(text)]) });
    const ok = await upload(JSON.stringify({ name: 'Streamed' }));
    assert.equal(ok.statusCode, 201);
    assert.equal(((await ok.body.json()) as { name: string }).name, 'Streamed');
    const big = await upload(JSON.stringify({ name: 'x'.repeat(10_000) }));
    assert.equal(big.statusCode, 413);
    await big.body.dump();
  });
});
