import type { Queryable, Row } from '@emporium/kit';
import type { CardSummary } from '../providers/provider.ts';

export type PaymentStatus = 'pending' | 'succeeded' | 'failed';

export interface PaymentRecord {
  id: string;
  orderId: string;
  customerId: string;
  provider: string;
  status: PaymentStatus;
  charging: boolean;
  currency: string;
  amount: number;
  refundedAmount: number;
  failureCode: string | null;
  card: CardSummary | null;
  providerRef: string | null;
  clientSecret: string | null;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, order_id, customer_id, provider, status, charging, currency, amount, refunded_amount, failure_code,
  card_brand, card_last4, provider_ref, client_secret, paid_at, created_at, updated_at`;

/**
 * Serializes everything that decides an order's payment (a new attempt, a success arriving, a capture,
 * the order's cancellation) for the rest of the transaction. The unique index behind it is the backstop.
 */
export async function lockOrder(tx: Queryable, orderId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('payments:order:' || $1))", [orderId]);
}

export interface NewAttempt {
  id: string;
  orderId: string;
  customerId: string;
  provider: string;
  currency: string;
  amount: number;
  card: CardSummary | null;
}

/** A new attempt, marked as asking its provider; null when the order has one under way or succeeded already. */
export async function insertCharging(tx: Queryable, attempt: NewAttempt): Promise<PaymentRecord | null> {
  const rows = await tx.query(
    `INSERT INTO payments (id, order_id, customer_id, provider, status, charging, currency, amount, card_brand, card_last4)
     VALUES ($1, $2, $3, $4, 'pending', true, $5, $6, $7, $8)
     ON CONFLICT (order_id) WHERE charging OR status = 'succeeded' DO NOTHING
     RETURNING ${COLUMNS}`,
    [attempt.id, attempt.orderId, attempt.customerId, attempt.provider, attempt.currency, attempt.amount, attempt.card?.brand ?? null, attempt.card?.last4 ?? null],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The order's payment that is under way or succeeded, if any (at most one: the unique index). */
export async function findActive(q: Queryable, orderId: string): Promise<PaymentRecord | null> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM payments WHERE order_id = $1 AND (charging OR status = 'succeeded')`, [orderId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface Outcome {
  status: PaymentStatus;
  failureCode?: string | null;
  card?: CardSummary | null;
  providerRef?: string | null;
  clientSecret?: string | null;
}

/** Writes what the provider answered; the attempt is no longer under way. paid_at is set once, on success. */
export async function saveOutcome(tx: Queryable, id: string, outcome: Outcome): Promise<PaymentRecord> {
  const rows = await tx.query(
    `UPDATE payments SET status = $2, charging = false, failure_code = $3,
            card_brand = COALESCE($4, card_brand), card_last4 = COALESCE($5, card_last4),
            provider_ref = COALESCE($6, provider_ref), client_secret = COALESCE($7, client_secret),
            paid_at = CASE WHEN $2 = 'succeeded' THEN COALESCE(paid_at, now()) ELSE paid_at END, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, outcome.status, outcome.failureCode ?? null, outcome.card?.brand ?? null, outcome.card?.last4 ?? null, outcome.providerRef ?? null, outcome.clientSecret ?? null],
  );
  return toRecord(rows[0]);
}

export async function findPayment(q: Queryable, id: string): Promise<PaymentRecord | null> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM payments WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function lockPayment(tx: Queryable, id: string): Promise<PaymentRecord | null> {
  const rows = await tx.query(`SELECT ${COLUMNS} FROM payments WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findByProviderRef(q: Queryable, provider: string, providerRef: string): Promise<PaymentRecord | null> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM payments WHERE provider = $1 AND provider_ref = $2`, [provider, providerRef]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** An order's payments, oldest first. */
export async function listByOrder(q: Queryable, orderId: string): Promise<PaymentRecord[]> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM payments WHERE order_id = $1 ORDER BY seq`, [orderId]);
  return rows.map(toRecord);
}

export async function addRefunded(tx: Queryable, id: string, amount: number): Promise<PaymentRecord> {
  const rows = await tx.query(`UPDATE payments SET refunded_amount = refunded_amount + $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id, amount]);
  return toRecord(rows[0]);
}

/** Attempts still asking their provider long after any request ends: their process died. Row-locked for the caller. */
export async function lockStaleCharges(tx: Queryable, staleSeconds: number, limit = 50): Promise<PaymentRecord[]> {
  const rows = await tx.query(
    `SELECT ${COLUMNS} FROM payments WHERE charging AND updated_at < now() - make_interval(secs => $1::double precision)
      ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [staleSeconds, limit],
  );
  return rows.map(toRecord);
}

export async function recordCancelledOrder(tx: Queryable, orderId: string): Promise<void> {
  await tx.query('INSERT INTO cancelled_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING', [orderId]);
}

export async function isOrderCancelled(q: Queryable, orderId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM cancelled_orders WHERE order_id = $1', [orderId])).length > 0;
}

/** True the first time a provider's event is seen: the caller applies it in the same transaction. */
export async function firstSightOfEvent(tx: Queryable, provider: string, eventId: string): Promise<boolean> {
  const rows = await tx.query('INSERT INTO provider_events (provider, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id', [provider, eventId]);
  return rows.length === 1;
}

function toRecord(row: Row): PaymentRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    provider: row.provider,
    status: row.status,
    charging: row.charging,
    currency: row.currency,
    amount: Number(row.amount),
    refundedAmount: Number(row.refunded_amount),
    failureCode: row.failure_code,
    card: row.card_brand ? { brand: row.card_brand, last4: row.card_last4 } : null,
    providerRef: row.provider_ref,
    clientSecret: row.client_secret,
    paidAt: row.paid_at ? new Date(row.paid_at) : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
