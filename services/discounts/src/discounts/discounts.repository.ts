import type { Queryable, Row } from '@emporium/kit';
import type { Discount, Window } from './discount-rules.ts';

const COLUMNS = 'id, product_id, percent_bps, starts_at, ends_at, created_at, updated_at';

const toDate = (value: unknown) => (value === null ? null : new Date(value as string | Date));

function toDiscount(row: Row): Discount {
  return {
    id: row.id,
    productId: row.product_id,
    percentBps: Number(row.percent_bps),
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * Serialises every change to one product's rules until the transaction ends, so two overlapping
 * rules written at once cannot both pass the overlap check.
 */
export async function lockProduct(tx: Queryable, productId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('discounts:product:' || $1))", [productId]);
}

export async function findDiscount(db: Queryable, id: string): Promise<Discount | null> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM discounts WHERE id = $1`, [id]);
  return rows[0] ? toDiscount(rows[0]) : null;
}

/** Rules of the product whose window overlaps the given one (half-open windows; null is an open end). */
export async function findOverlapping(db: Queryable, productId: string, window: Window, exceptId: string | null): Promise<Discount | null> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM discounts
      WHERE product_id = $1 AND id IS DISTINCT FROM $2
        AND (starts_at IS NULL OR $4::timestamptz IS NULL OR starts_at < $4)
        AND (ends_at IS NULL OR $3::timestamptz IS NULL OR $3 < ends_at)
      ORDER BY created_at, id LIMIT 1`,
    [productId, exceptId, window.startsAt, window.endsAt],
  );
  return rows[0] ? toDiscount(rows[0]) : null;
}

export async function insertDiscount(tx: Queryable, rule: Discount): Promise<Discount> {
  const rows = await tx.query(
    `INSERT INTO discounts (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [rule.id, rule.productId, rule.percentBps, rule.startsAt, rule.endsAt, rule.createdAt, rule.updatedAt],
  );
  return toDiscount(rows[0]);
}

export async function updateDiscount(tx: Queryable, rule: Discount): Promise<Discount> {
  const rows = await tx.query(
    `UPDATE discounts SET percent_bps = $2, starts_at = $3, ends_at = $4, updated_at = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
    [rule.id, rule.percentBps, rule.startsAt, rule.endsAt, rule.updatedAt],
  );
  return toDiscount(rows[0]);
}

export async function deleteDiscount(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM discounts WHERE id = $1', [id]);
}

/** Newest first, keyset-paginated on (created_at, id); `after` is the last row of the previous page. */
export async function listDiscounts(
  db: Queryable,
  filter: { productId?: string; after: { createdAt: Date; id: string } | null; limit: number },
): Promise<Discount[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM discounts
      WHERE ($1::text IS NULL OR product_id = $1)
        AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [filter.productId ?? null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit],
  );
  return rows.map(toDiscount);
}

/** The rule in force at `at` for each product that has one (at most one each). */
export async function findActive(db: Queryable, productIds: string[], at: Date): Promise<Discount[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM discounts
      WHERE product_id = ANY($1::text[])
        AND (starts_at IS NULL OR starts_at <= $2) AND (ends_at IS NULL OR $2 < ends_at)`,
    [productIds, at],
  );
  return rows.map(toDiscount);
}
