import { fileURLToPath } from 'node:url';
import { authOptionsFrom, buildService, createPeer, openServiceDb, registerInbox, serviceCredentialFrom, startOutboxRelay, type App, type Db } from '@emporium/kit';
import type { Config } from './config.ts';
import type { OrderDeps } from './orders/deps.ts';
import { orderRoutes } from './orders/orders.routes.ts';
import { discountsClient, productsClient } from './orders/peers.ts';
import { releaseHoldsAt, startSweeper } from './orders/releases.ts';
import { checkoutRoutes } from './checkout/checkout.routes.ts';
import { shippingRoutes } from './shipping/shipping.routes.ts';
import { taxRoutes } from './tax/tax.routes.ts';
import { seedDemoCheckout } from './demo/checkout.ts';
import { startExpiry } from './payments/expiry.ts';
import { internalOrderRoutes } from './payments/internal.routes.ts';
import { paymentEventHandlers } from './payments/payment-events.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

/** `clock`: the time unpaid orders expire by (tests move it forward instead of waiting). */
export async function buildApp(config: Config, overrides: { db?: Db; clock?: () => Date } = {}): Promise<App> {
  const db = await openServiceDb(config, migrations, overrides.db);
  const credential = serviceCredentialFrom(config, 'orders');
  const app = await buildService({
    name: 'orders',
    db,
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    serviceCredential: credential,
  });

  const productsPeer = createPeer({ name: 'products', url: config.PRODUCTS_URL, credential, timeoutMs: config.PEER_TIMEOUT_MS, log: app.log });
  const discountsPeer = createPeer({ name: 'discounts', url: config.DISCOUNTS_URL, credential, timeoutMs: config.PEER_TIMEOUT_MS, log: app.log });
  const relay = startOutboxRelay({ db, source: 'orders', destinations: { reviews: config.REVIEWS_URL, notifications: config.NOTIFICATIONS_URL, payments: config.PAYMENTS_URL }, credential, log: app.log });
  const products = productsClient(productsPeer);
  const discounts = discountsClient(discountsPeer);
  const releaseHolds = releaseHoldsAt(products, discounts);
  const deps: OrderDeps = {
    db,
    products,
    discounts,
    settings: { currency: config.SHOP_CURRENCY, pricesIncludeTax: config.SHOP_PRICES_INCLUDE_TAX },
    releaseHolds,
    log: app.log,
    eventsWritten: () => relay.kick(),
  };
  orderRoutes(app, deps);
  checkoutRoutes(app, deps);
  shippingRoutes(app, { db, currency: config.SHOP_CURRENCY });
  taxRoutes(app, db);
  internalOrderRoutes(app, deps);
  registerInbox(app, db, paymentEventHandlers(deps));

  const sweeper = startSweeper({
    db, releaseHolds, log: app.log, intervalMs: config.SWEEP_INTERVAL_MS, claimStaleSeconds: config.CLAIM_STALE_SECONDS, keyTtlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
  });
  const expiry = startExpiry(deps, {
    paymentTimeoutSeconds: config.ORDER_PAYMENT_TIMEOUT, transferTimeoutSeconds: config.ORDER_TRANSFER_TIMEOUT,
    intervalMs: config.SWEEP_INTERVAL_MS, clock: overrides.clock ?? (() => new Date()),
  });
  // preClose runs before the database closes, so rounds in progress finish first.
  app.addHook('preClose', async () => {
    await Promise.all([sweeper.stop(), relay.stop(), expiry.stop()]);
    await Promise.all([productsPeer.close(), discountsPeer.close()]);
  });
  if (config.DEMO_MODE) await seedDemoCheckout(db, app.log);
  return app;
}
