import { handlerOf, OrderDelivered, type EventHandler } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { lockKey } from '../reviews/reviews.repository.ts';
import { recordDelivered } from './purchases.repository.ts';

/**
 * `order.delivered` from orders: the customer's reviews of those products become verified purchases, and the
 * pairs are kept so reviews written later start verified. The kit inbox applies each event once.
 */
export function orderEventHandlers(log: FastifyBaseLogger): Record<string, EventHandler> {
  return {
    [OrderDelivered.type]: handlerOf(OrderDelivered, log, async (tx, { customerId, productIds }) => {
      // The same lock a review's creation takes, so a review committed meanwhile is not missed.
      await lockKey(tx, 'customer', customerId);
      await recordDelivered(tx, customerId, productIds);
    }),
  };
}
