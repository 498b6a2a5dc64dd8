import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App, Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestServiceCredential } from '@emporium/kit/testing';
import { buildApp } from '../src/app.ts';
import { createReadCache } from '../src/products/read-cache.ts';
import { releaseExpired } from '../src/reservations/reservations.service.ts';
import { readConfig } from '../src/config.ts';

export interface TestProducts {
  app: App;
  /** The app's database, for tests that call a story function directly. */
  db: Db;
  /** Authorization headers of each role. */
  as: { employee: Record<string, string>; admin: Record<string, string>; customer: Record<string, string> };
  /** Holds the app's service token secret, as its peers do. */
  service: TestServiceCredential;
  /** `app.inject` as a peer service would call: with a valid service token. */
  internal(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The real products app on a fresh database of the test server. */
export async function startProducts(env: Record<string, string> = {}): Promise<TestProducts> {
  const auth = await createTestAuth();
  const service = createTestServiceCredential();
  const { db, cleanup } = await openTestDb();
  const config = readConfig({ AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', ...service.env, ...env });
  const app = await buildApp(config, { db });
  await app.ready();
  const bearer = async (role: 'employee' | 'admin' | 'customer') => ({ authorization: `Bearer ${await auth.token({ role })}` });
  return {
    app,
    db,
    as: { employee: await bearer('employee'), admin: await bearer('admin'), customer: await bearer('customer') },
    service,
    internal: (options) => service.inject(app, options),
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

export const usd = (amount: number) => ({ amount, currency: 'USD' });

export function productInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `Kettle ${randomUUID().slice(0, 8)}`,
    description: 'Boils water quickly.',
    price: usd(2500),
    category: 'Kitchen',
    stock: 10,
    ...overrides,
  };
}

export async function createProduct(t: TestProducts, overrides: Record<string, unknown> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/products', headers: t.as.employee, payload: productInput(overrides) });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

let seq = 1;
/** An event envelope as another service's outbox relay would deliver it. */
export function event(type: string, key: string, data: Record<string, unknown>, options: { seq?: number; source?: string } = {}) {
  return { id: randomUUID(), source: options.source ?? 'discounts', type, key, seq: options.seq ?? seq++, occurredAt: new Date().toISOString(), data };
}

export async function deliver(t: TestProducts, ...events: ReturnType<typeof event>[]) {
  const res = await t.internal({ method: 'POST', url: '/internal/events', payload: { events } });
  if (res.statusCode !== 200) throw new Error(`events refused: ${res.statusCode} ${res.body}`);
  return res.json() as { received: number; applied: number };
}

/**
 * Moves holds' expiry into the past, as if their ttl had run out. Expiry is judged by the database
 * clock, so this is how a test lets time pass for them without sleeping.
 */
export async function expireHolds(t: TestProducts, ids: string[]): Promise<void> {
  await t.db.query(`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ANY ($1::text[])`, [ids]);
}

/** One sweeper round now, as the app's sweeper runs it (the app's own may run too: a release happens once either way). */
export const sweepNow = (t: TestProducts) => releaseExpired({ db: t.db, cache: createReadCache({ ttlMs: 0 }), defaultTtlSeconds: 120 });
