import { eventOf, handlerOf, OrderPaid, PaymentUpdated, publishEvent, type EventHandler, type Queryable } from '@emporium/kit';
import type { Static } from 'typebox';
import { addBusinessDays } from '../orders/delivery-date.ts';
import { ORDER_EVENTS, type OrderDeps } from '../orders/deps.ts';
import { orderEventData } from '../orders/order-json.ts';
import { appendHistory, findOrder, lockOrder, updateOrder } from '../orders/orders.repository.ts';
import { savePayment } from './payments.repository.ts';

type PaymentData = Static<typeof PaymentUpdated.data>;

/**
 * `payment.updated` from payments: the order keeps its payment's latest state, and a pending order whose
 * payment succeeded for its whole total becomes `paid`. The kit inbox applies each event once, newest only.
 */
export function paymentEventHandlers(deps: OrderDeps): Record<string, EventHandler> {
  return {
    [PaymentUpdated.type]: handlerOf(PaymentUpdated, deps.log, async (tx, data) => {
      await savePayment(tx, data.orderId, {
        id: data.paymentId, provider: data.provider, status: data.status, currency: data.amount.currency, amount: data.amount.amount,
        refundedAmount: data.refundedAmount.amount, paidAt: data.paidAt ? new Date(data.paidAt) : null, createdAt: new Date(data.createdAt),
      });
      if (data.status === 'succeeded') await markPaid(deps, tx, data);
    }),
  };
}

/**
 * Under the order's row lock, so a cancellation and the payment are decided one after the other. An order
 * cancelled first stays cancelled: payments refunds that payment when it hears of the cancellation.
 */
async function markPaid(deps: OrderDeps, tx: Queryable, payment: PaymentData): Promise<void> {
  const current = await lockOrder(tx, payment.orderId);
  if (current?.status !== 'pending') return;
  const order = (await findOrder(tx, payment.orderId))!;
  if (payment.amount.amount !== order.total || payment.amount.currency !== order.currency) {
    // Payments charges the total it read from us; anything else is a bug to look at, not a paid order.
    deps.log.error({ orderId: order.id, paymentId: payment.paymentId, paid: payment.amount, total: order.total }, 'a payment does not match its order total');
    return;
  }
  const paidAt = new Date(payment.paidAt ?? Date.now());
  // The method's maxDays business days after payment (orders placed before methods existed: five).
  const days = order.shippingMethod?.maxDays ?? 5;
  await updateOrder(tx, order.id, { status: 'paid', estimatedDelivery: addBusinessDays(paidAt, days) });
  await appendHistory(tx, order.id, 'paid', null);
  // The receipt: the order as it is now paid, with its whole breakdown.
  await publishEvent(tx, ORDER_EVENTS, eventOf(OrderPaid, order.id, orderEventData((await findOrder(tx, order.id))!)));
}
