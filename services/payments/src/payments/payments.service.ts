import { AppError, isStaff, startWorkLoop, type AuthUser, type WorkLoop } from '@emporium/kit';
import type { PaymentDeps } from './deps.ts';
import { dropClaimsOf, pruneKeys } from './idempotency.repository.ts';
import { publishPayment, toPaymentJson } from './payment-json.ts';
import * as repo from './payments.repository.ts';

/** An order's payments, oldest first, for its customer or staff. */
export async function listPayments(deps: PaymentDeps, user: AuthUser, orderId: string) {
  const payments = await repo.listByOrder(deps.db, orderId);
  // Another customer's order answers like an unknown one. An order without payments shows nothing either way.
  if (!isStaff(user) && payments.some((p) => p.customerId !== user.userId)) throw new AppError('ORDER.NOT_FOUND', 404, 'Order not found');
  return { items: payments.map((p) => toPaymentJson(p, { withSecret: p.customerId === user.userId })) };
}

/**
 * Attempts whose process died while asking the provider are closed as failed (`processing_error`),
 * freeing the order for another attempt and the key for a retry; stale keys go.
 */
export async function sweep(deps: PaymentDeps, settings: { staleSeconds: number; keyTtlHours: number }): Promise<number> {
  const closed = await deps.db.transaction(async (tx) => {
    const stale = await repo.lockStaleCharges(tx, settings.staleSeconds);
    for (const attempt of stale) {
      await publishPayment(tx, await repo.saveOutcome(tx, attempt.id, { status: 'failed', failureCode: 'processing_error' }));
      await dropClaimsOf(tx, attempt.id);
    }
    return stale.length;
  });
  if (closed > 0) deps.eventsWritten();
  await pruneKeys(deps.db, settings.staleSeconds, settings.keyTtlHours);
  return closed;
}

export function startSweeper(deps: PaymentDeps, settings: { staleSeconds: number; keyTtlHours: number; intervalMs: number }): WorkLoop {
  return startWorkLoop({ name: 'payments sweep', batchSize: 50, intervalMs: settings.intervalMs, log: deps.log, work: () => sweep(deps, settings) });
}
