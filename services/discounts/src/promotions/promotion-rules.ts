import { AppError, basisPointsToPercent } from '@emporium/kit';
import type { Window } from '../discounts/discount-rules.ts';

export type PromotionType = 'percent' | 'fixed' | 'free_shipping';

/** A promotion code as stored: the value is percentBps (percent), amount (fixed, minor units) or neither. */
export interface Promotion extends Window {
  id: string;
  code: string;
  type: PromotionType;
  percentBps: number | null;
  amount: number | null;
  minSubtotal: number | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  timesUsed: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Why a code does not apply to a basket; the names are the public `reason` of the 422. */
export type NotApplicable = 'unknown' | 'not_started' | 'ended' | 'used_up' | 'minimum_not_met';

/** What orders needs to price a basket with a code: its terms, never its counters. */
export interface PromotionTerms {
  id: string;
  code: string;
  type: PromotionType;
  percentBps: number | null;
  amount: number | null;
}

/** Codes are accepted in any case and kept upper-cased (they are letters, digits, `-` and `_` only). */
export const normalizeCode = (code: string) => code.toUpperCase();

/**
 * Whether the code applies now to a basket of this subtotal for a customer who already holds
 * `customerUses` of it; null when it does. Checked in this order, so the reason is the first that holds.
 */
export function whyNotApplicable(promotion: Promotion | null, at: Date, subtotal: number, customerUses: number): NotApplicable | null {
  if (!promotion) return 'unknown';
  if (promotion.startsAt && at < promotion.startsAt) return 'not_started';
  if (promotion.endsAt && at >= promotion.endsAt) return 'ended';
  if (promotion.usageLimit !== null && promotion.timesUsed >= promotion.usageLimit) return 'used_up';
  if (promotion.perCustomerLimit !== null && customerUses >= promotion.perCustomerLimit) return 'used_up';
  if (promotion.minSubtotal !== null && subtotal < promotion.minSubtotal) return 'minimum_not_met';
  return null;
}

const MESSAGES: Record<NotApplicable, string> = {
  unknown: 'There is no promotion with this code',
  not_started: 'This promotion has not started yet',
  ended: 'This promotion has ended',
  used_up: 'This promotion has been used up',
  minimum_not_met: 'The order is below the minimum this promotion needs',
};

/**
 * The refusal with its reason; below a minimum it also names the minimum, so the shop can tell the customer
 * how much more the basket needs ("Add $12.00 more to use this code").
 */
export function notApplicable(reason: NotApplicable, promotion: Promotion | null, currency: string): AppError {
  const minimum = reason === 'minimum_not_met' && promotion?.minSubtotal != null ? { minSubtotal: { amount: promotion.minSubtotal, currency } } : {};
  return new AppError('PROMOTION.NOT_APPLICABLE', 422, MESSAGES[reason], { reason, ...minimum });
}

export const termsOf = (p: Promotion): PromotionTerms => ({ id: p.id, code: p.code, type: p.type, percentBps: p.percentBps, amount: p.amount });

const iso = (at: Date | null) => (at ? at.toISOString() : null);
const money = (amount: number | null, currency: string) => (amount === null ? null : { amount, currency });

/** The public shape; `active` says whether the code can be used right now (started, not ended, not used up). */
export function promotionView(p: Promotion, currency: string, now: Date) {
  const usable = whyNotApplicable({ ...p, perCustomerLimit: null, minSubtotal: null }, now, 0, 0) === null;
  return {
    id: p.id,
    code: p.code,
    type: p.type,
    value: p.type === 'percent' ? basisPointsToPercent(p.percentBps!) : money(p.amount, currency),
    minSubtotal: money(p.minSubtotal, currency),
    startsAt: iso(p.startsAt),
    endsAt: iso(p.endsAt),
    usageLimit: p.usageLimit,
    perCustomerLimit: p.perCustomerLimit,
    timesUsed: p.timesUsed,
    active: usable,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
