import type { Queryable } from '@emporium/kit';

/** An order's payment as payments last told it (payment.updated). */
export interface PaymentSummary {
  id: string;
  provider: string;
  status: 'pending' | 'succeeded' | 'failed';
  currency: string;
  amount: number;
  refundedAmount: number;
  paidAt: Date | null;
  createdAt: Date;
}

/** Keeps the payment as it stands now; the inbox already skipped snapshots older than one applied. */
export async function savePayment(tx: Queryable, orderId: string, payment: PaymentSummary): Promise<void> {
  await tx.query(
    `INSERT INTO order_payments (payment_id, order_id, provider, status, currency, amount, refunded_amount, paid_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (payment_id) DO UPDATE SET status = EXCLUDED.status, refunded_amount = EXCLUDED.refunded_amount, paid_at = EXCLUDED.paid_at`,
    [payment.id, orderId, payment.provider, payment.status, payment.currency, payment.amount, payment.refundedAmount, payment.paidAt, payment.createdAt],
  );
}

/**
 * The SQL of an order's latest payment as one JSON value (null before any), for the order queries to
 * select beside the order's columns: `o` is the orders row.
 */
export const LATEST_PAYMENT_SQL = `(SELECT jsonb_build_object('id', p.payment_id, 'provider', p.provider, 'status', p.status, 'currency', p.currency,
    'amount', p.amount, 'refundedAmount', p.refunded_amount, 'paidAt', p.paid_at, 'createdAt', p.created_at)
   FROM order_payments p WHERE p.order_id = o.id ORDER BY p.created_at DESC, p.payment_id DESC LIMIT 1)`;

export function paymentOf(json: Record<string, unknown> | null): PaymentSummary | null {
  if (!json) return null;
  return {
    id: json.id as string,
    provider: json.provider as string,
    status: json.status as PaymentSummary['status'],
    currency: json.currency as string,
    amount: Number(json.amount),
    refundedAmount: Number(json.refundedAmount),
    paidAt: json.paidAt ? new Date(json.paidAt as string) : null,
    createdAt: new Date(json.createdAt as string),
  };
}

/**
 * Pending orders older than `placedBefore`, oldest first, except those whose latest payment is a manual one
 * still awaited and that were placed after `transferPlacedBefore` (a bank transfer takes days, not minutes).
 */
export async function overdueOrders(q: Queryable, placedBefore: Date, transferPlacedBefore: Date, limit = 50): Promise<string[]> {
  const rows = await q.query(
    `SELECT o.id FROM orders o
      WHERE o.status = 'pending' AND o.created_at < $1
        AND NOT (o.created_at >= $2 AND EXISTS (
              SELECT 1 FROM order_payments p WHERE p.order_id = o.id AND p.provider = 'manual' AND p.status = 'pending'))
      ORDER BY o.created_at LIMIT $3`,
    [placedBefore, transferPlacedBefore, limit],
  );
  return rows.map((r) => r.id);
}
