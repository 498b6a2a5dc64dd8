import { Type } from 'typebox';
import { defineEvent } from './contract.ts';

// Every event of the platform, defined once: producers publish with these, consumers validate with them,
// and an event goes only to the services listed as its consumers. docs/ARCHITECTURE.md, "Events", is the table.

/** The discount in force for a product now; sent on every rule change and when a window starts or ends. Key: productId. */
export const DiscountChanged = defineEvent({
  type: 'discount.changed',
  snapshot: true,
  consumers: ['products'],
  data: Type.Object({
    productId: Type.String(),
    discount: Type.Union([
      Type.Object({
        id: Type.String(),
        percent: Type.Number({ minimum: 0, maximum: 100 }),
        endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      }),
      Type.Null(),
    ]),
  }),
});

/** A product's rating over its visible reviews (average with one decimal, 0 while count is 0). Key: productId. */
export const RatingChanged = defineEvent({
  type: 'rating.changed',
  snapshot: true,
  consumers: ['products'],
  data: Type.Object({
    productId: Type.String(),
    average: Type.Number({ minimum: 0, maximum: 5 }),
    count: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'rating_count is an integer column' }),
  }),
});

/** What every order event carries. Key: orderId. */
const OrderFacts = Type.Object({
  orderId: Type.String(),
  customerId: Type.String(),
  productIds: Type.Array(Type.String(), { minItems: 1 }),
});

/** Written when an order is placed; no service handles it yet, so it is sent nowhere. */
export const OrderPlaced = defineEvent({ type: 'order.placed', snapshot: false, consumers: [], data: OrderFacts });

/** Written when an order is cancelled; no service handles it yet, so it is sent nowhere. */
export const OrderCancelled = defineEvent({ type: 'order.cancelled', snapshot: false, consumers: [], data: OrderFacts });

/** The order reached the customer: reviews of its products become verified purchases. */
export const OrderDelivered = defineEvent({ type: 'order.delivered', snapshot: false, consumers: ['reviews'], data: OrderFacts });
