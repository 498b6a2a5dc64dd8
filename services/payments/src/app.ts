import { fileURLToPath } from 'node:url';
import { authOptionsFrom, buildService, openServiceDb, registerInbox, serviceCredentialFrom, startOutboxRelay, type App, type Db } from '@emporium/kit';
import type { Config } from './config.ts';
import { createOrdersClient, type OrdersClient } from './orders/orders.client.ts';
import { orderEventHandlers } from './orders/order-events.ts';
import type { PaymentDeps } from './payments/deps.ts';
import { paymentRoutes } from './payments/payments.routes.ts';
import { startSweeper } from './payments/payments.service.ts';
import { startRefundSender } from './payments/refunds.service.ts';
import { builtInProviders, type Providers } from './providers/index.ts';
import { createStripeGateway } from './providers/stripe.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

export interface AppOverrides {
  /** A database opened by the caller (tests); the app closes it. */
  db?: Db;
  /** Providers in place of the built-in ones (tests count the calls a provider gets). */
  providers?: Providers;
  /** The time test_card judges expiry dates by (tests). */
  clock?: () => Date;
  orders?: OrdersClient;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const db = await openServiceDb(config, migrations, overrides.db);
  const credential = serviceCredentialFrom(config, 'payments');
  const app = await buildService({ name: 'payments', db, logLevel: config.LOG_LEVEL, auth: authOptionsFrom(config), serviceCredential: credential });
  const orders = overrides.orders ?? createOrdersClient(config.ORDERS_URL, config.PEER_TIMEOUT_MS, credential);
  const stripe = config.STRIPE_SECRET_KEY
    ? await createStripeGateway({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET, apiUrl: config.STRIPE_API_URL, timeoutMs: config.PEER_TIMEOUT_MS * 5 })
    : null;
  const providers: Providers = { ...builtInProviders({ testCard: config.TEST_CARD_ENABLED, clock: overrides.clock }), ...(stripe ? { stripe: stripe.provider } : {}), ...overrides.providers };
  const relay = startOutboxRelay({ db, source: 'payments', destinations: { orders: config.ORDERS_URL }, credential, log: app.log, intervalMs: config.OUTBOX_INTERVAL_MS });
  const deps: PaymentDeps = {
    db, orders, providers, stripe, currency: config.SHOP_CURRENCY, log: app.log,
    eventsWritten: () => relay.kick(),
    refundsWritten: () => refunds.round(),
  };
  const refunds = startRefundSender(deps, config.SWEEP_INTERVAL_MS);
  const sweeper = startSweeper(deps, { staleSeconds: config.CHARGE_STALE_SECONDS, keyTtlHours: config.IDEMPOTENCY_KEY_TTL_HOURS, intervalMs: config.SWEEP_INTERVAL_MS });
  // preClose runs before the database closes, so rounds in progress finish first.
  app.addHook('preClose', async () => {
    await Promise.all([relay.stop(), refunds.stop(), sweeper.stop()]);
    await orders.close();
  });
  registerInbox(app, db, orderEventHandlers(app.log));
  // A cancelled order's refund is sent at once rather than at the next round.
  app.addHook('onResponse', async (request) => {
    if (request.url === '/internal/events') refunds.round();
  });
  paymentRoutes(app, deps);
  return app;
}
