import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyInstance, type RawServerDefault } from 'fastify';
import { registerAuth, type AuthOptions } from './auth.ts';
import { recordRoutes } from './route-table.ts';
import { requestContext } from './context.ts';
import type { Db } from './db.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './errors.ts';
import { registerHealth, type ReadyCheck } from './health.ts';
import { registerMetrics } from './metrics.ts';
import { registerInternalGuard, type ServiceCredential } from './service-token.ts';
import { documentOperation } from './openapi.ts';
import { registerValidation } from './validation.ts';
import { endSpan, flushTracing, startServerSpan, startTracing, tracingEnabled } from './tracing.ts';
import type { Context, Span } from '@opentelemetry/api';

declare module 'fastify' {
  interface FastifyRequest {
    /** With tracing on: the context of the request's server span (the gateway hangs its upstream calls from it). */
    traceContext?: Context;
  }
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface ServiceOptions {
  name: string;
  version?: string;
  /** Closed with the app; checked by readiness. */
  db?: Db;
  logLevel?: string;
  /** Verify bearer tokens (every service but the gateway). */
  auth?: AuthOptions;
  /**
   * Checks the service token of every /internal request (kit service-token.ts). Without one, every
   * /internal request is refused: the gateway holds none, and a service cannot forget it open.
   */
  serviceCredential?: ServiceCredential;
  bodyLimit?: number;
  /** Fastify's trustProxy: which peers may set x-forwarded-for (request.ip). Default: none. */
  trustProxy?: boolean | string | string[];
  readyChecks?: Record<string, ReadyCheck>;
  /** Serve the app's own OpenAPI document at /openapi.json (default true; the gateway serves a merged one instead). */
  openapiRoute?: boolean;
  /**
   * Count requests and serve them at /metrics (default true). The gateway turns it off: its port is
   * public, and the API requests it passes on are counted by the services that answer them.
   */
  metrics?: boolean;
  /**
   * Keep the request id in AsyncLocalStorage so that peer calls (kit `createPeer`) carry it (default true).
   * On Node 20 that storage hooks every promise of the process once used: it was a fifth of the gateway's
   * CPU per proxied request. A service that makes no peer calls through the kit turns it off.
   */
  requestContext?: boolean;
}

/** One log line per request, when it is answered, instead of Fastify's two. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    // "Not ready yet" (503 on /health/ready while peers start) is an answer, not a failure.
    const failed = error || (reply.statusCode >= 500 && !request.url.startsWith('/health/'));
    if (failed) reply.log.warn({ ...line, err: error ?? undefined }, 'request failed');
    else reply.log.info(line, 'request completed');
  }
}

const SAFE_REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** The service defaults: one call gives a service logs, request ids, problem+json, health, metrics, OpenAPI and auth. */
export async function buildService(options: ServiceOptions): Promise<App> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      base: { service: options.name },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-service-token"]'],
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Errors the framework answers before any route runs are problems too (errors.ts).
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logController: new OneLinePerRequest(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const keepContext = options.requestContext ?? true;
  await startTracing(options.name);
  const tracing = tracingEnabled();
  if (tracing) app.decorateRequest('traceContext', undefined);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const given = request.headers.traceparent;
    const traceparent = typeof given === 'string' ? given : undefined;
    // With tracing on, each request is a server span, the parent of the spans made while answering it.
    let trace: Context | undefined;
    if (tracing) {
      const server = startServerSpan(`${request.method} ${request.routeOptions.url ?? 'unknown route'}`, request.headers, {
        'http.request.method': request.method, 'url.path': request.url.split('?', 1)[0],
      });
      (request as { traceSpan?: Span }).traceSpan = server.span;
      request.traceContext = trace = server.context;
    }
    if (keepContext) requestContext.run({ requestId: String(request.id), traceparent, trace }, done);
    else done();
  });
  if (tracing) {
    app.addHook('onResponse', async (request, reply) => {
      const span = (request as { traceSpan?: Span }).traceSpan;
      if (span) endSpan(span, reply.statusCode);
    });
    app.addHook('onClose', async () => flushTracing());
  }
  registerInternalGuard(app, options.serviceCredential);
  registerValidation(app);
  app.decorate('routeTable', recordRoutes(app));

  registerErrorHandling(app);
  await app.register(swagger, {
    openapi: {
      info: { title: `Emporium ${options.name}`, version: options.version ?? '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: documentOperation,
  });
  if (options.openapiRoute !== false) app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (options.metrics !== false) registerMetrics(app, options.name);
  registerHealth(app, { db: options.db, checks: options.readyChecks ?? {} });
  if (options.auth) await registerAuth(app, options.auth);
  if (options.db) {
    const db = options.db;
    app.addHook('onClose', async () => db.close());
  }
  return app;
}
