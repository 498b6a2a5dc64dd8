import type { Db, Subscriptions } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { DiscountsClient, ProductsClient } from './peers.ts';

export interface OrderSettings {
  currency: string;
  deliveryDays: number;
  reservationTtlSeconds: number;
}

/** Everything the order stories need, passed in as plain arguments. */
export interface OrderDeps {
  db: Db;
  products: ProductsClient;
  discounts: DiscountsClient;
  subscriptions: Subscriptions;
  settings: OrderSettings;
  log: FastifyBaseLogger;
  /** Called after a transaction wrote events, so the relay sends them now rather than at its next tick. */
  eventsWritten(): void;
}

export const ORDER_EVENTS: Subscriptions = { reviews: ['order.placed', 'order.cancelled', 'order.delivered'] };
