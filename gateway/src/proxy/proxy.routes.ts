import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@emporium/kit';
import { upstreamFor, type UpstreamName } from '../upstreams.ts';
import { answerHeaders, forward, limitBody, tooLarge, type Upstream } from './forward.ts';

const BUFFERED_BYTES = 64 * 1024;

export interface ProxyOptions {
  upstreams: Map<UpstreamName, Upstream>;
  budgetMs: number;
  bodyLimit: number;
}

/**
 * Every `/api/*` request goes to the service that owns it, bodies streamed both ways unparsed.
 * Registered as its own plugin so the raw body parser applies to these routes only.
 */
export async function proxyRoutes(app: FastifyInstance, options: ProxyOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.all('/api/*', { schema: { hide: true } }, (request, reply) => proxy(request, reply, options));
}

async function proxy(request: FastifyRequest, reply: FastifyReply, options: ProxyOptions) {
  const pathname = request.url.split('?', 1)[0];
  const owner = upstreamFor(pathname);
  if (!owner) throw new AppError('ROUTE.NOT_FOUND', 404, `No route for ${request.method} ${pathname}`);
  const upstream = options.upstreams.get(owner);
  if (!upstream) {
    throw new AppError('DEPENDENCY.UNAVAILABLE', 503, `The ${owner} service is not running on this platform.`, { dependency: owner });
  }
  const answer = await forward(upstream, {
    method: request.method,
    url: request.url,
    headers: request.headers,
    requestId: String(request.id),
    clientAddress: request.ip,
    protocol: request.protocol,
    host: request.host,
    body: await requestBody(request, options.bodyLimit),
    budgetMs: options.budgetMs,
  }).catch((err: Error) => {
    // The problem itself is logged as a warning by the kit; the low-level cause goes to the log file only.
    if (err.cause) request.log.info({ upstream: owner, cause: describe(err.cause) }, 'upstream request failed');
    throw err;
  });
  reply.code(answer.statusCode).headers(answerHeaders(answer.headers));
  // A small answer of known size goes out in one write; anything else streams through as it comes.
  const length = Number(answer.headers['content-length']);
  if (length <= BUFFERED_BYTES) return reply.send(Buffer.from(await answer.body.arrayBuffer()));
  return reply.send(answer.body);
}

/** A small body of known size is read whole and sent in one write; anything else streams through. */
async function requestBody(request: FastifyRequest, limit: number): Promise<NodeJS.ReadableStream | Buffer | undefined> {
  const length = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if (!chunked && (length === undefined || length === '0')) return undefined;
  if (Number(length) > limit) throw tooLarge(limit);
  if (chunked) return request.raw.pipe(limitBody(limit));
  if (Number(length) > BUFFERED_BYTES) return request.raw;
  const chunks: Buffer[] = [];
  for await (const chunk of request.raw) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function describe(cause: unknown): string {
  const err = cause as { code?: string; message?: string };
  return [err.code, err.message].filter(Boolean).join(' ');
}
