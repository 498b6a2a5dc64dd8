import { Id, IdParams, ListQuery, Page } from '@emporium/kit';
import { Type, type Static } from 'typebox';

export const ProductIdField = Id();

const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with a time zone, e.g. 2026-12-01T09:00:00Z' });
const OpenEnd = Type.Union([Instant, Type.Null()]);
const Percent = Type.Number({ minimum: 1, maximum: 90, description: 'Percent off, 1..90, at most two decimals' });

export const Discount = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  percent: Type.Number(),
  startsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const DiscountPage = Page(Discount);

export const DiscountQuery = Type.Object({ productId: Type.Optional(ProductIdField), ...ListQuery });
export type DiscountQuery = Static<typeof DiscountQuery>;

export const DiscountParams = IdParams;

export const CreateDiscount = Type.Object({
  productId: ProductIdField,
  percent: Percent,
  startsAt: Type.Optional(OpenEnd),
  endsAt: Type.Optional(OpenEnd),
});
export type CreateDiscount = Static<typeof CreateDiscount>;

export const UpdateDiscount = Type.Object(
  { percent: Type.Optional(Percent), startsAt: Type.Optional(OpenEnd), endsAt: Type.Optional(OpenEnd) },
  { minProperties: 1 },
);
export type UpdateDiscount = Static<typeof UpdateDiscount>;

export const StandingDiscounts = Type.Object({
  items: Type.Array(Type.Object({ productId: ProductIdField, percent: Percent }), { minItems: 1, maxItems: 100 }),
  dryRun: Type.Optional(Type.Boolean()),
});
export type StandingDiscounts = Static<typeof StandingDiscounts>;

export const StandingResult = Type.Object({
  productId: Type.String(),
  status: Type.Union([Type.Literal('unchanged'), Type.Literal('created'), Type.Literal('updated'), Type.Literal('refused')]),
  detail: Type.Optional(Type.String()),
});
export type StandingResult = Static<typeof StandingResult>;
