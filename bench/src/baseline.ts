// Baselines measured in the same run as the platform: a bare node:http server answering ~1 KB of
// JSON, and a bare one-hop node proxy in front of it (what any gateway hop costs at minimum).
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

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

const origin = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
});

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const proxy = createServer((req, res) => {
  const upstream = request(
    { host: '127.0.0.1', port: (origin.address() as AddressInfo).port, path: req.url, method: req.method, headers: req.headers, agent },
    (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    },
  );
  upstream.on('error', () => {
    res.statusCode = 502;
    res.end();
  });
  req.pipe(upstream);
});

origin.listen(0, '127.0.0.1', () => {
  proxy.listen(0, '127.0.0.1', () => {
    const ports = { origin: (origin.address() as AddressInfo).port, proxy: (proxy.address() as AddressInfo).port };
    process.send?.(ports);
  });
});
process.on('disconnect', () => process.exit(0));
