import type { EventEnvelope, EventHandler } from '@emporium/kit';
import { lockKey } from '../reviews/reviews.repository.ts';
import { recordDelivered } from './purchases.repository.ts';

interface OrderEventData {
  orderId: string;
  customerId: string;
  productIds: string[];
}

/**
 * `order.delivered` from orders: the customer's reviews of those products become verified purchases, and the
 * pairs are kept so reviews written later start verified. The kit inbox applies each event once.
 */
export const orderEventHandlers: Record<string, EventHandler> = {
  'order.delivered': {
    async apply(tx, event: EventEnvelope<OrderEventData>) {
      const { customerId, productIds } = event.data;
      if (typeof customerId !== 'string' || !Array.isArray(productIds) || productIds.length === 0) return;
      // The same lock a review's creation takes, so a review committed meanwhile is not missed.
      await lockKey(tx, 'customer', customerId);
      await recordDelivered(tx, customerId, productIds.map(String));
    },
  },
};
