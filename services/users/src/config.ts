import { baseConfig, loadConfig } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

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
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 3600, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  REFRESH_FAMILY_MAX_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90, description: 'A sign-in ends this long after it began, however often its refresh token is rotated' }),
  PASSWORD_MEMORY_KIB: Type.Integer({ minimum: 19456, default: 19456 }),
  PASSWORD_TIME_COST: Type.Integer({ minimum: 2, default: 2 }),
  LOGIN_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 900 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 5 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: Type.Integer({ minimum: 1, default: 50 }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);

/** TRUST_PROXY as Fastify takes it. */
export function trustProxyOf(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
