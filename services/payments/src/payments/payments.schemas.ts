import { Id, IdParams, Money } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { PROVIDER_NAMES } from '../providers/index.ts';

const DateTime = Type.String({ format: 'date-time' });

export const Card = Type.Object({
  number: Type.String({ minLength: 12, maxLength: 19, pattern: '^[0-9]+$', description: 'Digits only; checked (Luhn) and never stored' }),
  expMonth: Type.Integer({ minimum: 1, maximum: 12 }),
  expYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
  cvc: Type.String({ minLength: 3, maxLength: 4, pattern: '^[0-9]+$', description: 'Never stored' }),
});

export const NewPayment = Type.Object({
  orderId: Id(),
  provider: Type.Enum([...PROVIDER_NAMES], { description: 'test_card (the sandbox), manual (bank transfer, cash: an employee confirms it), stripe (when the shop has it)' }),
  card: Type.Optional(Card),
});
export type NewPayment = Static<typeof NewPayment>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, description: 'Unique per payment attempt; resend the same key to retry safely' }),
});

export const PaymentStatus = Type.Enum(['pending', 'succeeded', 'failed']);

export const Payment = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  provider: Type.String(),
  status: PaymentStatus,
  amount: Money,
  refundedAmount: Money,
  failureCode: Type.Union([Type.String({ description: 'card_declined, insufficient_funds, expired_card, processing_error, ...' }), Type.Null()]),
  card: Type.Union([Type.Object({ brand: Type.String(), last4: Type.String() }), Type.Null()]),
  clientSecret: Type.Optional(Type.String({ description: 'stripe only, for Stripe.js to confirm the payment; shown to its customer' })),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type PaymentJson = Static<typeof Payment>;

export const PaymentList = Type.Object({ items: Type.Array(Payment) });

export const PaymentListQuery = Type.Object({ orderId: Id() });

export const PaymentParams = IdParams;

export const NewRefund = Type.Object({
  amount: Money,
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
});
export type NewRefund = Static<typeof NewRefund>;

export const Refund = Type.Object({
  id: Type.String(),
  paymentId: Type.String(),
  amount: Money,
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});
export type RefundJson = Static<typeof Refund>;

export const WebhookAnswer = Type.Object({ received: Type.Boolean() });
