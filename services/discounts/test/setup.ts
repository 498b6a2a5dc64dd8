import type { App, Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestAuth, type TestServiceCredential } from '@emporium/kit/testing';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import type { Clock, Discount } from '../src/discounts/discount-rules.ts';
import { insertDiscount } from '../src/discounts/discounts.repository.ts';

/** A port nothing listens on: products "down". */
export const NOBODY_URL = 'http://127.0.0.1:9';

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start).getTime();
  const clock: Clock = () => new Date(now);
  return { clock, set: (at: string) => void (now = new Date(at).getTime()), advance: (ms: number) => void (now += ms) };
}

export interface TestDiscounts {
  app: App;
  db: Db;
  auth: TestAuth;
  employee: string;
  customer: string;
  /** Holds the app's service token secret, as its peers do. */
  service: TestServiceCredential;
  close(): Promise<void>;
}

/** The discounts app on a fresh test database; the window scheduler is left to the test (it runs rarely). */
export async function startDiscounts(options: { productsUrl?: string; clock?: Clock; env?: Record<string, string> } = {}): Promise<TestDiscounts> {
  const auth = await createTestAuth();
  const service = createTestServiceCredential();
  const { db, cleanup } = await openTestDb();
  const config = readConfig({
    ...service.env,
    LOG_LEVEL: 'silent',
    AUTH_PUBLIC_JWK: auth.publicJwk,
    PRODUCTS_URL: options.productsUrl ?? NOBODY_URL,
    PEER_TIMEOUT_MS: '500',
    WINDOW_SCHEDULER_MS: '60000',
    ...options.env,
  });
  const app = await buildApp(config, { db, clock: options.clock });
  await app.ready();
  return {
    app,
    db,
    auth,
    employee: `Bearer ${await auth.token({ role: 'employee' })}`,
    customer: `Bearer ${await auth.token({ role: 'customer' })}`,
    service,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** Puts a rule straight into the database (for tests that do not go through products). */
export async function seedDiscount(db: Db, rule: Partial<Discount> & { productId: string; percentBps: number }): Promise<Discount> {
  const at = new Date('2026-01-01T00:00:00Z');
  return insertDiscount(db, { id: crypto.randomUUID(), startsAt: null, endsAt: null, createdAt: at, updatedAt: at, ...rule });
}
