import { Id, IdParams, ListQuery, Money, Page } from '@emporium/kit';
import { Type, type Static } from 'typebox';

const Code = Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$', description: 'Letters, digits, - and _; any case (kept upper-cased)' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with a time zone' });
const OpenEnd = Type.Union([Instant, Type.Null()]);
const Count = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });
const PromotionType = Type.Enum(['percent', 'fixed', 'free_shipping']);
const Value = Type.Union([
  Type.Number({ minimum: 1, maximum: 90, description: 'percent: 1..90, at most two decimals' }),
  Money,
], { description: 'percent: a number; fixed: a Money; free_shipping: none' });

const fields = {
  code: Code,
  type: PromotionType,
  value: Type.Optional(Value),
  minSubtotal: Type.Optional(Type.Union([Money, Type.Null()])),
  startsAt: Type.Optional(OpenEnd),
  endsAt: Type.Optional(OpenEnd),
  usageLimit: Type.Optional(Type.Union([Count, Type.Null()])),
  perCustomerLimit: Type.Optional(Type.Union([Count, Type.Null()])),
};

export const CreatePromotion = Type.Object(fields);
export type CreatePromotion = Static<typeof CreatePromotion>;

export const UpdatePromotion = Type.Object(
  { ...fields, code: Type.Optional(Code), type: Type.Optional(PromotionType), value: Type.Optional(Type.Union([Value, Type.Null()])) },
  { minProperties: 1 },
);
export type UpdatePromotion = Static<typeof UpdatePromotion>;

export const Promotion = Type.Object({
  id: Type.String(),
  code: Type.String(),
  type: PromotionType,
  value: Type.Union([Type.Number(), Money, Type.Null()]),
  minSubtotal: Type.Union([Money, Type.Null()]),
  startsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  usageLimit: Type.Union([Type.Integer(), Type.Null()]),
  perCustomerLimit: Type.Union([Type.Integer(), Type.Null()]),
  timesUsed: Type.Integer(),
  active: Type.Boolean({ description: 'Started, not ended and not used up' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const PromotionPage = Page(Promotion);
export const PromotionQuery = Type.Object(ListQuery);
export type PromotionQuery = Static<typeof PromotionQuery>;
export const PromotionParams = IdParams;

// Internal: what orders asks when it prices a basket (check) and when it places the order (redeem).
export const PromotionUse = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$', description: 'As the customer typed it' }),
  customerId: Id(),
  subtotal: Money,
});
export const Redemption = Type.Object({ ...PromotionUse.properties, orderId: Id() });
export const RedemptionParams = Type.Object({ orderId: Id() });
// Batches, for an orders service pricing and placing many orders at once: each entry is decided on its own.
export const PromotionUseBatch = Type.Object({ uses: Type.Array(PromotionUse, { minItems: 1, maxItems: 100 }) });
export const RedemptionBatch = Type.Object({ redemptions: Type.Array(Redemption, { minItems: 1, maxItems: 100 }) });
