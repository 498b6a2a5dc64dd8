import { PaymentUpdated, subscriptionsOf, type Db, type Subscriptions } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { OrdersClient } from '../orders/orders.client.ts';
import type { Providers } from '../providers/index.ts';
import type { StripeGateway } from '../providers/stripe.ts';

/** Everything the payment stories need, passed in as plain arguments. */
export interface PaymentDeps {
  db: Db;
  orders: OrdersClient;
  providers: Providers;
  /** Set when the shop takes Stripe (STRIPE_SECRET_KEY). */
  stripe: StripeGateway | null;
  currency: string;
  log: FastifyBaseLogger;
  /** After a transaction wrote events: the relay sends them now rather than at its next tick. */
  eventsWritten(): void;
  /** After a refund was recorded: the sender passes it to the provider now. */
  refundsWritten(): void;
}

export const PAYMENT_EVENTS: Subscriptions = subscriptionsOf(PaymentUpdated);
