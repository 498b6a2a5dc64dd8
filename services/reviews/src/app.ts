import { fileURLToPath } from 'node:url';
import { buildService, migrateService, openDb, registerInbox, startOutboxRelay, type App, type Db } from '@emporium/kit';
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
  const db = overrides.db ?? (await openDb({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DB_POOL_SIZE }));
  await migrateService(db, migrations);
  const app = await buildService({
    name: 'reviews',
    db,
    logLevel: config.LOG_LEVEL,
    auth: { jwksUrl: config.AUTH_JWKS_URL, publicJwk: config.AUTH_PUBLIC_JWK, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE },
  });
  const orders = createOrdersClient(config.ORDERS_URL, config.PEER_TIMEOUT_MS);
  const relay = startOutboxRelay({
    db, source: 'reviews', destinations: { products: config.PRODUCTS_URL }, log: app.log, intervalMs: config.OUTBOX_INTERVAL_MS,
  });
  // preClose runs before the onClose hook that closes the database, so a delivery round in progress finishes first.
  app.addHook('preClose', async () => {
    await relay.stop();
    await orders.close();
  });
  registerInbox(app, db, orderEventHandlers);
  registerReviewRoutes(app, { db, orders, relay });
  return app;
}
