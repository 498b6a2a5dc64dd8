import { OrderCancelled, OrderDelivered, OrderPlaced, OrderShipped, subscriptionsOf, type Db, type Subscriptions } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { DiscountsClient, ProductsClient } from './peers.ts';

export interface OrderSettings {
  currency: string;
  deliveryDays: number;
}

/** Everything the order stories need, passed in as plain arguments. */
export interface OrderDeps {
  db: Db;
  products: ProductsClient;
  discounts: DiscountsClient;
  settings: OrderSettings;
  log: FastifyBaseLogger;
  /** Called after a transaction wrote events, so the relay sends them now rather than at its next tick. */
  eventsWritten(): void;
}

/** Who receives the order events: the consumers their contracts name. */
export const ORDER_EVENTS: Subscriptions = subscriptionsOf(OrderPlaced, OrderShipped, OrderCancelled, OrderDelivered);
