import { IdParams, Money } from '@emporium/kit';
import { Type, type Static } from 'typebox';

export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. US' });
const Countries = Type.Array(Type.String({ pattern: '^([A-Z]{2}|\\*)$', description: 'ISO 3166-1 alpha-2, or * for everywhere' }), {
  minItems: 1, maxItems: 250, uniqueItems: true,
});
const Days = Type.Integer({ minimum: 0, maximum: 60 });

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  carrier: Type.String({ minLength: 1, maxLength: 100 }),
  price: Money,
  freeOver: Type.Optional(Type.Union([Money, Type.Null()], { description: 'Free when the subtotal after the promotion reaches this' })),
  minDays: Days,
  maxDays: Days,
  countries: Countries,
  active: Type.Optional(Type.Boolean({ default: true })),
};

export const CreateShippingMethod = Type.Object(fields);
export type CreateShippingMethod = Static<typeof CreateShippingMethod>;

export const UpdateShippingMethod = Type.Partial(Type.Object(fields), { minProperties: 1 });
export type UpdateShippingMethod = Static<typeof UpdateShippingMethod>;

export const ShippingMethod = Type.Object({
  id: Type.String(),
  name: Type.String(),
  carrier: Type.String(),
  price: Money,
  freeOver: Type.Union([Money, Type.Null()]),
  minDays: Type.Integer(),
  maxDays: Type.Integer(),
  countries: Type.Array(Type.String()),
  active: Type.Boolean(),
});
export type ShippingMethodJson = Static<typeof ShippingMethod>;

export const ShippingMethodList = Type.Object({ items: Type.Array(ShippingMethod) });
export const ShippingMethodQuery = Type.Object({
  country: Type.Optional(CountryCode),
  includeInactive: Type.Optional(Type.Boolean({ description: 'Staff only: retired methods too' })),
});
export type ShippingMethodQuery = Static<typeof ShippingMethodQuery>;
export const ShippingMethodParams = IdParams;
