import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { AppError, createPeer, createServiceCredential, expectOk, generateServiceSecret, requestContext, SERVICE_TOKEN_HEADER } from '../src/index.ts';

const credential = createServiceCredential({ service: 'tester', secret: generateServiceSecret() });

function serve(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

const servers: Server[] = [];
after(() => servers.forEach((s) => s.close()));

describe('peer client', () => {
  test('forwards the current request id and a service token, and parses JSON', async () => {
    const { url, server } = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ seen: req.headers['x-request-id'], token: req.headers[SERVICE_TOKEN_HEADER] }));
    });
    servers.push(server);
    const peer = createPeer({ name: 'echo', credential, url });
    const res = await requestContext.run({ requestId: 'req-42' }, () => peer.request<{ seen: string; token: string }>({ method: 'GET', path: '/x' }));
    assert.equal(res.status, 200);
    assert.equal(res.body.seen, 'req-42');
    assert.equal(await credential.verify(res.body.token), 'tester');
    await peer.close();
  });

  test("tracing off: the request's traceparent goes on to the peer unchanged", async () => {
    const { url, server } = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ traceparent: req.headers.traceparent ?? null }));
    });
    servers.push(server);
    const peer = createPeer({ name: 'echo', credential, url });
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await requestContext.run({ requestId: 'r', traceparent }, () => peer.request<{ traceparent: string }>({ method: 'GET', path: '/x' }));
    assert.equal(res.body.traceparent, traceparent);
    await peer.close();
  });

  test('a peer that is down becomes a 503 naming the dependency', async () => {
    const peer = createPeer({ name: 'products', credential, url: 'http://127.0.0.1:1', retries: 1 });
    await assert.rejects(peer.request({ method: 'GET', path: '/x' }), (err: AppError) => {
      assert.equal(err.status, 503);
      assert.equal(err.code, 'DEPENDENCY.UNAVAILABLE');
      assert.match(err.message, /products/);
      return true;
    });
    await peer.close();
  });

  test('a slow peer times out into a 503 instead of hanging', async () => {
    const { url, server } = await serve(() => {});
    servers.push(server);
    const peer = createPeer({ name: 'slow', credential, url, timeoutMs: 100, retries: 0 });
    await assert.rejects(peer.request({ method: 'GET', path: '/x' }), /timed out/);
    await peer.close();
    server.closeAllConnections();
  });

  test('idempotent calls are retried after a 503, a POST is not', async () => {
    let calls = 0;
    const { url, server } = await serve((_req, res) => {
      calls++;
      res.statusCode = calls % 2 === 1 ? 503 : 200;
      res.end();
    });
    servers.push(server);
    const peer = createPeer({ name: 'flaky', credential, url, retries: 2 });
    assert.equal((await peer.request({ method: 'GET', path: '/x' })).status, 200);
    assert.equal(calls, 2);
    await assert.rejects(peer.request({ method: 'POST', path: '/x', body: {} }));
    assert.equal(calls, 3);
    await peer.close();
  });

  test('after repeated failures the circuit opens and fails fast without calling the peer', async () => {
    let calls = 0;
    const { url, server } = await serve((_req, res) => {
      calls++;
      res.statusCode = 503;
      res.end();
    });
    servers.push(server);
    const peer = createPeer({ name: 'broken', credential, url, retries: 0, breakerThreshold: 3, breakerCooldownMs: 60_000 });
    for (let i = 0; i < 3; i++) await assert.rejects(peer.request({ method: 'GET', path: '/x' }));
    await assert.rejects(peer.request({ method: 'GET', path: '/x' }), /circuit open/);
    assert.equal(calls, 3);
    await peer.close();
  });

  test("expectOk passes a peer's 4xx problem on with its code and extras", async () => {
    assert.throws(
      () => expectOk({ status: 409, body: { code: 'PRODUCT.INSUFFICIENT_STOCK', detail: 'Only 2 left', productId: 'p1', status: 409 } }),
      (err: AppError) => err.status === 409 && err.code === 'PRODUCT.INSUFFICIENT_STOCK' && err.extra.productId === 'p1',
    );
  });

  test('a peer refusing our service token is a 503 for our caller, never a 401 that would sign a customer out', () => {
    assert.throws(
      () => expectOk({ status: 401, body: { code: 'AUTH.SERVICE_UNAUTHENTICATED', detail: 'The service token is not valid', status: 401 } }),
      (err: AppError) => err.status === 503 && err.code === 'DEPENDENCY.FAILED',
    );
  });
});
