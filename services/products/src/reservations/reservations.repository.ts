import { batchedPer, type Queryable } from '@emporium/kit';
import type { ReservationStatus } from './reservations.schemas.ts';

export interface ReservationRecord {
  id: string;
  status: ReservationStatus;
  expiresAt: Date;
  /** Whether the hold's time is up (judged by the database clock). */
  expired: boolean;
}

export interface LockedProduct {
  id: string;
  name: string;
  stock: number;
  deleted: boolean;
}

export interface TakeResult {
  /** taken: the units are taken now (held or committed); exists: a reservation with this id was there already; short: nothing changed. */
  outcome: 'taken' | 'exists' | 'short';
  /** When short: the requested products as they are (to name the one that is short); otherwise empty. */
  products: LockedProduct[];
  /** The reservation as it is now; null when short. */
  reservation: ReservationRecord | null;
}

export interface Line {
  productId: string;
  quantity: number;
}

const RESERVATION = 'id, status, expires_at AS "expiresAt", expires_at <= now() AS expired';

export interface TakeRequest {
  reservationId: string;
  ttlSeconds: number;
  /** Taken as sold at once (committed) instead of held until committed. */
  commit: boolean;
  lines: Line[];
}

type TakeRow = Omit<ReservationRecord, 'id'> & Omit<TakeResult, 'reservation'> & { reservationId: string };

/** Decides a batch of reservations in one statement, in the order given (the rule: stock-rule.ts). */
export async function takeStockBatch(db: Queryable, requests: TakeRequest[]): Promise<TakeResult[]> {
  const rows = await db.query<TakeRow>(
    `SELECT reservation_id AS "reservationId", outcome, status, expires_at AS "expiresAt", expired, products
       FROM take_stock_batch($1::jsonb)`,
    [JSON.stringify(requests.map((r) => ({ id: r.reservationId, ttlSeconds: r.ttlSeconds, commit: r.commit, items: r.lines })))],
  );
  return rows.map((row) => ({
    outcome: row.outcome,
    products: row.products ?? [],
    reservation: row.outcome === 'short' ? null : { id: row.reservationId, status: row.status, expiresAt: row.expiresAt, expired: row.expired },
  }));
}

// One batch at a time: batches would only wait for each other's locks on the same products.
const takeInBatch = batchedPer(takeStockBatch, { name: 'products.take' });

/**
 * Takes the stock of every line, or of none when one cannot be served, as held or as committed.
 * Concurrent requests go to the database together, in one statement (the take_stock_batch function,
 * migrations/005 and 006; its rule in plain TypeScript is stock-rule.ts).
 */
export const takeStock = (db: Queryable, request: TakeRequest): Promise<TakeResult> => takeInBatch(db, request);

export async function findReservation(db: Queryable, id: string): Promise<ReservationRecord | null> {
  const rows = await db.query<ReservationRecord>(`SELECT ${RESERVATION} FROM reservations WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findReservationForUpdate(tx: Queryable, id: string): Promise<ReservationRecord | null> {
  const rows = await tx.query<ReservationRecord>(`SELECT ${RESERVATION} FROM reservations WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

/** Marks a held, unexpired reservation committed; false when it is not (absent, released, expired or committed already). */
export async function commitHeld(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE reservations SET status = 'committed', updated_at = now() WHERE id = $1 AND status = 'held' AND expires_at > now() RETURNING id`,
    [id],
  );
  return rows.length === 1;
}

/** Puts a reservation's units back, locking the products in id order as take_stock_batch does. */
export async function returnStock(tx: Queryable, reservationId: string): Promise<void> {
  await tx.query(
    `SELECT p.id FROM products p WHERE p.id = ANY (ARRAY(SELECT unnest(product_ids) FROM reservations WHERE id = $1))
      ORDER BY p.id FOR UPDATE`,
    [reservationId],
  );
  await tx.query(
    `UPDATE products p SET stock = p.stock + l.quantity
       FROM reservations r, unnest(r.product_ids, r.quantities) AS l (product_id, quantity)
      WHERE r.id = $1 AND p.id = l.product_id`,
    [reservationId],
  );
}

export async function setStatus(tx: Queryable, id: string, status: ReservationStatus): Promise<void> {
  await tx.query('UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
}

export async function expiredHeldIds(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM reservations WHERE status = 'held' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}
