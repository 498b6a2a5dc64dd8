import type { FastifyInstance } from 'fastify';
import { sessionRoutes, type SessionOptions } from '../session/session.routes.ts';
import { proxy, type ProxyOptions } from './pass-through.ts';

export type { ProxyOptions } from './pass-through.ts';

/**
 * Every `/api/*` request goes to the service that owns it, bodies streamed both ways unparsed.
 * Registered as its own plugin so the raw body parser applies to these routes only. The four
 * session routes of the web UI have their own handlers (session/), which keep its refresh token
 * in a cookie; for every other client they pass through like any other route.
 */
export async function proxyRoutes(app: FastifyInstance, options: ProxyOptions & SessionOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.all('/api/*', { schema: { hide: true } }, (request, reply) => proxy(request, reply, options));
  sessionRoutes(app, options);
}
