import { startWorkLoop, type WorkLoop } from '@emporium/kit';
import type { OrderDeps } from '../orders/deps.ts';
import { expireUnpaidOrder } from '../orders/orders.service.ts';
import { overdueOrders } from './payments.repository.ts';

export interface ExpirySettings {
  /** ORDER_PAYMENT_TIMEOUT: how long a placed order waits for its payment. */
  paymentTimeoutSeconds: number;
  /** ORDER_TRANSFER_TIMEOUT: how long when the customer chose a bank transfer (a manual payment awaiting confirmation). */
  transferTimeoutSeconds: number;
  intervalMs: number;
  clock: () => Date;
}

/** One round: every order unpaid past its time is cancelled with the note `payment not received`. */
export async function expireOverdueOrders(deps: OrderDeps, settings: ExpirySettings): Promise<number> {
  const now = settings.clock().getTime();
  const due = await overdueOrders(deps.db, new Date(now - settings.paymentTimeoutSeconds * 1000), new Date(now - settings.transferTimeoutSeconds * 1000));
  let expired = 0;
  for (const orderId of due) if (await expireUnpaidOrder(deps, orderId)) expired++;
  return expired;
}

export function startExpiry(deps: OrderDeps, settings: ExpirySettings): WorkLoop {
  return startWorkLoop({ name: 'unpaid order expiry', batchSize: 50, intervalMs: settings.intervalMs, log: deps.log, work: () => expireOverdueOrders(deps, settings) });
}
