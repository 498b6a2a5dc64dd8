import type { IncomingHttpHeaders } from 'node:http';
import { Transform } from 'node:stream';
import { AppError, createInstanceSet, instanceFailure, traced, type Instance, type InstanceSet } from '@emporium/kit';
import type { Context } from '@opentelemetry/api';

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
  /** The service's instances (`<NAME>_URL`, comma-separated): requests go to them in turn. */
  instances: InstanceSet;
}

export function createUpstream(name: string, urls: string, connections: number, log?: InstanceLog): Upstream {
  return { name, instances: createInstanceSet(urls, { name, connections, log }) };
}

type InstanceLog = Parameters<typeof createInstanceSet>[1]['log'];

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
  /** The client's traceparent (or a new one), passed on as it is when tracing is off. */
  traceparent: string;
  /** With tracing on: the request's server span, the parent of the call upstream. */
  traceContext?: Context;
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

const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Sends one request upstream, to the next instance in rotation. An instance that gives no answer leaves
 * the rotation (kit instances.ts), and the request goes to another one when that cannot do harm: its
 * body can be sent again, and either the instance refused the connection (nothing reached it) or the
 * request may be repeated (GET or HEAD, or one that carries an Idempotency-Key, which the service
 * answers once). A missed budget is never repeated: the client has waited long enough. A refused
 * connection becomes a 503 problem, a missed budget a 504; the underlying error stays on the problem's
 * `cause` for the log.
 */
export async function forward(upstream: Upstream, out: Outgoing) {
  const repeatable = !out.body || Buffer.isBuffer(out.body);
  const idempotent = out.method === 'GET' || out.method === 'HEAD' || typeof out.headers['idempotency-key'] === 'string';
  const tried = new Set<Instance>();
  let staleRetried = false;
  for (;;) {
    const instance = upstream.instances.next(tried)!;
    tried.add(instance);
    try {
      const headers = upstreamHeaders(out);
      const send = () =>
        instance.pool.request({
          method: out.method as 'GET',
          path: out.url,
          headers,
          body: out.body as never,
          headersTimeout: out.budgetMs,
          bodyTimeout: out.budgetMs,
        });
      return await traced(`${out.method} ${upstream.name}`, 'client', headers, send, {
        parent: out.traceContext, traceparent: out.traceparent, statusOf: (res) => res.statusCode,
        attributes: { 'http.request.method': out.method, 'server.address': instance.origin },
      });
    } catch (err) {
      const failure = instanceFailure(err);
      if (failure) upstream.instances.failed(instance);
      const timedOut = /TIMEOUT/.test((err as { code?: string }).code ?? '');
      const again = repeatable && !timedOut && (failure === 'unsent' || (failure === 'lost' && idempotent));
      if (again && tried.size < upstream.instances.instances.length) continue;
      // A kept-alive connection the instance had already closed: a bodiless GET may simply go again, even to the same one.
      if (!staleRetried && !out.body && idempotent && STALE_CONNECTION.has((err as { code?: string }).code ?? '')) {
        staleRetried = true;
        tried.clear();
        continue;
      }
      const problem = upstreamFailure(upstream.name, err as Error & { code?: string }, out.budgetMs);
      if (problem !== err) problem.cause = err;
      throw problem;
    }
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
