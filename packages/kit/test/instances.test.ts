import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { AppError, createPeer, createServiceCredential, generateServiceSecret } from '../src/index.ts';
import { untilPasses } from '../src/testing.ts';

const credential = createServiceCredential({ service: 'tester', secret: generateServiceSecret() });

/** One instance of a service: a real HTTP server that names itself in every answer and counts its calls. */
interface Instance {
  name: string;
  url: string;
  calls: string[];
  server: Server;
  kill(): Promise<void>;
  revive(): Promise<void>;
}

const running: Server[] = [];
after(() => running.forEach((s) => s.closeAllConnections()));

async function instance(name: string, handler?: (req: IncomingMessage, res: ServerResponse) => void): Promise<Instance> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    if (req.url !== '/health/ready') calls.push(`${req.method} ${req.url}`);
    if (handler && req.url !== '/health/ready') return handler(req, res);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ servedBy: name }));
  });
  running.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    calls,
    server,
    // As a process that dies: every connection cut, the port refuses.
    kill: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    revive: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
  };
}

const servedBy = async (peer: ReturnType<typeof createPeer>, method: 'GET' | 'POST' = 'GET') =>
  ((await peer.request<{ servedBy: string }>({ method, path: '/x', body: method === 'POST' ? {} : undefined })).body.servedBy);

describe('a peer with several instances', () => {
  test('spreads calls over the instances in turn', async () => {
    const [a, b] = await Promise.all([instance('a'), instance('b')]);
    const peer = createPeer({ name: 'svc', credential, url: `${a.url},${b.url}` });
    const seen = [];
    for (let i = 0; i < 6; i++) seen.push(await servedBy(peer));
    assert.deepEqual(seen.sort(), ['a', 'a', 'a', 'b', 'b', 'b']);
    await peer.close();
    await Promise.all([a.kill(), b.kill()]);
  });

  test('when one instance dies, every call is answered by the other, a POST included, and the dead one leaves the rotation', async () => {
    const [a, b] = await Promise.all([instance('a'), instance('b')]);
    const peer = createPeer({ name: 'svc', credential, url: [a.url, b.url], retries: 0 });
    await servedBy(peer);
    await a.kill();
    const seen = [];
    for (let i = 0; i < 6; i++) seen.push(await servedBy(peer, i % 2 ? 'POST' : 'GET'));
    assert.deepEqual(new Set(seen), new Set(['b']));
    assert.deepEqual(peer.inRotation(), [new URL(b.url).origin]);
    await peer.close();
    await b.kill();
  });

  test('an instance that answers its readiness again is brought back into rotation', async () => {
    const [a, b] = await Promise.all([instance('a'), instance('b')]);
    const peer = createPeer({ name: 'svc', credential, url: [a.url, b.url] });
    await a.kill();
    for (let i = 0; i < 2; i++) await servedBy(peer);
    assert.equal(peer.inRotation().length, 1);
    await a.revive();
    await untilPasses(async () => assert.equal(peer.inRotation().length, 2), 10_000);
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(await servedBy(peer));
    assert.deepEqual(seen, new Set(['a', 'b']));
    await peer.close();
    await Promise.all([a.kill(), b.kill()]);
  });

  test('an instance that does not answer in time leaves the rotation and an idempotent call is answered by the other', async () => {
    const hung = await instance('hung', () => {});
    const b = await instance('b');
    const peer = createPeer({ name: 'svc', credential, url: [hung.url, b.url], timeoutMs: 200, retries: 0 });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await servedBy(peer));
    assert.deepEqual(new Set(seen), new Set(['b']));
    assert.equal(hung.calls.length, 1, 'the hung instance got one call, then none');
    assert.deepEqual(peer.inRotation(), [new URL(b.url).origin]);
    await peer.close();
    await Promise.all([hung.kill(), b.kill()]);
  });

  test('every instance down: a 503 naming the dependency', async () => {
    const [a, b] = await Promise.all([instance('a'), instance('b')]);
    await Promise.all([a.kill(), b.kill()]);
    const peer = createPeer({ name: 'products', credential, url: [a.url, b.url], retries: 1 });
    await assert.rejects(peer.request({ method: 'GET', path: '/x' }), (err: AppError) => err.status === 503 && /products/.test(err.message));
    await peer.close();
  });
});

describe('an instance killed with SIGKILL in the middle of a call', () => {
  /** A server in its own process that takes calls and answers none, so it can be killed mid-call. */
  async function silentProcess(): Promise<{ url: string; child: ChildProcess }> {
    const child = spawn(process.execPath, ['-e', `
      const s = require('node:http').createServer(() => process.send('call'));
      s.listen(0, '127.0.0.1', () => process.send(s.address().port));`], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const [port] = await once(child, 'message');
    return { url: `http://127.0.0.1:${port}`, child };
  }

  test('an idempotent call goes again to the other instance; a POST that may have acted is not repeated', async () => {
    for (const [method, idempotent] of [['GET', true], ['POST', false]] as const) {
      const dying = await silentProcess();
      const b = await instance('b');
      const peer = createPeer({ name: 'svc', credential, url: [dying.url, b.url], timeoutMs: 5000, retries: 0 });
      const call = peer.request<{ servedBy: string }>({ method, path: '/x', body: method === 'POST' ? {} : undefined });
      await once(dying.child, 'message'); // the call reached it
      dying.child.kill('SIGKILL');
      if (idempotent) {
        assert.equal((await call).body.servedBy, 'b');
      } else {
        await assert.rejects(call, (err: AppError) => err.status === 503);
        assert.equal(b.calls.length, 0, 'the POST was not sent twice');
      }
      await peer.close();
      await b.kill();
    }
  });
});
