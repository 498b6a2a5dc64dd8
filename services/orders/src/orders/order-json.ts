import { basisPointsToPercent } from '@emporium/kit';
import type { Breakdown } from '../checkout/breakdown.ts';
import type { PaymentSummary } from '../payments/payments.repository.ts';
import type { NewOrder } from './orders.repository.ts';
import type { OrderJson } from './orders.schemas.ts';
import type { PricedLine } from './pricing.ts';

const moneyIn = (currency: string) => (amount: number) => ({ amount, currency });

export function itemsJson(lines: PricedLine[], currency: string): OrderJson['items'] {
  const money = moneyIn(currency);
  return lines.map((l) => ({
    productId: l.productId,
    name: l.name,
    image: l.image,
    quantity: l.quantity,
    unitPrice: money(l.unitPrice),
    discountPercent: basisPointsToPercent(l.discountBps),
    unitDiscountedPrice: money(l.unitDiscountedPrice),
    lineTotal: money(l.lineTotal),
  }));
}

type ShippingMethodRef = { id: string; name: string; carrier: string } | null;

/** The priced breakdown as a quote and an order show it. */
export function breakdownJson(b: Breakdown & { shippingMethod: ShippingMethodRef }, currency: string) {
  const money = moneyIn(currency);
  return {
    subtotal: money(b.subtotal),
    promotion: b.promotion && { code: b.promotion.code, type: b.promotion.type, amount: money(b.promotion.amount) },
    shippingMethod: b.shippingMethod && { id: b.shippingMethod.id, name: b.shippingMethod.name, carrier: b.shippingMethod.carrier },
    shippingTotal: money(b.shippingTotal),
    taxTotal: money(b.taxTotal),
    taxIncluded: b.taxIncluded,
    total: money(b.total),
  };
}

/** The order as the public API shows it: money as {amount, currency}, times as ISO 8601 UTC. */
export function toOrderJson(order: NewOrder): OrderJson {
  return {
    id: order.id,
    customerId: order.customerId,
    customer: order.customer,
    status: order.status,
    items: itemsJson(order.lines, order.currency),
    ...breakdownJson(order, order.currency),
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
 * about it shows (notifications): the lines, the priced breakdown, the address, and the delivery details.
 */
export const orderEventData = (order: NewOrder) => {
  const money = moneyIn(order.currency);
  const last = order.history[order.history.length - 1];
  return {
    orderId: order.id,
    customerId: order.customerId,
    productIds: order.lines.map((l) => l.productId),
    status: order.status,
    items: order.lines.map((l) => ({ productId: l.productId, name: l.name, quantity: l.quantity, lineTotal: money(l.lineTotal) })),
    ...breakdownJson(order, order.currency),
    shippingAddress: order.shippingAddress,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    estimatedDelivery: order.estimatedDelivery.toISOString(),
    note: last?.note ?? null,
    payment: order.payment
      ? { provider: order.payment.provider, status: order.payment.status, amount: money(order.payment.amount), refundedAmount: money(order.payment.refundedAmount) }
      : null,
  };
};
