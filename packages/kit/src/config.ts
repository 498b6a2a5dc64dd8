import { Type, type Static, type TObject, type TProperties } from 'typebox';
import { Value } from 'typebox/value';
import { MIN_SECRET_LENGTH } from './service-token.ts';

const URL_LIST = '^https?://[^,\\s]+(,https?://[^,\\s]+)*$';

/**
 * A `<NAME>_URL` variable: where a peer's instances are, one base URL or several comma-separated
 * (`http://127.0.0.1:8082,http://127.0.0.1:8182`); calls are spread over them (kit instances.ts).
 */
export const PeerUrls = (port: number, description?: string) =>
  Type.String({ pattern: URL_LIST, default: `http://127.0.0.1:${port}`, ...(description ? { description } : {}) });

/** Traces (kit tracing.ts reads them from the environment at the first service built; listed here to be checked). */
export const tracingConfig = {
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://', description: 'An OTLP/HTTP collector (spans go to <url>/v1/traces); unset: no spans are made' })),
  OTEL_SERVICE_NAME: Type.Optional(Type.String({ minLength: 1, description: 'The service name on its spans; default emporium-<service>' })),
};

/** Settings every service shares; a service adds its own with `{...baseConfig, ...}`. */
export const baseConfig = {
  HOST: Type.String({ default: '127.0.0.1' }),
  // Required to run; optional here so that tests can hand a service the database they made.
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: "The PostgreSQL URL of the service's own database" })),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  SHOP_CURRENCY: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
  AUTH_JWKS_URL: Type.String({
    pattern: URL_LIST,
    default: 'http://127.0.0.1:8081/.well-known/jwks.json',
    description: "The users service's public keys; several comma-separated URLs (one per users instance) are tried in turn",
  }),
  AUTH_PUBLIC_JWK: Type.Optional(Type.String({ description: 'A public JWK as JSON; used instead of AUTH_JWKS_URL when set' })),
  AUTH_ISSUER: Type.String({ default: 'emporium-users' }),
  AUTH_AUDIENCE: Type.String({ default: 'emporium' }),
  SERVICE_TOKEN_SECRET: Type.String({
    minLength: MIN_SECRET_LENGTH,
    description: 'Signs and checks the tokens services show each other on /internal routes; the same value in every service, never the gateway',
  }),
  PEER_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60000, default: 2000 }),
  ...tracingConfig,
};

export class ConfigError extends Error {}

/**
 * Reads the variables named by the schema from the environment, applies defaults, converts
 * strings to numbers and booleans, and fails with every bad variable named.
 */
export function loadConfig<P extends TProperties>(properties: P, env: Record<string, string | undefined> = process.env): Static<TObject<P>> {
  const schema = Type.Object(properties);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(schema, Value.Default(schema, raw));
  if (!Value.Check(schema, converted)) {
    const problems = [...Value.Errors(schema, converted)].map((e) => {
      const name = e.instancePath.replace(/^\//, '') || String((e.params as { requiredProperties?: string[] }).requiredProperties ?? '');
      return `${name}: ${e.message} (got ${JSON.stringify(raw[name] ?? null)})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return converted as Static<TObject<P>>;
}

type BaseConfig = Static<TObject<typeof baseConfig>>;

/** Token verification as the shared settings describe it (a given public key wins over the JWKS URL). */
export function authOptionsFrom(config: BaseConfig) {
  return { jwksUrl: config.AUTH_JWKS_URL, publicJwk: config.AUTH_PUBLIC_JWK, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE };
}
