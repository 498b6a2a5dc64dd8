import { fileURLToPath } from 'node:url';
import { authOptionsFrom, buildService, openServiceDb, registerInbox, serviceCredentialFrom, startOutboxRelay, type App, type Db } from '@emporium/kit';
import type { Config } from './config.ts';
import { createOrdersClient } from './purchases/orders.client.ts';
import { orderEventHandlers } from './purchases/purchases.events.ts';
import { registerReviewRoutes } from './reviews/reviews.routes.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

export interface AppOverrides {
  /** A database opened by the caller (tests); the app closes it. */
  db?: Db;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const db = await openServiceDb(config, migrations, overrides.db);
  const credential = serviceCredentialFrom(config, 'reviews');
  const app = await buildService({
    name: 'reviews',
    db,
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    serviceCredential: credential,
  });
  const orders = createOrdersClient(config.ORDERS_URL, config.PEER_TIMEOUT_MS, credential);
  const relay = startOutboxRelay({
    db, source: 'reviews', destinations: { products: config.PRODUCTS_URL }, credential, log: app.log, intervalMs: config.OUTBOX_INTERVAL_MS,
  });
  // preClose runs before the onClose hook that closes the database, so a delivery round in progress finishes first.
  app.addHook('preClose', async () => {
    await relay.stop();
    await orders.close();
  });
  registerInbox(app, db, orderEventHandlers(app.log));
  registerReviewRoutes(app, { db, orders, relay });
  return app;
}
