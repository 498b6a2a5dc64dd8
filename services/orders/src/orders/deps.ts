import { OrderCancelled, OrderDelivered, OrderPlaced, subscriptionsOf, type Db, type Subscriptions } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { Claim } from './idempotency.repository.ts';
import type { PlacedOrder } from './orders.repository.ts';
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
  subscriptions: Subscriptions;
  /** Takes the Idempotency-Key for a request (see insertClaims). Concurrent claims share a statement. */
  insertClaim(claim: Claim): Promise<boolean>;
  /** Saves a placed order (see saveNewOrders); false when its claim was given up. Concurrent saves share a statement. */
  saveOrder(placed: PlacedOrder): Promise<boolean>;
  settings: OrderSettings;
  log: FastifyBaseLogger;
  /** Called after a transaction wrote events, so the relay sends them now rather than at its next tick. */
  eventsWritten(): void;
}

/** Who receives the order events: the consumers their contracts name (today only reviews, for order.delivered). */
export const ORDER_EVENTS: Subscriptions = subscriptionsOf(OrderPlaced, OrderCancelled, OrderDelivered);
