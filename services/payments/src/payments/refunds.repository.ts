import type { Queryable, Row } from '@emporium/kit';

export interface RefundRecord {
  id: string;
  paymentId: string;
  amount: number;
  reason: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

const COLUMNS = 'id, payment_id, amount, reason, sent_at, created_at';

/** Records a refund to send; the caller holds the payment's row lock and has checked the sum. */
export async function insertRefund(tx: Queryable, refund: { id: string; paymentId: string; amount: number; reason: string | null }): Promise<RefundRecord> {
  const rows = await tx.query(`INSERT INTO refunds (id, payment_id, amount, reason) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
    refund.id, refund.paymentId, refund.amount, refund.reason,
  ]);
  return toRecord(rows[0]);
}

export async function listRefunds(q: Queryable, paymentIds: string[]): Promise<RefundRecord[]> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM refunds WHERE payment_id = ANY($1::text[]) ORDER BY created_at, id`, [paymentIds]);
  return rows.map(toRecord);
}

/** Refunds not yet sent that are due, leased for a while (longer after each attempt) so two senders do not both send one. */
export async function leaseDueRefunds(q: Queryable, limit = 50): Promise<string[]> {
  const rows = await q.query(
    `UPDATE refunds SET attempts = attempts + 1,
            next_attempt_at = now() + make_interval(secs => LEAST(300, 5 * power(2, LEAST(attempts, 6))))
      WHERE id IN (SELECT id FROM refunds WHERE sent_at IS NULL AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [limit],
  );
  return rows.map((r) => r.id);
}

export async function refundToSend(q: Queryable, id: string) {
  const rows = await q.query(
    `SELECT r.id, r.payment_id, r.amount, p.currency, p.provider, p.provider_ref FROM refunds r JOIN payments p ON p.id = r.payment_id
      WHERE r.id = $1 AND r.sent_at IS NULL`,
    [id],
  );
  const row = rows[0];
  return row ? { id: row.id as string, paymentId: row.payment_id as string, amount: Number(row.amount), currency: row.currency as string, provider: row.provider as string, providerRef: row.provider_ref as string | null } : null;
}

export async function markSent(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE refunds SET sent_at = now(), last_error = NULL WHERE id = $1', [id]);
}

export async function markSendFailed(q: Queryable, id: string, error: string): Promise<void> {
  await q.query('UPDATE refunds SET last_error = $2 WHERE id = $1', [id, error.slice(0, 500)]);
}

function toRecord(row: Row): RefundRecord {
  return {
    id: row.id,
    paymentId: row.payment_id,
    amount: Number(row.amount),
    reason: row.reason,
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
    createdAt: new Date(row.created_at),
  };
}
