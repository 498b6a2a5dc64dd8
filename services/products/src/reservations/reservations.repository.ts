import type { Db, Queryable } from '@emporium/kit';
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

export interface Line {
  productId: string;
  quantity: number;
}

const RESERVATION = 'id, status, expires_at, expires_at <= now() AS expired';

export function createReservationsRepository(db: Db) {
  return {
    /** Null when a reservation with this id exists already (or is being written by another transaction, which we waited for). */
    async insertHeld(tx: Queryable, id: string, ttlSeconds: number): Promise<ReservationRow | null> {
      const rows = await tx.query<ReservationRow>(
        `INSERT INTO reservations (id, status, expires_at) VALUES ($1, 'held', now() + make_interval(secs => $2))
         ON CONFLICT (id) DO NOTHING RETURNING ${RESERVATION}`,
        [id, ttlSeconds],
      );
      return rows[0] ?? null;
    },

    async find(id: string, q: Queryable = db): Promise<ReservationRow | null> {
      const rows = await q.query<ReservationRow>(`SELECT ${RESERVATION} FROM reservations WHERE id = $1`, [id]);
      return rows[0] ?? null;
    },

    async findForUpdate(tx: Queryable, id: string): Promise<ReservationRow | null> {
      const rows = await tx.query<ReservationRow>(`SELECT ${RESERVATION} FROM reservations WHERE id = $1 FOR UPDATE`, [id]);
      return rows[0] ?? null;
    },

    /**
     * Takes the stock of every line, or of none when one cannot be served, in one statement
     * (migrations/002_take_stock.sql); returns the products as they are afterwards.
     */
    async takeStock(tx: Queryable, reservationId: string, lines: Line[]): Promise<{ taken: boolean; products: LockedProduct[] }> {
      const rows = await tx.query<{ product_id: string; product_name: string; product_stock: number; product_deleted: boolean; taken: boolean }>(
        'SELECT * FROM take_stock($1, $2::text[], $3::int[])',
        [reservationId, lines.map((l) => l.productId), lines.map((l) => l.quantity)],
      );
      return {
        taken: rows.length > 0 && rows[0].taken,
        products: rows.map((r) => ({ id: r.product_id, name: r.product_name, stock: r.product_stock, deleted: r.product_deleted })),
      };
    },

    /** Puts a reservation's units back, locking the products in id order like takeStock's caller does. */
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
