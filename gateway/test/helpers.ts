import { once } from 'node:events';
import { createServer } from 'node:net';
import { buildService, type App } from '@emporium/kit';
import { Type } from 'typebox';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

/** A stand-in for a service (not one of ours): a few public routes, one internal one, one slow one. */
export async function startFakeProducts(): Promise<{ app: App; url: string }> {
  const app = await buildService({ name: 'fake-products', logLevel: 'silent' });
  app.get('/api/products', { schema: { tags: ['products'], querystring: Type.Object({ q: Type.Optional(Type.String()) }) } }, async (request) => ({
    items: [],
    nextCursor: null,
    seen: { requestId: request.headers['x-request-id'], query: request.query, authorization: request.headers.authorization ?? null, forwardedFor: request.headers['x-forwarded-for'],
      serviceToken: request.headers['x-service-token'] ?? null },
    socket: request.socket.remotePort,
  }));
  app.delete('/api/products/:id', { schema: { tags: ['products'] } }, async (_request, reply) => reply.code(204).send());
  app.get('/api/products/big', { schema: { hide: true } }, async () => ({ items: Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, name: 'x'.repeat(100) })) }));
  app.post('/api/products', { schema: { tags: ['products'], body: Type.Object({ name: Type.String({ minLength: 1 }) }) } }, async (request, reply) =>
    reply.code(201).header('location', '/api/products/p1').send({ id: 'p1', name: request.body.name, idempotencyKey: request.headers['idempotency-key'] ?? null }),
  );
  app.get('/api/products/slow', { schema: { hide: true } }, async () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 1500)));
  app.get('/api/categories', { schema: { tags: ['products'] } }, async () => ({ items: [{ name: 'Kitchen', productCount: 3 }] }));
  app.get('/internal/products', { schema: { hide: true } }, async () => ({ secret: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

/** A port nothing listens on: bound, then released. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export async function buildGateway(env: Record<string, string>): Promise<App> {
  const app = await buildApp(readConfig({ LOG_LEVEL: 'silent', ...env }));
  await app.ready();
  return app;
}
