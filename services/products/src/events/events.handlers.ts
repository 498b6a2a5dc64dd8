import { discountedAmount, type EventHandler, type Queryable } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { ProductsRepository } from '../products/products.repository.ts';

export const DiscountChanged = Type.Object({
  productId: Type.String(),
  discount: Type.Union([
    Type.Object({
      id: Type.String(),
      percent: Type.Number({ minimum: 0, maximum: 100 }),
      endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
    Type.Null(),
  ]),
});

export const RatingChanged = Type.Object({
  productId: Type.String(),
  average: Type.Number({ minimum: 0, maximum: 5 }),
  count: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'rating_count is an integer column' }),
});

/**
 * The copies products keeps of other services' facts: the discount in force (with the discounted
 * amount computed here, so price sorts and filters are plain SQL) and the rating aggregate.
 * Both events carry the whole current state, so an older one never overwrites a newer one.
 */
export function productEventHandlers(repo: ProductsRepository, log: FastifyBaseLogger): Record<string, EventHandler> {
  // A malformed event is the producer's bug: it is logged and passed over, so it cannot block the events behind it.
  const malformed = (event: { id: string; type: string }) => log.error({ eventId: event.id, type: event.type }, 'ignored a malformed event');
  return {
    'discount.changed': {
      snapshot: true,
      async apply(tx: Queryable, event) {
        if (!Value.Check(DiscountChanged, event.data)) return malformed(event);
        const { productId, discount } = event.data;
        const product = await repo.findForUpdate(tx, productId);
        if (!product) return;
        // The discounts service sends at most two decimals; rounding only guards against float noise such as 12.499999.
        const basisPoints = discount ? Math.round(discount.percent * 100) : 0;
        await repo.setDiscount(
          tx,
          productId,
          discount && { id: discount.id, basisPoints, endsAt: discount.endsAt },
          discountedAmount(product.price_amount, basisPoints),
        );
      },
    },
    'rating.changed': {
      snapshot: true,
      async apply(tx: Queryable, event) {
        if (!Value.Check(RatingChanged, event.data)) return malformed(event);
        const { productId, count } = event.data;
        const average = count === 0 ? 0 : Math.round(event.data.average * 10) / 10;
        await repo.setRating(tx, productId, average, count);
      },
    },
  };
}
