import { baseConfig, loadConfig, PeerUrls } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

export const configSchema = {
  ...baseConfig,
  DEMO_MODE: Type.Boolean({ default: false, description: 'Seed the demo shipping methods and tax rate into empty tables at start' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8084 }),
  PRODUCTS_URL: PeerUrls(8082),
  DISCOUNTS_URL: PeerUrls(8083),
  REVIEWS_URL: PeerUrls(8085),
  NOTIFICATIONS_URL: PeerUrls(8087, 'Notifications service: emails the customer about each order event'),
  SHOP_PRICES_INCLUDE_TAX: Type.Boolean({ default: false, description: 'true: catalog prices already contain the tax, and an order shows the part that is tax' }),
  PAYMENTS_URL: PeerUrls(8086, 'Payments service: told of cancelled orders, to refund them'),
  ORDER_PAYMENT_TIMEOUT: Type.Integer({ minimum: 60, maximum: 30 * 86400, default: 1800, description: 'Seconds a placed order waits for its payment before it is cancelled' }),
  ORDER_TRANSFER_TIMEOUT: Type.Integer({
    minimum: 60, maximum: 90 * 86400, default: 7 * 86400, description: 'Seconds an order waits when its customer chose a bank transfer (a manual payment awaiting confirmation)',
  }),
  IDEMPOTENCY_KEY_TTL_HOURS: Type.Integer({ minimum: 24, maximum: 24 * 90, default: 24 }),
  CLAIM_STALE_SECONDS: Type.Integer({ minimum: 10, maximum: 3600, default: 60, description: 'An in-flight claim older than this belongs to a dead request' }),
  SWEEP_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 600_000, default: 5000 }),
};

export type Config = Static<TObject<typeof configSchema>>;
export const readConfig = (env: Record<string, string | undefined> = process.env) => loadConfig(configSchema, env);
