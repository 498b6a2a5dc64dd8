// What the cart costs: each line at today's quote where there is one, at the price seen when it was
// added otherwise, and the totals the cart and the checkout show. Pure, so the rules are unit-tested.
import type { PriceQuote } from '../api/endpoints.ts';
import type { Money } from '../api/types.ts';
import { sumMoney } from '../format.ts';
import type { CartLine } from './cart.ts';

export type LineQuote = Pick<PriceQuote, 'price' | 'discountedPrice' | 'discount'>;

export interface PricedLine extends CartLine {
  quote: LineQuote;
}

export interface CartTotals {
  subtotal: Money;
  total: Money;
  savings: Money;
}

export function priceLines(lines: CartLine[], quotes: PriceQuote[] | undefined): PricedLine[] {
  return lines.map((line) => {
    const quote = quotes?.find((item) => item.productId === line.productId);
    return { ...line, quote: quote ?? { price: line.unitPrice, discountedPrice: line.unitDiscountedPrice, discount: null } };
  });
}

export function lineTotal(line: PricedLine): Money {
  return { ...line.quote.discountedPrice, amount: line.quote.discountedPrice.amount * line.quantity };
}

export function cartTotals(lines: PricedLine[]): CartTotals {
  const currency = lines[0]?.quote.price.currency ?? 'USD';
  const subtotal = sumMoney(lines.map((l) => ({ amount: l.quote.price.amount * l.quantity, currency })), currency);
  const total = sumMoney(lines.map((l) => ({ amount: l.quote.discountedPrice.amount * l.quantity, currency })), currency);
  return { subtotal, total, savings: { amount: subtotal.amount - total.amount, currency } };
}

/** The product ids a quote is asked for: sorted, so the same cart asks the same question. */
export const quoteKey = (lines: CartLine[]) => lines.map((line) => line.productId).sort().join(',');
