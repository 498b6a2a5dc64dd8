import { baseConfig, loadConfig } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

export const configSchema = {
  ...baseConfig,
  PORT: Type.Integer({ default: 8085 }),
  ORDERS_URL: Type.String({ default: 'http://127.0.0.1:8084', description: 'Asked whether a customer ordered a product' }),
  PRODUCTS_URL: Type.String({ default: 'http://127.0.0.1:8082', description: 'Receives rating.changed events' }),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60000, default: 500 }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);
