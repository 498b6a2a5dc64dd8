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
    country: text(100),
  },
  { additionalProperties: false },
);

export const PlaceOrderBody = Type.Object({
  items: Type.Array(Type.Object({ productId: ProductId, quantity: Type.Integer({ minimum: 1, maximum: 99 }) }), { minItems: 1, maxItems: 50 }),
  shippingAddress: ShippingAddress,
});
export type PlaceOrderInput = Static<typeof PlaceOrderBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, description: 'Unique per order attempt; resend the same key to retry safely' }),
});

export const OrderParams = IdParams;

export const OrderListQuery = Type.Object({ ...ListQuery, status: Type.Optional(OrderStatusSchema) });
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

const OrderItem = Type.Object({
  productId: Type.String(),
  name: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Integer(),
  unitPrice: Money,
  discountPercent: Type.Number(),
  unitDiscountedPrice: Money,
  lineTotal: Money,
});

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
  status: OrderStatusSchema,
  items: Type.Array(OrderItem),
  total: Money,
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
