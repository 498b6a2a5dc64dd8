import { Id, IdParams, ListQuery, Money } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { ORDER_STATUSES } from './transitions.ts';

export const OrderStatusSchema = Type.Enum([...ORDER_STATUSES]);

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const ProductId = Id();

export const ShippingAddress = Type.Object(
  {
    name: text(200),
    line1: text(200),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: text(100),
    postalCode: text(20),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. US: what shipping methods and tax rates are keyed by' }),
  },
  { additionalProperties: false },
);

/** A code as customers type it: any case; one that names no promotion is a 422 `unknown`, not a 400. */
export const PromoCode = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$', description: 'A promotion code, any case' });

export const OrderLines = Type.Array(Type.Object({ productId: ProductId, quantity: Type.Integer({ minimum: 1, maximum: 99 }) }), { minItems: 1, maxItems: 50 });

export const PlaceOrderBody = Type.Object({
  items: OrderLines,
  shippingAddress: ShippingAddress,
  shippingMethodId: Id({ description: 'One of GET /api/shipping-methods?country= for the address' }),
  promoCode: Type.Optional(PromoCode),
});
export type PlaceOrderInput = Static<typeof PlaceOrderBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, description: 'Unique per order attempt; resend the same key to retry safely' }),
});

export const OrderParams = IdParams;

export const OrderListQuery = Type.Object({
  ...ListQuery,
  status: Type.Optional(OrderStatusSchema),
  q: Type.Optional(Type.String({
    minLength: 1, maxLength: 254, pattern: '^[^\\s,]+$', description: "An order number's first characters (at least 4), or a customer's email",
  })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Placed at or after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Placed before this time' })),
});
export type OrderListInput = Static<typeof OrderListQuery>;

export const StatusChangeBody = Type.Object({
  status: OrderStatusSchema,
  carrier: Type.Optional(text(100)),
  trackingNumber: Type.Optional(text(100)),
  estimatedDelivery: Type.Optional(Type.String({ format: 'date-time' })),
  note: Type.Optional(text(500)),
});
export type StatusChangeInput = Static<typeof StatusChangeBody>;

// A cancel usually has no body at all (null to the validator); a note may come with it.
export const CancelBody = Type.Union([Type.Object({ note: Type.Optional(text(500)) }), Type.Null()]);

export const OrderItem = Type.Object({
  productId: Type.String(),
  name: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Integer(),
  unitPrice: Money,
  discountPercent: Type.Number(),
  unitDiscountedPrice: Money,
  lineTotal: Money,
});

/** The priced breakdown a quote gives and an order keeps (see checkout/breakdown.ts for the arithmetic). */
export const BreakdownFields = {
  subtotal: Money,
  promotion: Type.Union([Type.Object({ code: Type.String(), type: Type.Enum(['percent', 'fixed', 'free_shipping']), amount: Money }), Type.Null()]),
  shippingMethod: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), carrier: Type.String() }), Type.Null()]),
  shippingTotal: Money,
  taxTotal: Money,
  taxIncluded: Type.Boolean({ description: 'true: taxTotal is the part of the prices that is tax; false: it was added to the total' }),
  total: Money,
};
const OrderPayment = Type.Object({
  id: Type.String(),
  provider: Type.String(),
  status: Type.Enum(['pending', 'succeeded', 'failed']),
  amount: Money,
  refundedAmount: Money,
  paidAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const Order = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  customer: Type.Object({ name: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }, { description: 'The account as it was when the order was placed' }),
  status: OrderStatusSchema,
  items: Type.Array(OrderItem),
  ...BreakdownFields,
  shippingAddress: ShippingAddress,
  estimatedDelivery: Type.String({ format: 'date-time' }),
  carrier: Type.Union([Type.String(), Type.Null()]),
  trackingNumber: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(Type.Object({ status: OrderStatusSchema, at: Type.String({ format: 'date-time' }), note: Type.Optional(Type.String()) })),
  payment: Type.Union([OrderPayment, Type.Null()], { description: "The order's latest payment; null before any" }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type OrderJson = Static<typeof Order>;

export const Purchases = Type.Object({ ordered: Type.Boolean(), delivered: Type.Boolean() });
export const PurchasesQuery = Type.Object({ customerId: Id(), productId: ProductId });
