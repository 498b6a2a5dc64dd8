import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App, Db, Role } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestAuth } from '@emporium/kit/testing';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { insertReview } from '../src/reviews/reviews.repository.ts';

/** A port nothing listens on: a peer there is down. */
export const NOBODY = 'http://127.0.0.1:9';

export interface ReviewsUnderTest {
  app: App;
  db: Db;
  auth: TestAuth;
  bearer(role: Role, userId?: string, name?: string): Promise<{ authorization: string }>;
  /** `app.inject` as a peer service would call: with a valid service token. */
  internal(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The reviews app on a fresh test database, its peers at the given URLs. */
export async function startReviews(peers: { ordersUrl: string; productsUrl: string }, auth?: TestAuth): Promise<ReviewsUnderTest> {
  auth ??= await createTestAuth();
  const service = createTestServiceCredential();
  const { db, cleanup } = await openTestDb();
  const config = readConfig({
    ...service.env,
    AUTH_PUBLIC_JWK: auth.publicJwk, ORDERS_URL: peers.ordersUrl, PRODUCTS_URL: peers.productsUrl, LOG_LEVEL: 'silent',
    OUTBOX_INTERVAL_MS: '60000', PEER_TIMEOUT_MS: '1000',
  });
  const app = await buildApp(config, { db });
  await app.ready();
  const testAuth = auth;
  return {
    app,
    db,
    auth: testAuth,
    bearer: async (role, userId = `${role}-1`, name = `Name of ${userId}`) => ({
      authorization: `Bearer ${await testAuth.token({ role, userId, name })}`,
    }),
    internal: (options) => service.inject(app, options),
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** Writes a review straight into the table (no eligibility check, no event): for list and moderation tests. */
export async function seedReview(db: Db, productId: string, authorId: string, rating: number, extra: { hidden?: boolean } = {}) {
  const review = await insertReview(db, {
    id: randomUUID(), productId, authorId, authorName: `Name of ${authorId}`, rating, title: `${rating} stars`, body: 'Seeded', verifiedPurchase: false,
  });
  if (extra.hidden) await db.query('UPDATE reviews SET hidden = true WHERE id = $1', [review!.id]);
  return review!;
}

/** The `rating.changed` events waiting in the outbox for a product, oldest first. */
export async function ratingEvents(db: Db, productId: string): Promise<{ productId: string; average: number; count: number }[]> {
  const rows = await db.query(`SELECT data FROM outbox WHERE type = 'rating.changed' AND key = $1 ORDER BY seq`, [productId]);
  return rows.map((r) => r.data);
}

/** An `order.delivered` event as the orders relay sends it. */
export function deliveredEvent(customerId: string, productIds: string[], seq = 1) {
  return {
    id: randomUUID(), source: 'orders', type: 'order.delivered', key: randomUUID(), seq, occurredAt: new Date().toISOString(),
    data: { orderId: randomUUID(), customerId, productIds },
  };
}
