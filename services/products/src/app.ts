import { fileURLToPath } from 'node:url';
import { authOptionsFrom, buildService, createPeer, openServiceDb, registerInbox, serviceCredentialFrom, type App, type Db } from '@emporium/kit';
import { catalogIoRoutes } from './catalog-io/catalog-io.routes.ts';
import { createDiscountsClient } from './catalog-io/discounts.client.ts';
import type { Config } from './config.ts';
import { seedDemoCatalog } from './demo/seed.ts';
import { productEventHandlers } from './events/events.handlers.ts';
import { productRoutes } from './products/products.routes.ts';
import { createReadCache } from './products/read-cache.ts';
import { reservationRoutes } from './reservations/reservations.routes.ts';
import { startSweeper } from './reservations/sweeper.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

export async function buildApp(config: Config, overrides: { db?: Db; now?: () => number } = {}): Promise<App> {
  const db = await openServiceDb(config, migrations, overrides.db);
  const credential = serviceCredentialFrom(config, 'products');
  const app = await buildService({ name: 'products', db, logLevel: config.LOG_LEVEL, auth: authOptionsFrom(config), serviceCredential: credential });

  const cache = createReadCache({ ttlMs: config.CACHE_TTL_MS, now: overrides.now }); // a test's clock ages entries without waiting
  const reservations = { db, cache, defaultTtlSeconds: config.RESERVATION_TTL_SECONDS };

  productRoutes(app, { db, cache, currency: config.SHOP_CURRENCY });
  reservationRoutes(app, reservations);
  const discountsPeer = createPeer({ name: 'discounts', url: config.DISCOUNTS_URL, credential, timeoutMs: config.PEER_TIMEOUT_MS });
  const imports = { db, cache, currency: config.SHOP_CURRENCY, discounts: createDiscountsClient(discountsPeer), log: app.log, running: new Set<Promise<void>>() };
  await app.register(catalogIoRoutes, imports);
  // Imports still running finish their batch before the database closes (a new instance never resumes them: see import.service.ts).
  app.addHook('preClose', async () => {
    await Promise.allSettled([...imports.running]);
  });
  app.addHook('onClose', async () => discountsPeer.close());
  await app.register(async (scope) => {
    // Applied events change what readers see: drop cached reads once the handlers' transactions have committed.
    scope.addHook('onSend', async () => cache.invalidate());
    registerInbox(scope, db, productEventHandlers(app.log));
  });

  if (config.DEMO_MODE) await seedDemoCatalog(db, config.SHOP_CURRENCY, app.log);
  const sweeper = startSweeper(reservations, config.RESERVATION_SWEEP_MS, app.log);
  // preClose runs before the onClose hook that closes the database, so a round in progress finishes first.
  app.addHook('preClose', () => sweeper.stop());
  return app;
}
