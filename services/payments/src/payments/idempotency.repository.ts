import type { Queryable } from '@emporium/kit';

export interface Claim {
  customerId: string;
  key: string;
  fingerprint: string;
  paymentId: string;
}

export interface KeyRecord {
  fingerprint: string;
  paymentId: string;
  state: 'in_flight' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
}

/** Takes the key for this request; false when the customer used it before. */
export async function insertClaim(q: Queryable, claim: Claim): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO idempotency_keys (customer_id, key, fingerprint, payment_id, state) VALUES ($1, $2, $3, $4, 'in_flight')
     ON CONFLICT (customer_id, key) DO NOTHING RETURNING payment_id`,
    [claim.customerId, claim.key, claim.fingerprint, claim.paymentId],
  );
  return rows.length === 1;
}

export async function findKey(q: Queryable, customerId: string, key: string): Promise<KeyRecord | null> {
  const rows = await q.query(
    'SELECT fingerprint, payment_id, state, response_status, response_body FROM idempotency_keys WHERE customer_id = $1 AND key = $2',
    [customerId, key],
  );
  const row = rows[0];
  return row ? { fingerprint: row.fingerprint, paymentId: row.payment_id, state: row.state, responseStatus: row.response_status, responseBody: row.response_body } : null;
}

/** The first answer, kept to replay; in the transaction that saved the payment's outcome. */
export async function completeClaim(tx: Queryable, claim: Claim, status: number, body: string): Promise<void> {
  await tx.query(
    `UPDATE idempotency_keys SET state = 'done', response_status = $4, response_body = $5, completed_at = now()
      WHERE customer_id = $1 AND key = $2 AND payment_id = $3`,
    [claim.customerId, claim.key, claim.paymentId, status, body],
  );
}

/** A request that was refused (404, 409, ...) leaves nothing behind: the key may be used again. */
export async function dropClaim(q: Queryable, claim: Claim): Promise<void> {
  await q.query("DELETE FROM idempotency_keys WHERE customer_id = $1 AND key = $2 AND payment_id = $3 AND state = 'in_flight'", [
    claim.customerId, claim.key, claim.paymentId,
  ]);
}

/** The claims of a payment whose attempt died: the customer may retry with the same key. */
export async function dropClaimsOf(tx: Queryable, paymentId: string): Promise<void> {
  await tx.query("DELETE FROM idempotency_keys WHERE payment_id = $1 AND state = 'in_flight'", [paymentId]);
}

/** In-flight claims whose request died before it even began an attempt (no payment row), and expired done keys. */
export async function pruneKeys(q: Queryable, staleSeconds: number, ttlHours: number): Promise<void> {
  await q.query(
    `DELETE FROM idempotency_keys k
      WHERE (k.state = 'in_flight' AND k.created_at < now() - make_interval(secs => $1::double precision)
             AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = k.payment_id AND p.charging))
         OR (k.state = 'done' AND k.completed_at < now() - make_interval(hours => $2::int))`,
    [staleSeconds, ttlHours],
  );
}
