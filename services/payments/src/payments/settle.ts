import { randomUUID } from 'node:crypto';
import { AppError, type Queryable } from '@emporium/kit';
import type { StripeNotice } from '../providers/stripe.ts';
import type { PaymentDeps } from './deps.ts';
import { publishPayment, toPaymentJson } from './payment-json.ts';
import * as repo from './payments.repository.ts';
import type { PaymentJson } from './payments.schemas.ts';
import { insertRefund } from './refunds.repository.ts';

const notFound = () => new AppError('PAYMENT.NOT_FOUND', 404, 'Payment not found');

/** Records the refund of what is left of a payment (sent to the provider by the refund sender); the caller holds the order's lock. */
export async function refundRest(tx: Queryable, payment: repo.PaymentRecord, reason: string): Promise<repo.PaymentRecord> {
  const rest = payment.amount - payment.refundedAmount;
  if (rest <= 0) return payment;
  await insertRefund(tx, { id: randomUUID(), paymentId: payment.id, amount: rest, reason });
  return repo.addRefunded(tx, payment.id, rest);
}

/**
 * A payment that succeeded outside the attempt (an employee's capture, Stripe's webhook) takes the order's
 * one place for a succeeded payment, under the order's lock. An order cancelled meanwhile gets its money back.
 */
async function succeed(tx: Queryable, payment: repo.PaymentRecord): Promise<{ payment: repo.PaymentRecord; refunded: boolean }> {
  let saved = await repo.saveOutcome(tx, payment.id, { status: 'succeeded' });
  const refunded = await repo.isOrderCancelled(tx, payment.orderId);
  if (refunded) saved = await refundRest(tx, saved, 'order cancelled before the payment completed');
  await publishPayment(tx, saved);
  return { payment: saved, refunded };
}

/** An employee confirms that a bank transfer or cash payment arrived. */
export async function capturePayment(deps: PaymentDeps, paymentId: string): Promise<PaymentJson> {
  const found = await repo.findPayment(deps.db, paymentId);
  if (!found) throw notFound();
  const result = await deps.db.transaction(async (tx) => {
    await repo.lockOrder(tx, found.orderId);
    const payment = (await repo.lockPayment(tx, paymentId))!;
    if (payment.provider !== 'manual') throw new AppError('PAYMENT.NOT_CAPTURABLE', 409, 'Only a manual payment is confirmed by hand');
    if (payment.status !== 'pending') throw new AppError('PAYMENT.NOT_CAPTURABLE', 409, `This payment has ${payment.status} already`);
    if (await repo.isOrderCancelled(tx, payment.orderId)) throw new AppError('ORDER.NOT_PAYABLE', 409, 'The order was cancelled; give the money back instead');
    const active = await repo.findActive(tx, payment.orderId);
    if (active) throw new AppError('ORDER.ALREADY_PAID', 409, 'This order is paid (or being paid) by another payment', { paymentId: active.id });
    return succeed(tx, payment);
  });
  deps.eventsWritten();
  if (result.refunded) deps.refundsWritten();
  return toPaymentJson(result.payment, { withSecret: false });
}

/**
 * A verified Stripe event, applied once (its id is kept in the same transaction). A success for an order
 * that another payment paid meanwhile is money taken twice: that payment is recorded as failed
 * (`duplicate_payment`) and refunded in full at Stripe.
 */
export async function applyStripeNotice(deps: PaymentDeps, notice: StripeNotice): Promise<void> {
  if (!notice.outcome || !notice.paymentIntentId) return;
  const found = await repo.findByProviderRef(deps.db, 'stripe', notice.paymentIntentId);
  if (!found) {
    deps.log.warn({ eventId: notice.eventId, paymentIntent: notice.paymentIntentId }, 'a Stripe event for a PaymentIntent this shop does not know');
    return;
  }
  const refunded = await deps.db.transaction(async (tx) => {
    await repo.lockOrder(tx, found.orderId);
    if (!(await repo.firstSightOfEvent(tx, 'stripe', notice.eventId))) return false;
    const payment = (await repo.lockPayment(tx, found.id))!;
    if (payment.status !== 'pending') return false;                     // a final state stays final
    if (notice.outcome!.status === 'failed') {
      await publishPayment(tx, await repo.saveOutcome(tx, payment.id, notice.outcome!));
      return false;
    }
    const active = await repo.findActive(tx, payment.orderId);
    // An attempt under way may still fail: Stripe is told to try again later (the event is not kept: this transaction rolls back).
    if (active?.charging) throw new AppError('PAYMENT.IN_PROGRESS', 503, 'Another payment of this order is under way; send this event again later');
    if (active) {
      const failed = await repo.saveOutcome(tx, payment.id, { status: 'failed', failureCode: 'duplicate_payment' });
      await publishPayment(tx, await refundRest(tx, failed, 'the order was paid by another payment'));
      return true;
    }
    return (await succeed(tx, payment)).refunded;
  });
  deps.eventsWritten();
  if (refunded) deps.refundsWritten();
}

/**
 * `order.cancelled` from orders (the customer, an employee, or the expiry of an unpaid order): the rest of
 * the order's succeeded payment goes back, and the cancellation is kept so a payment that succeeds
 * afterwards is refunded too. Runs in the inbox's transaction, under the same order lock as every success.
 */
export async function orderCancelled(tx: Queryable, orderId: string): Promise<boolean> {
  await repo.lockOrder(tx, orderId);
  await repo.recordCancelledOrder(tx, orderId);
  const active = await repo.findActive(tx, orderId);
  // Read again under its row lock: an employee's refund of it may have just committed.
  const paid = active?.status === 'succeeded' ? await repo.lockPayment(tx, active.id) : null;
  if (!paid || paid.refundedAmount >= paid.amount) return false;
  await publishPayment(tx, await refundRest(tx, paid, 'order cancelled'));
  return true;
}
