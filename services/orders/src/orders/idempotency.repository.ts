import { batchedPer, type Queryable } from '@emporium/kit';

export interface KeyRecord {
  fingerprint: string;
  orderId: string;
  state: 'in_flight' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
}

export interface Claim {
  customerId: string;
  key: string;
  fingerprint: string;
  orderId: string;
}

/**
 * Takes the claim's key for its request; false when someone (the same customer, earlier) holds it already.
 * Claims made at the same moment share one INSERT (see the orders README, "what is batched and why").
 */
export const insertClaim: (db: Queryable, claim: Claim) => Promise<boolean> = batchedPer(insertClaims, { name: 'orders.claim', concurrency: 2 });

async function insertClaims(db: Queryable, claims: Claim[]): Promise<boolean[]> {
  // Keys are written in one order whatever the batch's order, so two batches holding the same keys cannot deadlock.
  const rows = await db.query(
    `INSERT INTO idempotency_keys (customer_id, key, fingerprint, order_id, state)
     SELECT c.customer_id, c.key, c.fingerprint, c.order_id, 'in_flight'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c (customer_id, key, fingerprint, order_id)
      ORDER BY c.customer_id, c.key
     ON CONFLICT (customer_id, key) DO NOTHING RETURNING order_id`,
    [claims.map((c) => c.customerId), claims.map((c) => c.key), claims.map((c) => c.fingerprint), claims.map((c) => c.orderId)],
  );
  const taken = new Set(rows.map((row) => row.order_id));
  return claims.map((claim) => taken.has(claim.orderId));
}

export async function findKey(db: Queryable, customerId: string, key: string): Promise<KeyRecord | null> {
  const rows = await db.query(
    'SELECT fingerprint, order_id, state, response_status, response_body FROM idempotency_keys WHERE customer_id = $1 AND key = $2',
    [customerId, key],
  );
  const row = rows[0];
  return row
    ? { fingerprint: row.fingerprint, orderId: row.order_id, state: row.state, responseStatus: row.response_status, responseBody: row.response_body }
    : null;
}

/**
 * Lets go of a failed request's claim. When its reservation may exist, the release is recorded in the
 * same statement, and only if the claim was still in flight (an order that was saved keeps its stock).
 * True when a release was recorded.
 */
export async function dropClaim(db: Queryable, claim: Claim, recordRelease: boolean): Promise<boolean> {
  const rows = await db.query(
    `WITH dropped AS (
       DELETE FROM idempotency_keys WHERE customer_id = $1 AND key = $2 AND order_id = $3 AND state = 'in_flight' RETURNING order_id)
     INSERT INTO pending_releases (reservation_id, reason)
     SELECT order_id, 'failed placement' FROM dropped WHERE $4::boolean
     ON CONFLICT (reservation_id) DO NOTHING RETURNING reservation_id`,
    [claim.customerId, claim.key, claim.orderId, recordRelease],
  );
  return rows.length === 1;
}

/**
 * Claims left in flight longer than any request lives belong to a process that died: free the key and
 * record the release of whatever that request may have reserved. Claims whose order is being saved
 * right now are row-locked and skipped.
 */
export async function abandonStaleClaims(db: Queryable, staleSeconds: number, limit = 100): Promise<number> {
  // In created_at order so that PostgreSQL walks the in-flight index itself: that marks the entries left by
  // completed claims dead as it passes them, where the bitmap scan it chose otherwise re-read every one of
  // them on each round (tens of thousands a few minutes into a busy day, until a vacuum).
  const rows = await db.query(
    `WITH stale AS (
       DELETE FROM idempotency_keys WHERE (customer_id, key) IN (
         SELECT customer_id, key FROM idempotency_keys
          WHERE state = 'in_flight' AND created_at < now() - make_interval(secs => $1::double precision)
          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING order_id)
     INSERT INTO pending_releases (reservation_id, reason) SELECT order_id, 'abandoned request' FROM stale
     ON CONFLICT (reservation_id) DO NOTHING RETURNING reservation_id`,
    [staleSeconds, limit],
  );
  return rows.length;
}

/** Completed keys are kept at least `ttlHours`; older ones go. */
export async function deleteExpiredKeys(db: Queryable, ttlHours: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM idempotency_keys WHERE state = 'done' AND completed_at < now() - make_interval(hours => $1::int) RETURNING key`,
    [ttlHours],
  );
  return rows.length;
}
