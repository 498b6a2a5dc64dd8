import { discountedAmount, DiscountChanged, handlerOf, RatingChanged, type EventHandler } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { findProductForUpdate, setDiscount, setRating } from '../products/products.repository.ts';

/**
 * The copies products keeps of other services' facts: the discount in force (with the discounted
 * amount computed here, so price sorts and filters are plain SQL) and the rating aggregate.
 * Both events carry the whole current state, so an older one never overwrites a newer one.
 * The kit's contracts validate each event's data before these handlers see it.
 */
export function productEventHandlers(log: FastifyBaseLogger): Record<string, EventHandler> {
  return {
    [DiscountChanged.type]: handlerOf(DiscountChanged, log, async (tx, { productId, discount }) => {
      const product = await findProductForUpdate(tx, productId);
      if (!product) return;
      // The discounts service sends at most two decimals; rounding only guards against float noise such as 12.499999.
      const basisPoints = discount ? Math.round(discount.percent * 100) : 0;
      await setDiscount(
        tx,
        productId,
        discount && { id: discount.id, basisPoints, endsAt: discount.endsAt },
        discountedAmount(product.priceAmount, basisPoints),
      );
    }),
    [RatingChanged.type]: handlerOf(RatingChanged, log, async (tx, { productId, average, count }) => {
      await setRating(tx, productId, count === 0 ? 0 : Math.round(average * 10) / 10, count);
    }),
  };
}
