import { assertCurrency, type Money } from '@emporium/kit';
import { normalizeCode, notApplicable, termsOf, whyNotApplicable, type PromotionTerms } from './promotion-rules.ts';
import * as repo from './promotions.repository.ts';
import type { PromotionDeps } from './promotions.service.ts';

export interface PromotionUse {
  code: string;
  customerId: string;
  subtotal: Money;
}

/** Whether a code applies to this customer's basket now, without using it: a checkout quote. */
export async function checkPromotion(deps: PromotionDeps, use: PromotionUse): Promise<PromotionTerms> {
  assertCurrency(use.subtotal, deps.shopCurrency);
  const promotion = await repo.findByCode(deps.db, normalizeCode(use.code));
  const uses = promotion ? await repo.customerUses(deps.db, promotion.id, use.customerId) : 0;
  const reason = whyNotApplicable(promotion, deps.clock(), use.subtotal.amount, uses);
  if (reason) throw notApplicable(reason, promotion, deps.shopCurrency);
  return termsOf(promotion!);
}

/**
 * Uses the code for an order, once: under the promotion's row lock the limits are checked against
 * committed uses and the use is counted, so concurrent orders never go past a limit. The same order
 * redeeming again (a retried call) gets the same answer and counts nothing.
 */
export async function redeemPromotion(deps: PromotionDeps, orderId: string, use: PromotionUse): Promise<PromotionTerms> {
  assertCurrency(use.subtotal, deps.shopCurrency);
  return deps.db.transaction(async (tx) => {
    const promotion = await repo.findByCode(tx, normalizeCode(use.code), true);
    const earlier = await repo.findRedemption(tx, orderId);
    if (promotion && earlier?.promotionId === promotion.id && !earlier.released) return termsOf(promotion);
    const uses = promotion ? await repo.customerUses(tx, promotion.id, use.customerId) : 0;
    const reason = whyNotApplicable(promotion, deps.clock(), use.subtotal.amount, uses);
    if (reason) throw notApplicable(reason, promotion, deps.shopCurrency);
    await repo.addRedemption(tx, orderId, promotion!.id, use.customerId);
    return termsOf(promotion!);
  });
}

/** Gives a cancelled or failed order's use back; an order that never used a code, or gave it back already, changes nothing. */
export async function releasePromotion(deps: PromotionDeps, orderId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const redemption = await repo.findRedemption(tx, orderId);
    if (!redemption || redemption.released) return;
    await repo.lockPromotion(tx, redemption.promotionId); // the same lock order as redeeming: promotion, then redemption
    await repo.releaseRedemption(tx, orderId);
  });
}
