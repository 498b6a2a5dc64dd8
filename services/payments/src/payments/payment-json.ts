import { eventOf, PaymentUpdated, publishEvent, type Queryable } from '@emporium/kit';
import { PAYMENT_EVENTS } from './deps.ts';
import type { PaymentRecord } from './payments.repository.ts';
import type { PaymentJson, RefundJson } from './payments.schemas.ts';
import type { RefundRecord } from './refunds.repository.ts';

/**
 * The payment as the API shows it. The client secret lets whoever holds it confirm the Stripe payment,
 * so only its own customer sees it, and only while it waits.
 */
export function toPaymentJson(payment: PaymentRecord, options: { withSecret: boolean }): PaymentJson {
  const money = (amount: number) => ({ amount, currency: payment.currency });
  return {
    id: payment.id,
    orderId: payment.orderId,
    provider: payment.provider,
    status: payment.status,
    amount: money(payment.amount),
    refundedAmount: money(payment.refundedAmount),
    failureCode: payment.failureCode,
    card: payment.card,
    ...(options.withSecret && payment.clientSecret && payment.status === 'pending' ? { clientSecret: payment.clientSecret } : {}),
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

export const toRefundJson = (refund: RefundRecord, currency: string): RefundJson => ({
  id: refund.id,
  paymentId: refund.paymentId,
  amount: { amount: refund.amount, currency },
  reason: refund.reason,
  createdAt: refund.createdAt.toISOString(),
});

/** Tells orders how the payment stands now, in the transaction that changed it. */
export async function publishPayment(tx: Queryable, payment: PaymentRecord): Promise<void> {
  const money = (amount: number) => ({ amount, currency: payment.currency });
  await publishEvent(tx, PAYMENT_EVENTS, eventOf(PaymentUpdated, payment.id, {
    paymentId: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    provider: payment.provider,
    status: payment.status,
    amount: money(payment.amount),
    refundedAmount: money(payment.refundedAmount),
    paidAt: payment.paidAt?.toISOString() ?? null,
    createdAt: payment.createdAt.toISOString(),
  }));
}
