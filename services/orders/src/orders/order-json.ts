import { basisPointsToPercent } from '@emporium/kit';
import type { PaymentSummary } from '../payments/payments.repository.ts';
import type { NewOrder } from './orders.repository.ts';
import type { OrderJson } from './orders.schemas.ts';

/** The order as the public API shows it: money as {amount, currency}, times as ISO 8601 UTC. */
export function toOrderJson(order: NewOrder): OrderJson {
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    items: order.lines.map((l) => ({
      productId: l.productId,
      name: l.name,
      image: l.image,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      discountPercent: basisPointsToPercent(l.discountBps),
      unitDiscountedPrice: money(l.unitDiscountedPrice),
      lineTotal: money(l.lineTotal),
    })),
    total: money(order.total),
    shippingAddress: order.shippingAddress,
    estimatedDelivery: order.estimatedDelivery.toISOString(),
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    history: order.history.map((h) => ({ status: h.status, at: h.at.toISOString(), ...(h.note === null ? {} : { note: h.note }) })),
    payment: paymentJson(order.payment ?? null),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

function paymentJson(payment: PaymentSummary | null): OrderJson['payment'] {
  if (!payment) return null;
  const money = (amount: number) => ({ amount, currency: payment.currency });
  return {
    id: payment.id, provider: payment.provider, status: payment.status, amount: money(payment.amount),
    refundedAmount: money(payment.refundedAmount), paidAt: payment.paidAt?.toISOString() ?? null,
  };
}

/**
 * What every order event carries: who and which products (reviews), and what the customer's email
 * about it shows (notifications): the lines, the total, the address, and the delivery details.
 */
export const orderEventData = (order: NewOrder) => {
  const money = (amount: number) => ({ amount, currency: order.currency });
  const last = order.history[order.history.length - 1];
  return {
    orderId: order.id,
    customerId: order.customerId,
    productIds: order.lines.map((l) => l.productId),
    status: order.status,
    items: order.lines.map((l) => ({ productId: l.productId, name: l.name, quantity: l.quantity, lineTotal: money(l.lineTotal) })),
    total: money(order.total),
    shippingAddress: order.shippingAddress,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    estimatedDelivery: order.estimatedDelivery.toISOString(),
    note: last?.note ?? null,
  };
};
