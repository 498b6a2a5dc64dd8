import { assertCurrency, type Money, type Queryable } from '@emporium/kit';
import { normalizeCode, notApplicable, termsOf, whyNotApplicable, type Promotion, type PromotionTerms } from './promotion-rules.ts';
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
  return (await assertApplicable(deps, deps.db, promotion, use)).terms;
}

/**
 * Uses the code for an order, once: a code with a limit is checked under its locks (repo.lockUses) against
 * the uses committed before, so concurrent orders never go past a limit (an unlimited code takes no lock:
 * its use is one insert). The same order redeeming again (a retried call) gets the same answer and counts nothing.
 */
export async function redeemPromotion(deps: PromotionDeps, orderId: string, use: PromotionUse): Promise<PromotionTerms> {
  assertCurrency(use.subtotal, deps.shopCurrency);
  const found = await repo.findByCode(deps.db, normalizeCode(use.code));
  if (found && (found.usageLimit !== null || found.perCustomerLimit !== null)) return redeemLimited(deps, orderId, found, use);
  return redeemUnlimited(deps, orderId, found, use);
}

/** Under the code's locks, against the uses committed before. */
function redeemLimited(deps: PromotionDeps, orderId: string, found: Promotion, use: PromotionUse): Promise<PromotionTerms> {
  return deps.db.transaction(async (tx) => {
    await repo.lockUses(tx, found, use.customerId);
    // Read again under the lock: the uses committed by the orders that held it before.
    const promotion = await repo.findByCode(tx, found.code);
    const earlier = await repo.findRedemption(tx, orderId);
    if (promotion && earlier?.promotionId === promotion.id && !earlier.released) return termsOf(promotion);
    const { id, terms } = await assertApplicable(deps, tx, promotion, use);
    await recordUse(deps, tx, orderId, id, use.customerId);
    return terms;
  });
}

/**
 * A code without limits (or no such code: the 422) has no count to keep in step: no lock and no
 * transaction, its use is one insert. The order-path bench: three round trips fewer per order.
 */
async function redeemUnlimited(deps: PromotionDeps, orderId: string, promotion: Promotion | null, use: PromotionUse): Promise<PromotionTerms> {
  const { id, terms } = await assertApplicable(deps, deps.db, promotion, use);
  if (await recordUse(deps, deps.db, orderId, id, use.customerId)) return terms;
  const earlier = await repo.findRedemption(deps.db, orderId);
  if (earlier?.promotionId === id && !earlier.released) return terms; // a retried call: counted once
  throw new Error(`order ${orderId} has another redemption on record`);
}

const FOREIGN_KEY_VIOLATION = '23503';

/** Records the order's use (false: it was on record already). A code deleted since it was read is as unknown as one never made. */
async function recordUse(deps: PromotionDeps, db: Queryable, orderId: string, promotionId: string, customerId: string): Promise<boolean> {
  try {
    return await repo.addRedemptionOnce(db, orderId, promotionId, customerId);
  } catch (err) {
    if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw notApplicable('unknown', null, deps.shopCurrency);
    throw err;
  }
}

/** The code's terms when it applies to this use now (the customer's own uses counted only under a per-customer limit); else the 422. */
async function assertApplicable(deps: PromotionDeps, db: Queryable, promotion: Promotion | null, use: PromotionUse) {
  const uses = promotion?.perCustomerLimit ? await repo.customerUses(db, promotion.id, use.customerId) : 0;
  const reason = whyNotApplicable(promotion, deps.clock(), use.subtotal.amount, uses);
  if (reason) throw notApplicable(reason, promotion, deps.shopCurrency);
  return { id: promotion!.id, terms: termsOf(promotion!) };
}

/** Gives a cancelled or failed order's use back; an order that never used a code, or gave it back already, changes nothing. */
export async function releasePromotion(deps: PromotionDeps, orderId: string): Promise<void> {
  await repo.releaseRedemption(deps.db, orderId);
}
