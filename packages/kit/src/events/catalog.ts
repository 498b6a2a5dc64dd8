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

const Money = Type.Object({ amount: Type.Integer(), currency: Type.String() });

/**
 * What every order event carries. Key: orderId. The details (what the customer's email shows) are
 * optional for events written before they existed.
 */
const OrderFacts = Type.Object({
  orderId: Type.String(),
  customerId: Type.String(),
  productIds: Type.Array(Type.String(), { minItems: 1 }),
  status: Type.Optional(Type.String()),
  items: Type.Optional(Type.Array(Type.Object({ productId: Type.String(), name: Type.String(), quantity: Type.Integer(), lineTotal: Money }))),
  subtotal: Type.Optional(Money),
  promotion: Type.Optional(Type.Union([Type.Object({ code: Type.String(), type: Type.String(), amount: Money }), Type.Null()])),
  shippingMethod: Type.Optional(Type.Union([Type.Object({ id: Type.String(), name: Type.String(), carrier: Type.String() }), Type.Null()])),
  shippingTotal: Type.Optional(Money),
  taxTotal: Type.Optional(Money),
  taxIncluded: Type.Optional(Type.Boolean()),
  total: Type.Optional(Money),
  shippingAddress: Type.Optional(
    Type.Object({
      name: Type.String(), line1: Type.String(), line2: Type.Optional(Type.String()), city: Type.String(), postalCode: Type.String(), country: Type.String(),
    }),
  ),
  carrier: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  trackingNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  estimatedDelivery: Type.Optional(Type.String()),
  note: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The order's latest payment when the event was written (a cancelled paid order is refunded by payments). */
  payment: Type.Optional(Type.Union([
    Type.Object({ provider: Type.String(), status: Type.String(), amount: Money, refundedAmount: Money }),
    Type.Null(),
  ])),
});

/** Written when an order is placed: the customer is emailed what is owed. */
export const OrderPlaced = defineEvent({ type: 'order.placed', snapshot: false, consumers: ['notifications'], data: OrderFacts });

/** A succeeded payment of the whole total made the order paid: the customer is emailed the receipt. */
export const OrderPaid = defineEvent({ type: 'order.paid', snapshot: false, consumers: ['notifications'], data: OrderFacts });

/** The parcel left, with carrier and tracking number: the customer is emailed. */
export const OrderShipped = defineEvent({ type: 'order.shipped', snapshot: false, consumers: ['notifications'], data: OrderFacts });

/**
 * Written when an order is cancelled: the customer is emailed, and payments refunds what is left of the
 * order's succeeded payment (and refunds a payment that succeeds later, the expiry race).
 */
export const OrderCancelled = defineEvent({ type: 'order.cancelled', snapshot: false, consumers: ['notifications', 'payments'], data: OrderFacts });

/** The order reached the customer: reviews of its products become verified purchases; the customer is invited to review. */
export const OrderDelivered = defineEvent({ type: 'order.delivered', snapshot: false, consumers: ['reviews', 'notifications'], data: OrderFacts });

/**
 * An account email's token, in the clear: the email must carry it, and only the notifications service
 * receives these events. The token is single-use and lives an hour; users keeps only its hash. Key: userId.
 */
const AccountEmail = Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String(), token: Type.String() });

/** A new account: the verification email. */
export const UserRegistered = defineEvent({ type: 'user.registered', snapshot: false, consumers: ['notifications'], data: AccountEmail });

/** The verification email again, asked for by the signed-in user. */
export const UserVerificationRequested = defineEvent({ type: 'user.verification_requested', snapshot: false, consumers: ['notifications'], data: AccountEmail });

/** A password reset link, asked for with the account's email. */
export const UserPasswordResetRequested = defineEvent({ type: 'user.password_reset_requested', snapshot: false, consumers: ['notifications'], data: AccountEmail });

/**
 * A payment as it stands now (its whole summary, so a consumer keeps the newest only). Key: paymentId.
 * Orders moves a pending order to `paid` on a succeeded payment of its whole total and shows the latest
 * payment on the order.
 */
export const PaymentUpdated = defineEvent({
  type: 'payment.updated',
  snapshot: true,
  consumers: ['orders'],
  data: Type.Object({
    paymentId: Type.String(),
    orderId: Type.String(),
    customerId: Type.String(),
    provider: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
    amount: Money,
    refundedAmount: Money,
    paidAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  }),
});
