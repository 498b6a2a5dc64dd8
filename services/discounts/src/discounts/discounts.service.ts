import { randomUUID } from 'node:crypto';
import { AppError, cursorPart, decodeCursor, pageOf, type Db, type Queryable } from '@emporium/kit';
import { publishDiscountChanged } from '../events/discount-changed.ts';
import type { ProductsClient } from '../products/products.client.ts';
import { discountView, percentInBasisPoints, windowOf, type Clock, type Discount, type Window } from './discount-rules.ts';
import * as repo from './discounts.repository.ts';
import type { CreateDiscount, DiscountQuery, UpdateDiscount } from './discounts.schemas.ts';

export interface DiscountDeps {
  db: Db;
  products: ProductsClient;
  clock: Clock;
  /** Called after a change committed (the app kicks the outbox relay so products hears of it at once). */
  onChange: () => void;
}

export async function listDiscounts(deps: Pick<DiscountDeps, 'db'>, query: DiscountQuery) {
  const after = cursorPosition(query.cursor);
  const rows = await repo.listDiscounts(deps.db, { productId: query.productId, after, limit: query.limit + 1 });
  return pageOf(rows, query.limit, discountView, (r) => [r.createdAt.toISOString(), r.id]);
}

export async function createDiscount(deps: DiscountDeps, input: CreateDiscount) {
  const percentBps = percentInBasisPoints(input.percent);
  const window = windowOf(input.startsAt ?? null, input.endsAt ?? null);
  await assertProductExists(deps.products, input.productId);
  const now = deps.clock();
  const rule: Discount = { id: randomUUID(), productId: input.productId, percentBps, ...window, createdAt: now, updatedAt: now };
  const created = await deps.db.transaction(async (tx) => {
    await repo.lockProduct(tx, rule.productId);
    await assertNoOverlap(tx, rule, null);
    const inserted = await repo.insertDiscount(tx, rule);
    await publishDiscountChanged(tx, rule.productId, now);
    return inserted;
  });
  deps.onChange();
  return discountView(created);
}

export async function updateDiscount(deps: DiscountDeps, id: string, input: UpdateDiscount) {
  const percentBps = input.percent === undefined ? undefined : percentInBasisPoints(input.percent);
  const updated = await changeLocked(deps, id, async (tx, current, now) => {
    const startsAt = input.startsAt === undefined ? current.startsAt?.toISOString() ?? null : input.startsAt;
    const endsAt = input.endsAt === undefined ? current.endsAt?.toISOString() ?? null : input.endsAt;
    const next: Discount = { ...current, ...windowOf(startsAt, endsAt), percentBps: percentBps ?? current.percentBps, updatedAt: now };
    await assertNoOverlap(tx, next, current.id);
    return repo.updateDiscount(tx, next);
  });
  return discountView(updated);
}

export async function deleteDiscount(deps: DiscountDeps, id: string): Promise<void> {
  await changeLocked(deps, id, (tx, current) => repo.deleteDiscount(tx, current.id));
}

/**
 * Runs a change to an existing rule under its product's lock (re-reading it there, as it may have
 * changed meanwhile), then publishes what is in force for the product and kicks the relay.
 */
async function changeLocked<T>(deps: DiscountDeps, id: string, change: (tx: Queryable, current: Discount, now: Date) => Promise<T>): Promise<T> {
  const found = await repo.findDiscount(deps.db, id);
  if (!found) throw notFound(id);
  const now = deps.clock();
  const result = await deps.db.transaction(async (tx) => {
    await repo.lockProduct(tx, found.productId);
    const current = await repo.findDiscount(tx, id);
    if (!current) throw notFound(id);
    const changed = await change(tx, current, now);
    await publishDiscountChanged(tx, current.productId, now);
    return changed;
  });
  deps.onChange();
  return result;
}

async function assertNoOverlap(tx: Queryable, rule: Window & { productId: string }, exceptId: string | null): Promise<void> {
  const clash = await repo.findOverlapping(tx, rule.productId, rule, exceptId);
  if (clash) {
    throw new AppError('DISCOUNT.OVERLAP', 409, `Discount ${clash.id} is already active for this product during that time`, {
      conflictingDiscountId: clash.id,
    });
  }
}

async function assertProductExists(products: ProductsClient, productId: string): Promise<void> {
  const [product] = await products.getMany([productId]);
  if (!product || product.deleted) {
    throw new AppError('PRODUCT.UNKNOWN', 422, `No product with id "${productId}"`, {
      productId,
      errors: [{ path: '/body/productId', message: 'names no product' }],
    });
  }
}

const notFound = (id: string) => new AppError('DISCOUNT.NOT_FOUND', 404, `No discount with id "${id}"`);

function cursorPosition(cursor: string | undefined): { createdAt: Date; id: string } | null {
  const values = decodeCursor(cursor, [cursorPart.time, cursorPart.text]);
  return values && { createdAt: new Date(values[0]), id: values[1] };
}
