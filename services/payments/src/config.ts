import { baseConfig, loadConfig, PeerUrls } from '@emporium/kit';
import { Type, type Static, type TObject } from 'typebox';

export const configSchema = {
  ...baseConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8086 }),
  ORDERS_URL: PeerUrls(8084, 'Asked for an order\'s owner, status and total; receives payment.updated events'),
  STRIPE_SECRET_KEY: Type.Optional(Type.String({ minLength: 1, description: 'Turns the stripe provider on (sk_live_... or sk_test_...)' })),
  STRIPE_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 1, description: 'Checks the signature of Stripe\'s webhook (whsec_...)' })),
  STRIPE_API_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'Another address for Stripe\'s API (a local stand-in such as stripe-mock); default Stripe\'s own' })),
  TEST_CARD_ENABLED: Type.Boolean({
    default: true, description: 'The test_card sandbox (the demo pays with it). A real shop sets false: its cards "pay" without money',
  }),
  IDEMPOTENCY_KEY_TTL_HOURS: Type.Integer({ minimum: 24, maximum: 24 * 90, default: 24 }),
  CHARGE_STALE_SECONDS: Type.Integer({
    minimum: 10, maximum: 3600, default: 60, description: 'An attempt still asking its provider after this belongs to a process that died',
  }),
  SWEEP_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 600_000, default: 5000 }),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60000, default: 500 }),
};

export type Config = Static<TObject<typeof configSchema>>;

export const readConfig = (env: Record<string, string | undefined> = process.env): Config => loadConfig(configSchema, env);
