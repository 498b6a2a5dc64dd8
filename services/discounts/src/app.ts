import { fileURLToPath } from 'node:url';
import { authOptionsFrom, buildService, createPeer, openServiceDb, serviceCredentialFrom, startOutboxRelay, type App, type Db } from '@emporium/kit';
import type { Config } from './config.ts';
import type { Clock } from './discounts/discount-rules.ts';
import { discountRoutes } from './discounts/discounts.routes.ts';
import { startWindowScheduler } from './events/window-scheduler.ts';
import { priceRoutes } from './prices/prices.routes.ts';
import { createProductsClient } from './products/products.client.ts';
import { promotionRoutes } from './promotions/promotions.routes.ts';
import { seedDemoPromotion } from './demo/promotion.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

export interface AppOverrides {
  /** A database opened by the caller (tests); the app closes it. */
  db?: Db;
  /** Where "now" comes from: which rule is in force, window starts and ends. */
  clock?: Clock;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const db = await openServiceDb(config, migrations, overrides.db);
  const credential = serviceCredentialFrom(config, 'discounts');
  const app = await buildService({
    name: 'discounts',
    db,
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    serviceCredential: credential,
  });
  const clock = overrides.clock ?? (() => new Date());
  const productsPeer = createPeer({ name: 'products', url: config.PRODUCTS_URL, credential, timeoutMs: config.PEER_TIMEOUT_MS, log: app.log });
  const products = createProductsClient(productsPeer);
  const relay = startOutboxRelay({ db, source: 'discounts', destinations: { products: config.PRODUCTS_URL }, credential, log: app.log });
  const scheduler = startWindowScheduler({ db, clock, log: app.log, intervalMs: config.WINDOW_SCHEDULER_MS, onPublished: relay.kick });
  // Before the database closes: no pass or delivery may be left half-way.
  app.addHook('preClose', async () => {
    await scheduler.stop();
    await relay.stop();
  });
  app.addHook('onClose', async () => productsPeer.close());

  discountRoutes(app, { db, products, clock, onChange: relay.kick });
  priceRoutes(app, { db, products, clock, shopCurrency: config.SHOP_CURRENCY });
  promotionRoutes(app, { db, clock, shopCurrency: config.SHOP_CURRENCY });
  if (config.DEMO_MODE) await seedDemoPromotion(db, app.log);
  return app;
}
