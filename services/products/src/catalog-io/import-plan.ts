import { randomUUID } from 'node:crypto';
import { discountedAmount } from '@emporium/kit';
import type { ProductWrite, StoredProduct } from './catalog-io.repository.ts';
import type { RowFields } from './csv-rows.ts';

/** What one batch of good rows does to the catalog (pure): products to create, to change, and how many stay as they are. */
export interface BatchPlan {
  creates: ProductWrite[];
  updates: ProductWrite[];
  unchanged: number;
  /** The product id each sku has or will have, for the discounts of the amazon format. */
  idOfSku: Map<string, string>;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** True when writing these fields would change nothing a shopper or an export can see. */
export function unchanged(stored: StoredProduct, fields: RowFields): boolean {
  return stored.name === fields.name && stored.description === fields.description && stored.category === fields.category
    && stored.priceAmount === fields.priceAmount && (fields.stock === undefined || stored.stock === fields.stock)
    && sameList(stored.images, fields.images) && sameList(stored.links, fields.links);
}

export function planBatch(rows: RowFields[], existing: StoredProduct[], currency: string): BatchPlan {
  const bySku = new Map(existing.map((p) => [p.sku, p]));
  const plan: BatchPlan = { creates: [], updates: [], unchanged: 0, idOfSku: new Map() };
  for (const fields of rows) {
    const stored = bySku.get(fields.sku);
    if (stored && unchanged(stored, fields)) {
      plan.unchanged++;
      plan.idOfSku.set(fields.sku, stored.id);
      continue;
    }
    const id = stored?.id ?? randomUUID();
    plan.idOfSku.set(fields.sku, id);
    // A discount in force keeps applying to the new price, as a PATCH of the price does.
    const bps = stored?.discountBps ?? null;
    const write: ProductWrite = {
      ...fields,
      id,
      stock: fields.stock ?? stored?.stock ?? 0,
      currency,
      discountedAmount: bps === null ? fields.priceAmount : discountedAmount(fields.priceAmount, bps),
    };
    (stored ? plan.updates : plan.creates).push(write);
  }
  return plan;
}
