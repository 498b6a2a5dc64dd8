import { handlerOf, OrderCancelled, type EventHandler } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { orderCancelled } from '../payments/settle.ts';

/** What payments hears from orders: a cancelled order gets back what it paid. The kit inbox applies each event once. */
export function orderEventHandlers(log: FastifyBaseLogger): Record<string, EventHandler> {
  return {
    [OrderCancelled.type]: handlerOf(OrderCancelled, log, async (tx, { orderId }) => {
      await orderCancelled(tx, orderId);
    }),
  };
}
