// The baselines measured in the same run as the platform, built the way the platform's own read is:
// two processes (so two event loops on two cores) and an undici hop between them.
//   `baseline.ts origin`: a bare node:http server answering ~1 KB of JSON;
//   `baseline.ts proxy <originPort>`: a bare one-hop proxy in front of it, forwarding with undici's pool.
// Each process sends its port to its parent over IPC and ends when the parent goes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const payload = JSON.stringify({
  id: '4f1c2d9e-8b7a-4c3d-9e2f-1a2b3c4d5e6f',
  name: 'Baseline product',
  description: 'x'.repeat(700),
  category: 'bench',
  images: ['/images/products/bench.svg'],
  links: [],
  price: { amount: 12999, currency: 'USD' },
  discountedPrice: { amount: 9749, currency: 'USD' },
  discount: null,
  stock: 42,
  rating: { average: 4.2, count: 17 },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function origin() {
  return createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
}

function proxy(originPort: number) {
  // As the gateway's own hop to a service (gateway/src/proxy/forward.ts): a keep-alive pool, the body streamed.
  const pool = new Pool(`http://127.0.0.1:${originPort}`, { connections: 128, keepAliveTimeout: 30_000, pipelining: 1 });
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    pool
      .request({ method: req.method as 'GET', path: req.url ?? '/', headers: { accept: 'application/json' } })
      .then((upstream) => {
        res.writeHead(upstream.statusCode, { 'content-type': 'application/json', 'content-length': String(upstream.headers['content-length']) });
        upstream.body.pipe(res);
      })
      .catch(() => {
        res.statusCode = 502;
        res.end();
      });
  });
}

const [mode, originPort] = process.argv.slice(2);
const server = mode === 'proxy' ? proxy(Number(originPort)) : origin();
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
