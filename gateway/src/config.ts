import { fileURLToPath } from 'node:url';
import { loadConfig, PeerUrls, tracingConfig } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';
import { UPSTREAM_NAMES } from './upstreams.ts';

const repoPath = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
// One instance's URL or several comma-separated: requests are spread over them (proxy/forward.ts).
const upstreamUrl = (port: number) => PeerUrls(port);

export const configSchema = {
  HOST: Type.String({ default: '0.0.0.0', description: 'The gateway is the public entry point' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  USERS_URL: upstreamUrl(8081),
  PRODUCTS_URL: upstreamUrl(8082),
  DISCOUNTS_URL: upstreamUrl(8083),
  ORDERS_URL: upstreamUrl(8084),
  REVIEWS_URL: upstreamUrl(8085),
  PAYMENTS_URL: upstreamUrl(8086),
  NOTIFICATIONS_URL: upstreamUrl(8087),
  UPSTREAMS: Type.String({
    pattern: `^((${UPSTREAM_NAMES.join('|')})(,|$))*$`,
    default: UPSTREAM_NAMES.join(','),
    description: 'Comma-separated services the gateway routes to and checks for readiness; others answer 503',
  }),
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 300_000, default: 10_000, description: 'Budget for an upstream to start answering' }),
  UPSTREAM_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 1024, default: 128, description: 'Keep-alive connections per upstream instance' }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 1024 * 1024 }),
  CORS_ORIGINS: Type.String({ default: '', description: 'Comma-separated origins allowed cross-origin, or * for any; empty: same origin only' }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 600, description: 'Requests per client address per window' }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  REDIS_URL: Type.Optional(Type.String({
    pattern: '^rediss?://',
    description: 'Keeps the rate limit counts in Redis, shared by every gateway instance; unset: each instance counts its own',
  })),
  REDIS_KEY_PREFIX: Type.String({ default: 'emporium-rate-limit:', description: "Prefix of the rate limit's keys in Redis" }),
  TRUST_PROXY: Type.String({ default: '', description: 'Proxies allowed to set x-forwarded-for (true, or comma-separated addresses/CIDRs); empty: none' }),
  SESSION_COOKIE_SECURE: Type.Union([Type.Literal('auto'), Type.Literal('always')], {
    default: 'auto',
    description: "The web UI's refresh cookie is Secure: auto = when the request came over https (behind a TLS proxy, set TRUST_PROXY so its X-Forwarded-Proto counts); always",
  }),
  PUBLIC_DIR: Type.String({ default: repoPath('gateway/public'), description: 'Folder served at /images/ (its images/ subfolder)' }),
  WEB_DIST_DIR: Type.String({ default: repoPath('web/dist'), description: 'The built web UI, served at /' }),
  ...tracingConfig,
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);
