import type { Queryable, Row } from '@emporium/kit';
import type { Promotion } from './promotion-rules.ts';

const COLUMNS = `id, code, type, percent_bps, amount, min_subtotal, starts_at, ends_at, usage_limit, per_customer_limit,
  times_used, created_at, updated_at`;

const toDate = (value: unknown) => (value === null ? null : new Date(value as string | Date));
const toNumber = (value: unknown) => (value === null ? null : Number(value));

function toPromotion(row: Row): Promotion {
  return {
    id: row.id,
    code: row.code,
    type: row.type,
    percentBps: toNumber(row.percent_bps),
    amount: toNumber(row.amount),
    minSubtotal: toNumber(row.min_subtotal),
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    usageLimit: toNumber(row.usage_limit),
    perCustomerLimit: toNumber(row.per_customer_limit),
    timesUsed: Number(row.times_used),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

const valuesOf = (p: Promotion) => [
  p.id, p.code, p.type, p.percentBps, p.amount, p.minSubtotal, p.startsAt, p.endsAt, p.usageLimit, p.perCustomerLimit, p.timesUsed, p.createdAt, p.updatedAt,
];

/** The new promotion, or null when its code is taken. */
export async function insertPromotion(db: Queryable, p: Promotion): Promise<Promotion | null> {
  const rows = await db.query(
    `INSERT INTO promotions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
    valuesOf(p),
  );
  return rows[0] ? toPromotion(rows[0]) : null;
}

/** Writes every field but the counter, which only redemptions change. Null when the new code is taken. */
export async function updatePromotion(db: Queryable, p: Promotion): Promise<Promotion | null> {
  try {
    const rows = await db.query(
      `UPDATE promotions SET code = $2, type = $3, percent_bps = $4, amount = $5, min_subtotal = $6, starts_at = $7, ends_at = $8,
              usage_limit = $9, per_customer_limit = $10, updated_at = $11
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [...valuesOf(p).slice(0, 10), p.updatedAt],
    );
    return toPromotion(rows[0]);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return null; // unique_violation on code
    throw err;
  }
}

export async function deletePromotion(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM promotions WHERE id = $1 RETURNING id', [id])).length > 0;
}

export async function findPromotion(db: Queryable, id: string): Promise<Promotion | null> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM promotions WHERE id = $1`, [id]);
  return rows[0] ? toPromotion(rows[0]) : null;
}

/** The promotion with this (upper-cased) code; `lock` holds its row until the transaction ends, so its counters cannot change meanwhile. */
export async function findByCode(db: Queryable, code: string, lock = false): Promise<Promotion | null> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM promotions WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code]);
  return rows[0] ? toPromotion(rows[0]) : null;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listPromotions(db: Queryable, after: { createdAt: Date; id: string } | null, limit: number): Promise<Promotion[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM promotions
      WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::text)
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [after?.createdAt ?? null, after?.id ?? null, limit],
  );
  return rows.map(toPromotion);
}

/** The uses of a promotion a customer holds now (orders placed with it and not cancelled). */
export async function customerUses(db: Queryable, promotionId: string, customerId: string): Promise<number> {
  const rows = await db.query(
    'SELECT count(*)::int AS n FROM promotion_redemptions WHERE promotion_id = $1 AND customer_id = $2 AND released_at IS NULL',
    [promotionId, customerId],
  );
  return rows[0].n;
}

export async function findRedemption(db: Queryable, orderId: string): Promise<{ promotionId: string; released: boolean } | null> {
  const rows = await db.query('SELECT promotion_id, released_at FROM promotion_redemptions WHERE id = $1', [orderId]);
  return rows[0] ? { promotionId: rows[0].promotion_id, released: rows[0].released_at !== null } : null;
}

/** Records an order's use and counts it; the caller holds the promotion's row lock. */
export async function addRedemption(tx: Queryable, orderId: string, promotionId: string, customerId: string): Promise<void> {
  await tx.query('INSERT INTO promotion_redemptions (id, promotion_id, customer_id) VALUES ($1, $2, $3)', [orderId, promotionId, customerId]);
  await tx.query('UPDATE promotions SET times_used = times_used + 1 WHERE id = $1', [promotionId]);
}

/** Gives an order's use back once; the caller holds the promotion's row lock. */
export async function releaseRedemption(tx: Queryable, orderId: string): Promise<void> {
  const rows = await tx.query('UPDATE promotion_redemptions SET released_at = now() WHERE id = $1 AND released_at IS NULL RETURNING promotion_id', [orderId]);
  if (rows[0]) await tx.query('UPDATE promotions SET times_used = times_used - 1 WHERE id = $1', [rows[0].promotion_id]);
}

export async function lockPromotion(tx: Queryable, id: string): Promise<void> {
  await tx.query('SELECT 1 FROM promotions WHERE id = $1 FOR UPDATE', [id]);
}
