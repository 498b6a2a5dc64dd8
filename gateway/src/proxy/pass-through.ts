import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { AppError, incomingTraceparent } from '@emporium/kit';
import { upstreamFor, type UpstreamName } from '../upstreams.ts';
import { answerHeaders, forward, limitBody, tooLarge, type Upstream } from './forward.ts';

const BUFFERED_BYTES = 64 * 1024;

export interface ProxyOptions {
  upstreams: Map<UpstreamName, Upstream>;
  budgetMs: number;
  bodyLimit: number;
}

/**
 * The catalog import takes a CSV file of up to 50 MB (products holds it to the same limit) and answers once the
 * whole file has arrived, which on a slow uplink takes longer than the usual budget. Every other route keeps both.
 */
const LARGE_UPLOADS: Record<string, { bodyLimit: number; budgetMs: number }> = {
  'POST /api/products/import': { bodyLimit: 50 * 1024 * 1024, budgetMs: 300_000 },
};

function limitsOf(request: FastifyRequest, options: ProxyOptions): ProxyOptions {
  const large = LARGE_UPLOADS[`${request.method} ${request.url.split('?', 1)[0]}`];
  return large ? { ...options, bodyLimit: Math.max(large.bodyLimit, options.bodyLimit), budgetMs: Math.max(large.budgetMs, options.budgetMs) } : options;
}

/** Sends a request on to the service that owns its path and the service's answer back, unchanged. */
export async function proxy(request: FastifyRequest, reply: FastifyReply, given: ProxyOptions) {
  const options = limitsOf(request, given);
  const answer = await send(request, options, await requestBody(request, options.bodyLimit));
  reply.code(answer.statusCode).headers(answerHeaders(answer.headers));
  // A small answer of known size goes out in one write; anything else streams through as it comes.
  const length = Number(answer.headers['content-length']);
  if (length <= BUFFERED_BYTES) return reply.send(Buffer.from(await answer.body.arrayBuffer()));
  return reply.send(answer.body);
}

/** One request to the owning service, with `body` (and `headers`, when given) in place of the client's. */
export async function send(request: FastifyRequest, options: ProxyOptions, body: NodeJS.ReadableStream | Buffer | undefined, headers: IncomingHttpHeaders = request.headers) {
  const pathname = request.url.split('?', 1)[0];
  const owner = upstreamFor(pathname);
  if (!owner) throw new AppError('ROUTE.NOT_FOUND', 404, `No route for ${request.method} ${pathname}`);
  const upstream = options.upstreams.get(owner);
  if (!upstream) {
    throw new AppError('DEPENDENCY.UNAVAILABLE', 503, `The ${owner} service is not running on this platform.`, { dependency: owner });
  }
  return forward(upstream, {
    method: request.method,
    url: request.url,
    headers,
    requestId: String(request.id),
    clientAddress: request.ip,
    protocol: request.protocol,
    host: request.host,
    body,
    budgetMs: options.budgetMs,
    traceparent: incomingTraceparent(request.headers),
    traceContext: request.traceContext,
  }).catch((err: Error) => {
    // The problem itself is logged as a warning by the kit; the low-level cause goes to the log file only.
    if (err.cause) request.log.info({ upstream: owner, cause: describe(err.cause) }, 'upstream request failed');
    throw err;
  });
}

/** A small body of known size is read whole and sent in one write; anything else streams through. */
export async function requestBody(request: FastifyRequest, limit: number): Promise<NodeJS.ReadableStream | Buffer | undefined> {
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
