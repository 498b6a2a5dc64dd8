import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { AppError, buildService, type App, type Instance } from '@emporium/kit';
import type { Config } from './config.ts';
import { docsRoutes } from './docs/docs.routes.ts';
import { securityHeaders } from './edge/security-headers.ts';
import { createUpstream, type Upstream } from './proxy/forward.ts';
import { proxyRoutes } from './proxy/proxy.routes.ts';
import { staticRoutes } from './static.routes.ts';
import { upstreamUrls, type UpstreamName } from './upstreams.ts';

const READY_TIMEOUT_MS = 1500;

/** The gateway: the platform's only public entry point. It owns no data. */
export async function buildApp(config: Config): Promise<App> {
  // The instances say in the log when they leave or rejoin the rotation; the log is the app's, made below.
  const log = { info: (obj: object, msg: string) => app.log.info(obj, msg), warn: (obj: object, msg: string) => app.log.warn(obj, msg) };
  const upstreams = new Map<UpstreamName, Upstream>();
  for (const [name, urls] of upstreamUrls(config)) upstreams.set(name, createUpstream(name, urls, config.UPSTREAM_CONNECTIONS, log));
  const app = await buildService({
    name: 'gateway',
    logLevel: config.LOG_LEVEL,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxyOf(config.TRUST_PROXY),
    openapiRoute: false,
    // The public port publishes no metrics; the services serve theirs on their own ports.
    metrics: false,
    // The gateway passes the request id on itself (proxy/forward.ts) and makes no kit peer calls.
    requestContext: false,
    readyChecks: Object.fromEntries([...upstreams].map(([name, upstream]) => [name, () => upstreamReady(upstream)])),
  });
  securityHeaders(app);
  app.addHook('onClose', async () => {
    await Promise.all([...upstreams.values()].map((u) => u.instances.close()));
  });

  await app.register(cors, corsOptions(config.CORS_ORIGINS));
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    ...sharedCounts(app, config),
    allowList: (request) => request.url.startsWith('/health/'),
    errorResponseBuilder: (_request, context) =>
      new AppError('REQUEST.RATE_LIMITED', 429, `Too many requests from your address; try again in ${context.after}.`),
  });
  await app.register(proxyRoutes, {
    upstreams,
    budgetMs: config.UPSTREAM_TIMEOUT_MS,
    bodyLimit: config.BODY_LIMIT_BYTES,
    secureCookies: config.SESSION_COOKIE_SECURE,
  });
  await app.register(docsRoutes, { upstreams });
  await app.register(staticRoutes, { publicDir: config.PUBLIC_DIR, webDist: config.WEB_DIST_DIR });
  return app;
}

/**
 * An upstream is ready when one of its instances is. Readiness is public on this port, so it names each
 * upstream's state only: an error's own text (addresses, ports, a service's reasons) stays out of it.
 */
async function upstreamReady(upstream: Upstream): Promise<void> {
  const states = await Promise.all(upstream.instances.instances.map((instance) => instanceState(instance.pool)));
  if (states.includes('ready')) return;
  throw new Error(states.includes('not ready') ? 'not ready' : 'unreachable');
}

async function instanceState(pool: Instance['pool']): Promise<'ready' | 'not ready' | 'unreachable'> {
  try {
    const res = await pool.request({ method: 'GET', path: '/health/ready', headersTimeout: READY_TIMEOUT_MS, bodyTimeout: READY_TIMEOUT_MS });
    await res.body.dump().catch(() => undefined);
    return res.statusCode === 200 ? 'ready' : 'not ready';
  } catch {
    return 'unreachable';
  }
}

/**
 * With REDIS_URL, the counts live in Redis (the plugin's Redis store), so a client's limit holds across
 * every gateway instance. A Redis that does not answer lets requests through (skipOnError) rather than
 * take the shop down with it; the log says so.
 */
function sharedCounts(app: App, config: Config) {
  if (!config.REDIS_URL) return {};
  // Short waits (the plugin's advice): while Redis is away a request waits at most a moment for it.
  const redis = new Redis(config.REDIS_URL, { connectTimeout: 500, maxRetriesPerRequest: 1 });
  redis.on('error', (err) => app.log.warn({ err: err.message }, 'Redis for the rate limit is unreachable; requests are not limited meanwhile'));
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return { redis, nameSpace: config.REDIS_KEY_PREFIX, skipOnError: true };
}

function corsOptions(origins: string) {
  const list = origins.split(',').map((o) => o.trim()).filter(Boolean);
  return {
    origin: list.includes('*') ? '*' : list.length ? list : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'accept'],
    exposedHeaders: ['x-request-id', 'retry-after', 'location'],
    maxAge: 600,
  };
}

function trustProxyOf(value: string): boolean | string[] {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value.split(',').map((address) => address.trim());
}
