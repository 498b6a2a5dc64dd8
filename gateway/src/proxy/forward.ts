import type { IncomingHttpHeaders } from 'node:http';
import { Transform } from 'node:stream';
import { AppError } from '@emporium/kit';
import { Pool } from 'undici';

/**
 * Request headers an upstream needs; everything else (cookies, hop-by-hop, host) stays at the gateway.
 * Never `x-service-token`: the credential of /internal calls must not come from outside.
 * `stripe-signature` signs the webhook's body, which passes through unparsed, byte for byte.
 */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'content-length',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'stripe-signature',
  'user-agent',
];

/**
 * Response headers that describe one connection, not the answer; the gateway sets its own. And
 * `set-cookie`: cookies on the public origin are the gateway's alone (session/), never a service's.
 */
const HOP_BY_HOP = new Set([
  'set-cookie',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'date',
  'x-request-id',
]);

export interface Upstream {
  name: string;
  pool: Pool;
}

export function createUpstream(name: string, url: string, connections: number): Upstream {
  return { name, pool: new Pool(url, { connections, keepAliveTimeout: 30_000, pipelining: 1 }) };
}

export interface Outgoing {
  method: string;
  /** Path and query exactly as the client sent them. */
  url: string;
  headers: IncomingHttpHeaders;
  requestId: string;
  clientAddress: string;
  protocol: string;
  host?: string;
  body?: NodeJS.ReadableStream | Buffer;
  budgetMs: number;
}

export function upstreamHeaders(out: Outgoing): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = out.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  headers['x-request-id'] = out.requestId;
  headers['x-forwarded-for'] = out.clientAddress;
  headers['x-forwarded-proto'] = out.protocol;
  if (out.host) headers['x-forwarded-host'] = out.host;
  return headers;
}

export function answerHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}

/** Errors of a kept-alive connection the upstream had already closed: a bodiless GET may simply go again. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Sends one request upstream; a refused connection becomes a 503 problem, a missed budget a 504
 * problem. The underlying error stays on the problem's `cause` for the log.
 */
export async function forward(upstream: Upstream, out: Outgoing) {
  const send = () =>
    upstream.pool.request({
      method: out.method as 'GET',
      path: out.url,
      headers: upstreamHeaders(out),
      body: out.body as never,
      headersTimeout: out.budgetMs,
      bodyTimeout: out.budgetMs,
    });
  try {
    try {
      return await send();
    } catch (err) {
      const retryable = !out.body && (out.method === 'GET' || out.method === 'HEAD') && STALE_CONNECTION.has((err as { code?: string }).code ?? '');
      if (!retryable) throw err;
      return await send();
    }
  } catch (err) {
    const failure = upstreamFailure(upstream.name, err as Error & { code?: string }, out.budgetMs);
    if (failure !== err) failure.cause = err;
    throw failure;
  }
}

export function upstreamFailure(name: string, err: Error & { code?: string }, budgetMs: number): Error {
  if (err instanceof AppError) return err;
  if (err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') {
    return new AppError('DEPENDENCY.TIMEOUT', 504, `The ${name} service did not answer within ${budgetMs} ms. Please try again.`, { dependency: name });
  }
  return new AppError('DEPENDENCY.UNAVAILABLE', 503, `The ${name} service is unavailable right now. Please try again shortly.`, {
    dependency: name,
  });
}

/** Passes a request body through while counting it; more than `limit` bytes stops it with a 413. */
export function limitBody(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(tooLarge(limit));
      else done(null, chunk);
    },
  });
}

export const tooLarge = (limit: number) =>
  new AppError('REQUEST.TOO_LARGE', 413, `The request body is larger than the limit of ${limit} bytes.`);
