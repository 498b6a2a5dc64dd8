import { Money } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { ProductIdField } from '../discounts/discounts.schemas.ts';

export const MAX_QUOTE_ITEMS = 100;

export const DiscountInForce = Type.Object({
  id: Type.String(),
  percent: Type.Number(),
  endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const Quote = Type.Object({
  productId: Type.String(),
  price: Money,
  discountedPrice: Money,
  discount: Type.Union([DiscountInForce, Type.Null()]),
});

export const QuoteList = Type.Object({ items: Type.Array(Quote) });

export const PricesQuery = Type.Object({
  productIds: Type.String({ minLength: 1, maxLength: 10_200, description: `Comma-separated product ids, 1..${MAX_QUOTE_ITEMS}` }),
});

export const QuoteRequest = Type.Object({
  items: Type.Array(Type.Object({ productId: ProductIdField, price: Money }), { minItems: 1, maxItems: MAX_QUOTE_ITEMS }),
});
export type QuoteRequest = Static<typeof QuoteRequest>;
