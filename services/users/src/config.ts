import { randomBytes } from 'node:crypto';
import { baseConfig, ConfigError, loadConfig, PeerUrls } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';
import { parseEncryptionKey } from './keys/key-encryption.ts';
import type { KeySource } from './keys/signing-keys.ts';

/**
 * A retired key stays published this long after an access token's lifetime: instances pick up a
 * rotation within a minute, and clocks and JWKS caches lag a little.
 */
const KEY_OVERLAP_MARGIN_SECONDS = 600;

export const configSchema = {
  ...baseConfig,
  PORT: Type.Integer({ default: 8081 }),
  TRUST_PROXY: Type.String({
    default: 'loopback',
    description: 'Who may set x-forwarded-for: "true", "false", or addresses/CIDRs (comma-separated); default the local gateway only',
  }),
  ADMIN_EMAIL: Type.Optional(Type.String({ minLength: 3 })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8, maxLength: 256 })),
  DEMO_MODE: Type.Boolean({ default: false }),
  AUTH_KEY_ENCRYPTION_KEY: Type.Optional(Type.String({ description: '32 bytes (64 hex digits or base64url) that seal the signing keys stored in the database' })),
  AUTH_SIGNING_KEY_FILE: Type.Optional(Type.String({ minLength: 1, description: 'A mounted Ed25519 private key (PKCS#8 PEM or JWK) that signs instead of a stored one' })),
  SIGNING_KEY_ROTATE_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'A stored signing key is replaced when older than this' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 3600, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  REFRESH_FAMILY_MAX_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90, description: 'A sign-in ends this long after it began, however often its refresh token is rotated' }),
  PASSWORD_MEMORY_KIB: Type.Integer({ minimum: 19456, default: 19456 }),
  PASSWORD_TIME_COST: Type.Integer({ minimum: 2, default: 2 }),
  LOGIN_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 900 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 5 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: Type.Integer({ minimum: 1, default: 50 }),
  EMAIL_TOKEN_TTL_MINUTES: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60, default: 60, description: 'How long an emailed verification or password reset link works' }),
  EMAILS_PER_HOUR: Type.Integer({
    minimum: 1, maximum: 100, default: 3,
    description: 'Password reset emails, and verification emails, one account gets per hour at most; further requests still answer 202 and send nothing',
  }),
  NOTIFICATIONS_URL: PeerUrls(8087, 'Notifications service: receives the account email events'),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 500, description: 'How often undelivered events are retried' }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);

/** TRUST_PROXY as Fastify takes it. */
export function trustProxyOf(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/**
 * Where the signing key comes from. A stored key is sealed with AUTH_KEY_ENCRYPTION_KEY, so a copy
 * of the database alone cannot mint tokens. Only a test that hands the service its database (no
 * DATABASE_URL) may do without: then a key made for this run is enough.
 */
export function keySourceOf(config: Config): KeySource {
  const timing = { rotateAfterSeconds: config.SIGNING_KEY_ROTATE_DAYS * 86_400, overlapSeconds: config.ACCESS_TOKEN_TTL_SECONDS + KEY_OVERLAP_MARGIN_SECONDS };
  if (config.AUTH_SIGNING_KEY_FILE) return { ...timing, keyFile: config.AUTH_SIGNING_KEY_FILE };
  if (config.AUTH_KEY_ENCRYPTION_KEY) {
    try {
      return { ...timing, encryptionKey: parseEncryptionKey(config.AUTH_KEY_ENCRYPTION_KEY) };
    } catch (err) {
      throw new ConfigError(`Invalid configuration:\n  ${(err as Error).message}`);
    }
  }
  if (!config.DATABASE_URL) return { ...timing, encryptionKey: randomBytes(32) };
  throw new ConfigError(
    'Invalid configuration:\n  AUTH_KEY_ENCRYPTION_KEY (32 bytes, e.g. `openssl rand -hex 32`) or AUTH_SIGNING_KEY_FILE is required: the token signing key is never stored in the clear',
  );
}
