import { createBatcher, type Db, type Queryable } from '@emporium/kit';
import type { ReservationStatus } from './reservations.schemas.ts';

export interface ReservationRow {
  id: string;
  status: ReservationStatus;
  expires_at: Date;
  /** Whether the hold's time is up (judged by the database clock). */
  expired: boolean;
}

export interface LockedProduct {
  id: string;
  name: string;
  stock: number;
  deleted: boolean;
}

export interface HoldResult {
  /** taken: the units are held now; exists: a reservation with this id was there already; short: nothing changed. */
  outcome: 'taken' | 'exists' | 'short';
  /** When short: the requested products as they are (to name the one that is short); otherwise empty. */
  products: LockedProduct[];
  /** The reservation as it is now; null when short. */
  reservation: ReservationRow | null;
}

export interface Line {
  productId: string;
  quantity: number;
}

const RESERVATION = 'id, status, expires_at, expires_at <= now() AS expired';

interface HoldRequest {
  reservationId: string;
  ttlSeconds: number;
  lines: Line[];
}

type HoldRow = Omit<ReservationRow, 'id'> & Omit<HoldResult, 'reservation'> & { reservation_id: string };

export function createReservationsRepository(db: Db) {
  // One batch at a time: batches would only wait for each other's locks on the same products.
  const holdInBatch = createBatcher(async (requests: HoldRequest[]): Promise<HoldResult[]> => {
    const rows = await db.query<HoldRow>('SELECT * FROM hold_stock_batch($1::jsonb)', [
      JSON.stringify(requests.map((r) => ({ id: r.reservationId, ttlSeconds: r.ttlSeconds, items: r.lines }))),
    ]);
    return rows.map((row) => ({
      outcome: row.outcome,
      products: row.products ?? [],
      reservation: row.outcome === 'short' ? null : { id: row.reservation_id, status: row.status, expires_at: row.expires_at, expired: row.expired },
    }));
  });
  // The rows are taken in primary key order whatever the batch's order, so two batches cannot deadlock.
  const commitInBatch = createBatcher(async (ids: string[]): Promise<boolean[]> => {
    const rows = await db.query<{ id: string }>(
      `UPDATE reservations SET status = 'committed', updated_at = now()
        WHERE id = ANY($1::text[]) AND status = 'held' AND expires_at > now() RETURNING id`,
      [ids],
    );
    const committed = new Set(rows.map((row) => row.id));
    return ids.map((id, i) => committed.has(id) && ids.indexOf(id) === i);
  }, { concurrency: 2 });
  return {
    async find(id: string, q: Queryable = db): Promise<ReservationRow | null> {
      const rows = await q.query<ReservationRow>(`SELECT ${RESERVATION} FROM reservations WHERE id = $1`, [id]);
      return rows[0] ?? null;
    },

    async findForUpdate(tx: Queryable, id: string): Promise<ReservationRow | null> {
      const rows = await tx.query<ReservationRow>(`SELECT ${RESERVATION} FROM reservations WHERE id = $1 FOR UPDATE`, [id]);
      return rows[0] ?? null;
    },

    /**
     * Holds the stock of every line, or of none when one cannot be served. Concurrent holds go to the
     * database together, in one statement (migrations/004_hold_stock_batch.sql).
     */
    holdStock: (reservationId: string, ttlSeconds: number, lines: Line[]): Promise<HoldResult> => holdInBatch({ reservationId, ttlSeconds, lines }),

    /**
     * Marks a held, unexpired reservation committed; false when it is not (absent, released, expired or
     * committed already). Commits arriving together go in one statement.
     */
    commitHeld: (id: string): Promise<boolean> => commitInBatch(id),

    /** Puts a reservation's units back, locking the products in id order as hold_stock_batch does. */
    async returnStock(tx: Queryable, reservationId: string): Promise<void> {
      await tx.query(
        `SELECT p.id FROM products p JOIN reservation_lines l ON l.product_id = p.id
          WHERE l.reservation_id = $1 ORDER BY p.id FOR UPDATE OF p`,
        [reservationId],
      );
      await tx.query(
        `UPDATE products p SET stock = p.stock + l.quantity
           FROM reservation_lines l WHERE l.reservation_id = $1 AND p.id = l.product_id`,
        [reservationId],
      );
    },

    async setStatus(tx: Queryable, id: string, status: ReservationStatus): Promise<void> {
      await tx.query('UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
    },

    async expiredHeldIds(limit: number, q: Queryable = db): Promise<string[]> {
      const rows = await q.query<{ id: string }>(
        `SELECT id FROM reservations WHERE status = 'held' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
        [limit],
      );
      return rows.map((r) => r.id);
    },
  };
}

export type ReservationsRepository = ReturnType<typeof createReservationsRepository>;
