import { basisPointsToPercent } from '@emporium/kit';
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
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/** What every order event carries. */
export const orderEventData = (order: NewOrder) => ({
  orderId: order.id,
  customerId: order.customerId,
  productIds: order.lines.map((l) => l.productId),
});
