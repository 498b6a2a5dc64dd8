// The checkout's pure rules: which delivery price to show, how long it takes, why a code was refused,
// and when an address is whole enough to price. The money itself always comes from the quote.
import { ApiError } from '../api/client.ts';
import type { Address, Breakdown, Money, PromotionRefusal, ShippingMethod } from '../api/types.ts';
import { formatMoney } from '../format.ts';

/** A refused promotion code as the 422 problem tells it; `minSubtotal` when the service names it. */
export interface Refusal {
  code: string;
  reason: PromotionRefusal;
  minSubtotal: Money | null;
}

const reasons: PromotionRefusal[] = ['unknown', 'not_started', 'ended', 'used_up', 'minimum_not_met'];

export function refusalOf(error: unknown, code: string): Refusal | null {
  if (!(error instanceof ApiError) || error.problem.code !== 'PROMOTION.NOT_APPLICABLE') return null;
  const reason = reasons.find((known) => known === error.problem.reason) ?? 'unknown';
  const min = error.problem.minSubtotal as Money | undefined;
  return { code, reason, minSubtotal: min && Number.isInteger(min.amount) ? min : null };
}

/** One sentence a shopper understands; `subtotal` is the basket's, without the code. */
export function refusalMessage(refusal: Refusal, subtotal: Money | null): string {
  switch (refusal.reason) {
    case 'not_started':
      return 'This code is not valid yet.';
    case 'ended':
      return 'This code has expired.';
    case 'used_up':
      return 'This code has been used as many times as it can be.';
    case 'minimum_not_met': {
      const missing = refusal.minSubtotal && subtotal ? refusal.minSubtotal.amount - subtotal.amount : 0;
      return missing > 0
        ? `Add ${formatMoney({ ...refusal.minSubtotal!, amount: missing })} more to use this code.`
        : 'Your order is below the minimum for this code.';
    }
    default:
      return `We don't know the code "${refusal.code}". Check it for typos.`;
  }
}

/**
 * What a method would cost this basket, to label the choices (the quote prices the chosen one):
 * nothing with a free-shipping code or from its free-over threshold, measured after the code's discount.
 */
export function methodPrice(method: ShippingMethod, figures: Pick<Breakdown, 'subtotal' | 'promotion'> | undefined): Money {
  const free = { ...method.price, amount: 0 };
  if (!figures) return method.price;
  if (figures.promotion?.type === 'free_shipping') return free;
  const basis = figures.subtotal.amount - (figures.promotion?.amount.amount ?? 0);
  return method.freeOver && basis >= method.freeOver.amount ? free : method.price;
}

export function deliveryDays({ minDays, maxDays }: Pick<ShippingMethod, 'minDays' | 'maxDays'>): string {
  if (maxDays === 0) return 'Same day';
  if (minDays === maxDays) return `${maxDays} business day${maxDays === 1 ? '' : 's'}`;
  return `${minDays}–${maxDays} business days`;
}

/** The quote takes an address only whole (a half-typed one is a 400); the country is what it prices. */
export function isAddressComplete(address: Address): boolean {
  return Boolean(address.name && address.line1 && address.city && address.postalCode && /^[A-Z]{2}$/.test(address.country));
}
