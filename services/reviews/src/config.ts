import { baseConfig, loadConfig, PeerUrls } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

export const configSchema = {
  ...baseConfig,
  PORT: Type.Integer({ default: 8085 }),
  ORDERS_URL: PeerUrls(8084, 'Asked whether a customer ordered a product'),
  PRODUCTS_URL: PeerUrls(8082, 'Receives rating.changed events'),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60000, default: 500 }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);
