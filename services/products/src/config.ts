import { baseConfig, loadConfig } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

export const configSchema = {
  ...baseConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8082 }),
  DEMO_MODE: Type.Boolean({ default: false, description: 'Seed the demo catalog into an empty database at start' }),
  RESERVATION_TTL_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 120, description: 'How long a hold lasts when the caller names no ttlSeconds' }),
  RESERVATION_SWEEP_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 5_000, description: 'How often expired holds are released' }),
  DISCOUNTS_URL: Type.String({ default: 'http://127.0.0.1:8083', description: 'Discounts service: the amazon import sets discounts there' }),
  CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 1_000, default: 1_000, description: 'Lifetime of cached product reads; 0 turns the cache off' }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);
