// The one pricing function of checkout: the quote and the placed order both come from priceBasket, so
// they can never disagree. All amounts are integer minor units; the steps follow the public contract.

/** What a code gives, as discounts returns it (its counters stay there). */
export interface PromotionTerms {
  id: string;
  code: string;
  type: 'percent' | 'fixed' | 'free_shipping';
  /** percent: hundredths of a percent (12.5% is 1250). */
  percentBps: number | null;
  /** fixed: minor units. */
  amount: number | null;
}

export interface MethodTerms {
  id: string;
  name: string;
  carrier: string;
  price: number;
  freeOver: number | null;
  minDays: number;
  maxDays: number;
}

export interface RateTerms {
  /** Thousandths of a percent (8.25% is 8250). */
  percentMilli: number;
  taxShipping: boolean;
}

export interface BasketTerms {
  promotion: PromotionTerms | null;
  method: MethodTerms | null;
  /** null: the country pays no tax (or is not known yet). */
  rate: RateTerms | null;
  pricesIncludeTax: boolean;
}

export interface Breakdown {
  subtotal: number;
  promotion: { code: string; type: PromotionTerms['type']; amount: number } | null;
  shippingTotal: number;
  taxTotal: number;
  taxIncluded: boolean;
  total: number;
}

/**
 * round-half-up(numerator / denominator) for non-negative integers, exactly: the platform's one rounding
 * (a half cent goes up). BigInt, so products of amounts and rates never lose precision.
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** The priced breakdown of a basket whose line totals are known. */
export function priceBasket(lineTotals: number[], terms: BasketTerms): Breakdown {
  const subtotal = lineTotals.reduce((sum, line) => sum + line, 0);
  const promotionAmount = promotionAmountOf(terms.promotion, subtotal);
  const afterPromotion = subtotal - promotionAmount;
  const shippingTotal = shippingOf(terms, afterPromotion);
  const taxable = BigInt(afterPromotion + (terms.rate?.taxShipping ? shippingTotal : 0));
  const milli = BigInt(terms.rate?.percentMilli ?? 0);
  const taxTotal = terms.pricesIncludeTax
    ? Number(taxable) - roundHalfUp(taxable * 100_000n, 100_000n + milli) // the part of the price that is tax
    : roundHalfUp(taxable * milli, 100_000n);
  return {
    subtotal,
    promotion: terms.promotion && { code: terms.promotion.code, type: terms.promotion.type, amount: promotionAmount },
    shippingTotal,
    taxTotal,
    taxIncluded: terms.pricesIncludeTax,
    total: afterPromotion + shippingTotal + (terms.pricesIncludeTax ? 0 : taxTotal),
  };
}

function promotionAmountOf(promotion: PromotionTerms | null, subtotal: number): number {
  if (promotion?.type === 'percent') return roundHalfUp(BigInt(subtotal) * BigInt(promotion.percentBps!), 10_000n);
  if (promotion?.type === 'fixed') return Math.min(promotion.amount!, subtotal);
  return 0;
}

function shippingOf({ method, promotion }: BasketTerms, afterPromotion: number): number {
  if (!method || promotion?.type === 'free_shipping') return 0;
  if (method.freeOver !== null && afterPromotion >= method.freeOver) return 0;
  return method.price;
}
