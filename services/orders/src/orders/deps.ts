import { OrderCancelled, OrderDelivered, OrderPaid, OrderPlaced, OrderShipped, subscriptionsOf, type Db, type Subscriptions } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { DiscountsClient, ProductsClient } from './peers.ts';
import type { ReleaseHolds } from './releases.ts';

export interface OrderSettings {
  currency: string;
  /** SHOP_PRICES_INCLUDE_TAX: catalog prices already hold the tax, and an order shows the part that is. */
  pricesIncludeTax: boolean;
}

/** Everything the order stories need, passed in as plain arguments. */
export interface OrderDeps {
  db: Db;
  products: ProductsClient;
  discounts: DiscountsClient;
  settings: OrderSettings;
  /** Gives back what a cancelled or failed order holds at products and discounts. */
  releaseHolds: ReleaseHolds;
  log: FastifyBaseLogger;
  /** Called after a transaction wrote events, so the relay sends them now rather than at its next tick. */
  eventsWritten(): void;
}

/** Who receives the order events: the consumers their contracts name. */
export const ORDER_EVENTS: Subscriptions = subscriptionsOf(OrderPlaced, OrderPaid, OrderShipped, OrderCancelled, OrderDelivered);
