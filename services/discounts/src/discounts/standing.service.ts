import { randomUUID } from 'node:crypto';
import { AppError, type Queryable } from '@emporium/kit';
import { publishDiscountChanged } from '../events/discount-changed.ts';
import { percentInBasisPoints, windowOf, type Discount } from './discount-rules.ts';
import * as repo from './discounts.repository.ts';
import type { DiscountDeps } from './discounts.service.ts';
import type { StandingDiscounts, StandingResult } from './discounts.schemas.ts';

/**
 * For a catalog import (products, POST /internal/discounts/standing): makes the discount in force now for
 * each product the given percent. The same percent again changes nothing (an import run twice changes
 * nothing); a different one changes the rule in force; with none in force, a rule from now on with no end
 * is created. A product that is unknown, or whose new rule would overlap a scheduled one, is refused
 * and reported, never the whole batch. A dry run decides the same way and writes nothing.
 */
export async function setStandingDiscounts(deps: DiscountDeps, input: StandingDiscounts): Promise<{ items: StandingResult[] }> {
  const known = new Set((await deps.products.getMany([...new Set(input.items.map((i) => i.productId))])).filter((p) => !p.deleted).map((p) => p.id));
  const items: StandingResult[] = [];
  let changed = false;
  for (const item of input.items) {
    if (!known.has(item.productId)) {
      items.push({ productId: item.productId, status: 'refused', detail: `No product with id "${item.productId}"` });
      continue;
    }
    try {
      const status = await deps.db.transaction((tx) => setOne(tx, deps.clock(), item.productId, percentInBasisPoints(item.percent, '/body/items/percent'), input.dryRun ?? false));
      changed ||= status !== 'unchanged' && !input.dryRun;
      items.push({ productId: item.productId, status });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      items.push({ productId: item.productId, status: 'refused', detail: err.message });
    }
  }
  if (changed) deps.onChange();
  return { items };
}

async function setOne(tx: Queryable, now: Date, productId: string, percentBps: number, dryRun: boolean): Promise<StandingResult['status']> {
  await repo.lockProduct(tx, productId);
  const [active] = await repo.findActive(tx, [productId], now);
  if (active?.percentBps === percentBps) return 'unchanged';
  if (active) {
    if (!dryRun) await repo.updateDiscount(tx, { ...active, percentBps, updatedAt: now });
  } else {
    const rule: Discount = { id: randomUUID(), productId, percentBps, ...windowOf(null, null), createdAt: now, updatedAt: now };
    const clash = await repo.findOverlapping(tx, productId, rule, null);
    if (clash) throw new AppError('DISCOUNT.OVERLAP', 409, `Discount ${clash.id} is scheduled for this product; no standing discount can start now`);
    if (!dryRun) await repo.insertDiscount(tx, rule);
  }
  if (!dryRun) await publishDiscountChanged(tx, productId, now);
  return active ? 'updated' : 'created';
}
