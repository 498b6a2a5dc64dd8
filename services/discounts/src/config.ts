import { baseConfig, loadConfig, PeerUrls } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

export const configSchema = {
  ...baseConfig,
  DEMO_MODE: Type.Boolean({ default: false, description: 'Seed the demo promotion code into empty tables at start' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8083 }),
  PRODUCTS_URL: PeerUrls(8082, 'Products service: product names and base prices; receives discount.changed'),
  WINDOW_SCHEDULER_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1_000, description: 'How often discount window starts and ends are looked for' }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);
