import { Id } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { BreakdownFields, OrderItem, OrderLines, PromoCode, ShippingAddress } from '../orders/orders.schemas.ts';


export const QuoteBody = Type.Object({
  items: OrderLines,
  shippingAddress: Type.Optional(ShippingAddress),
  shippingMethodId: Type.Optional(Id()),
  promoCode: Type.Optional(PromoCode),
});
export type QuoteInput = Static<typeof QuoteBody>;

export const Quote = Type.Object({
  items: Type.Array(OrderItem),
  ...BreakdownFields,
  currency: Type.String(),
});
export type QuoteJson = Static<typeof Quote>;
