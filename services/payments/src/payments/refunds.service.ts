import { randomUUID } from 'node:crypto';
import { AppError, assertCurrency, formatMoney, startWorkLoop, type WorkLoop } from '@emporium/kit';
import type { PaymentDeps } from './deps.ts';
import { publishPayment, toRefundJson } from './payment-json.ts';
import * as repo from './payments.repository.ts';
import type { NewRefund, RefundJson } from './payments.schemas.ts';
import { insertRefund, leaseDueRefunds, markSendFailed, markSent, refundToSend } from './refunds.repository.ts';

/**
 * An employee gives back part or all of a succeeded payment. The check and the record happen under the
 * payment's row lock, so refunds racing each other never add up to more than was paid (409). The money
 * goes back at the provider right after, by the refund sender.
 */
export async function refundPayment(deps: PaymentDeps, paymentId: string, input: NewRefund): Promise<RefundJson> {
  assertCurrency(input.amount, deps.currency);
  if (input.amount.amount < 1) {
    throw new AppError('REQUEST.INVALID', 400, 'A refund is at least one minor unit', { errors: [{ path: '/body/amount/amount', message: 'must be >= 1' }] });
  }
  const refund = await deps.db.transaction(async (tx) => {
    const payment = await repo.lockPayment(tx, paymentId);
    if (!payment) throw new AppError('PAYMENT.NOT_FOUND', 404, 'Payment not found');
    if (payment.status !== 'succeeded') throw new AppError('PAYMENT.NOT_REFUNDABLE', 409, `A payment that is ${payment.status} cannot be refunded`);
    const left = payment.amount - payment.refundedAmount;
    if (input.amount.amount > left) {
      const refundable = { amount: left, currency: payment.currency };
      throw new AppError('PAYMENT.REFUND_TOO_LARGE', 409, `Only ${formatMoney(refundable)} of this payment is left to refund`, { refundable });
    }
    const saved = await insertRefund(tx, { id: randomUUID(), paymentId, amount: input.amount.amount, reason: input.reason ?? null });
    await publishPayment(tx, await repo.addRefunded(tx, paymentId, input.amount.amount));
    return saved;
  });
  deps.eventsWritten();
  deps.refundsWritten();
  return toRefundJson(refund, deps.currency);
}

/** Sends one recorded refund to its provider; on failure it stays due and is tried again later. */
async function sendRefund(deps: PaymentDeps, refundId: string): Promise<void> {
  const refund = await refundToSend(deps.db, refundId);
  if (!refund) return;
  try {
    const provider = deps.providers[refund.provider as keyof typeof deps.providers];
    if (!provider) throw new Error(`the ${refund.provider} provider is not enabled`);
    await provider.refund({ refundId: refund.id, paymentId: refund.paymentId, providerRef: refund.providerRef, amount: { amount: refund.amount, currency: refund.currency } });
    await markSent(deps.db, refund.id);
  } catch (err) {
    deps.log.warn({ refundId, err: (err as Error).message }, 'refund not sent to the provider yet; it will be tried again');
    await markSendFailed(deps.db, refund.id, (err as Error).message);
  }
}

/** Works through recorded refunds until each provider has taken them (idempotent by refund id). */
export function startRefundSender(deps: PaymentDeps, intervalMs: number): WorkLoop {
  return startWorkLoop({
    name: 'refund sender',
    batchSize: 50,
    intervalMs,
    log: deps.log,
    async work() {
      const due = await leaseDueRefunds(deps.db, 50);
      for (const id of due) await sendRefund(deps, id);
      return due.length;
    },
  });
}
