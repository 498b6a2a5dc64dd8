import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildService, type App } from '@emporium/kit';
import { untilPasses } from '@emporium/kit/testing';
import { buildGateway } from './helpers.ts';

/** One instance of a products service that names itself in every answer. */
async function instance(name: string, port = 0): Promise<{ app: App; url: string; port: number; posts: number }> {
  const app = await buildService({ name: `products-${name}`, logLevel: 'silent' });
  const state = { posts: 0 };
  app.get('/api/products', { schema: { tags: ['products'] } }, async (request) => ({ servedBy: name, traceparent: request.headers.traceparent }));
  app.post('/api/products', { schema: { tags: ['products'] } }, async (_request, reply) => {
    state.posts++;
    return reply.code(201).send({ servedBy: name });
  });
  await app.listen({ port, host: '127.0.0.1' });
  const bound = (app.server.address() as { port: number }).port;
  return {
    app,
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    get posts() {
      return state.posts;
    },
  };
}

describe('gateway with several instances of a service', () => {
  test('spreads requests over the instances; with one killed, every request is answered by the other, POSTs included', async () => {
    const a = await instance('a');
    const b = await instance('b');
    const gateway = await buildGateway({ UPSTREAMS: 'products', PRODUCTS_URL: `${a.url},${b.url}`, UPSTREAM_TIMEOUT_MS: '1000' });
    try {
      const seen = [];
      for (let i = 0; i < 4; i++) seen.push((await gateway.inject({ url: '/api/products' })).json().servedBy);
      assert.deepEqual(seen.sort(), ['a', 'a', 'b', 'b']);

      a.app.server.closeAllConnections();
      await a.app.close();
      for (let i = 0; i < 6; i++) {
        const res = i % 2
          ? await gateway.inject({ method: 'POST', url: '/api/products', payload: { name: 'x' } })
          : await gateway.inject({ url: '/api/products' });
        assert.ok(res.statusCode < 300, `request ${i} answered ${res.statusCode}`);
        assert.equal(res.json().servedBy, 'b');
      }
      assert.equal(b.posts, 3, 'each POST reached b exactly once');
      const ready = await gateway.inject({ url: '/health/ready' });
      assert.equal(ready.statusCode, 200, 'one instance of products is enough to be ready');

      // Back on its port: in rotation again once it answers its readiness.
      const again = await instance('a', a.port);
      await untilPasses(async () => {
        const names = new Set<string>();
        for (let i = 0; i < 4; i++) names.add((await gateway.inject({ url: '/api/products' })).json().servedBy);
        assert.deepEqual(names, new Set(['a', 'b']));
      }, 10_000);
      await again.app.close();
    } finally {
      await gateway.close();
      await b.app.close();
    }
  });

  test("each request upstream carries a traceparent: the client's own, or a new one", async () => {
    const a = await instance('a');
    const gateway = await buildGateway({ UPSTREAMS: 'products', PRODUCTS_URL: a.url });
    try {
      const given = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      assert.equal((await gateway.inject({ url: '/api/products', headers: { traceparent: given } })).json().traceparent, given);
      const made = (await gateway.inject({ url: '/api/products' })).json().traceparent;
      assert.match(made, /^00-[\da-f]{32}-[\da-f]{16}-00$/);
    } finally {
      await gateway.close();
      await a.app.close();
    }
  });

  test('every instance down: a 503 problem naming the service, and the gateway is not ready', async () => {
    const a = await instance('a');
    const b = await instance('b');
    const gateway = await buildGateway({ UPSTREAMS: 'products', PRODUCTS_URL: `${a.url},${b.url}` });
    try {
      await Promise.all([a.app.close(), b.app.close()]);
      const res = await gateway.inject({ url: '/api/products' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().dependency, 'products');
      const ready = await gateway.inject({ url: '/health/ready' });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().checks.products, 'down: unreachable');
    } finally {
      await gateway.close();
    }
  });
});
