import { AppError, type Db, type Queryable } from '@emporium/kit';
import type { ReadCache } from '../products/read-cache.ts';
import * as repo from './reservations.repository.ts';
import type { Line, LockedProduct, ReservationRecord } from './reservations.repository.ts';
import type { Reservation, ReserveStock } from './reservations.schemas.ts';

export interface ReservationDeps {
  db: Db;
  cache: ReadCache;
  defaultTtlSeconds: number;
}

const view = (row: ReservationRecord): Reservation => ({
  reservationId: row.id,
  status: row.status,
  expiresAt: row.expiresAt.toISOString(),
});

const unknownReservation = (id: string) => new AppError('RESERVATION.NOT_FOUND', 404, `No reservation with id ${id}`);

/**
 * Takes stock for every line or for none: held until committed, or committed at once when asked
 * (`commit: true`). Asking again with the same reservationId answers with that reservation as it is
 * now and changes nothing (created: false).
 */
export async function reserveStock(deps: ReservationDeps, input: ReserveStock): Promise<{ created: boolean; reservation: Reservation }> {
  const lines = input.items;
  const duplicate = lines.findIndex((line, i) => lines.findIndex((l) => l.productId === line.productId) !== i);
  if (duplicate >= 0) {
    throw new AppError('REQUEST.INVALID', 400, `product ${lines[duplicate].productId} appears more than once`, {
      errors: [{ path: `/body/items/${duplicate}/productId`, message: 'appears more than once' }],
    });
  }
  const taken = await repo.takeStock(deps.db, {
    reservationId: input.reservationId, ttlSeconds: input.ttlSeconds ?? deps.defaultTtlSeconds, commit: input.commit ?? false, lines,
  });
  if (!taken.reservation) {
    assertAvailable(lines, taken.products); // names the first line that cannot be served
    throw new Error('take_stock_batch refused lines that could all be served'); // never expected
  }
  const created = taken.outcome === 'taken';
  if (created) deps.cache.invalidate();
  return { created, reservation: view(taken.reservation) };
}

/** Throws 422 for a product that is unknown or deleted, 409 for one without enough units (the first line that fails). */
export function assertAvailable(lines: Line[], products: LockedProduct[]): void {
  const byId = new Map(products.map((p) => [p.id, p]));
  for (const line of lines) {
    const product = byId.get(line.productId);
    if (!product || product.deleted) {
      throw new AppError('PRODUCT.UNKNOWN', 422, `No product with id ${line.productId} can be ordered`, { productId: line.productId });
    }
    if (product.stock < line.quantity) {
      const detail = product.stock === 0 ? `"${product.name}" is out of stock` : `Only ${product.stock} left of "${product.name}"`;
      throw new AppError('PRODUCT.INSUFFICIENT_STOCK', 409, detail, { productId: product.id, available: product.stock });
    }
  }
}

/** A held reservation becomes committed (the sale stands). Committing twice is fine; after a release or expiry it is a 409. */
export async function commitReservation(deps: ReservationDeps, id: string): Promise<{ reservationId: string; status: 'committed' }> {
  // One statement on the common path; the reasons for a refusal are looked up only when there is one.
  if (!(await repo.commitHeld(deps.db, id))) {
    const row = await repo.findReservation(deps.db, id);
    if (!row) throw unknownReservation(id);
    if (row.status !== 'committed') {
      throw new AppError('RESERVATION.EXPIRED', 409, `Reservation ${id} was released or expired before it was committed`);
    }
  }
  return { reservationId: id, status: 'committed' };
}

/** Gives the units back, held or committed, exactly once; releasing again changes nothing. */
export async function releaseReservation(deps: ReservationDeps, id: string): Promise<{ reservationId: string; status: 'released' }> {
  const changed = await deps.db.transaction(async (tx) => {
    const row = await repo.findReservationForUpdate(tx, id);
    if (!row) throw unknownReservation(id);
    return release(tx, row);
  });
  if (changed) deps.cache.invalidate();
  return { reservationId: id, status: 'released' };
}

async function release(tx: Queryable, row: ReservationRecord): Promise<boolean> {
  if (row.status === 'released') return false;
  await repo.returnStock(tx, row.id);
  await repo.setStatus(tx, row.id, 'released');
  return true;
}

/** The sweeper's round: releases every held reservation whose time is up, a batch at a time; a concurrent commit or release wins cleanly. */
export async function releaseExpired(deps: ReservationDeps, batch = 100): Promise<number> {
  let released = 0;
  for (;;) {
    const ids = await repo.expiredHeldIds(deps.db, batch);
    for (const id of ids) if (await releaseIfExpired(deps, id)) released++;
    // Each pass only sees rows still held and expired, so this ends once fewer than a batch are left.
    if (ids.length < batch) break;
  }
  if (released > 0) deps.cache.invalidate();
  return released;
}

async function releaseIfExpired(deps: ReservationDeps, id: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const row = await repo.findReservationForUpdate(tx, id);
    return row !== null && row.status === 'held' && row.expired && release(tx, row);
  });
}
