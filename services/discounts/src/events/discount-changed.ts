import { DiscountChanged, eventOf, publishEvent, subscriptionsOf, type Queryable } from '@emporium/kit';
import { discountInForce } from '../discounts/discount-rules.ts';
import { findActive } from '../discounts/discounts.repository.ts';

/** Who receives what this service publishes: the consumers its contract names (docs/ARCHITECTURE.md, Events). */
export const SUBSCRIPTIONS = subscriptionsOf(DiscountChanged);

/**
 * Writes `discount.changed` for the product into the outbox, inside the caller's transaction:
 * the discount in force at `at`, or null. The caller holds the product's lock, so events of
 * one product get increasing seq in the order their changes committed.
 */
export async function publishDiscountChanged(tx: Queryable, productId: string, at: Date): Promise<void> {
  const [rule] = await findActive(tx, [productId], at);
  await publishEvent(tx, SUBSCRIPTIONS, eventOf(DiscountChanged, productId, { productId, discount: rule ? discountInForce(rule) : null }));
}
