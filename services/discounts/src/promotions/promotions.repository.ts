import { batchedPer, type Queryable, type Row } from '@emporium/kit';
import type { Promotion } from './promotion-rules.ts';

const FIELDS = `id, code, type, percent_bps, amount, min_subtotal, starts_at, ends_at, usage_limit, per_customer_limit, created_at, updated_at`;
/** The promotion with its uses counted (orders placed with it and not cancelled). */
const COLUMNS = `${FIELDS}, (SELECT count(*) FROM promotion_redemptions r WHERE r.promotion_id = promotions.id AND r.released_at IS NULL) AS times_used`;

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
  p.id, p.code, p.type, p.percentBps, p.amount, p.minSubtotal, p.startsAt, p.endsAt, p.usageLimit, p.perCustomerLimit, p.createdAt, p.updatedAt,
];

/** The new promotion, or null when its code is taken. */
export async function insertPromotion(db: Queryable, p: Promotion): Promise<Promotion | null> {
  const rows = await db.query(
    `INSERT INTO promotions (${FIELDS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
    valuesOf(p),
  );
  return rows[0] ? toPromotion(rows[0]) : null;
}

/** Writes every field (the uses are the redemptions'). Null when the new code is taken. */
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

/**
 * The promotion with this (upper-cased) code, its uses counted only when it has a usage limit: an
 * unlimited code reads 0 (counting its every use for every order would grow with its success).
 * The reads of orders checked or placed at the same moment (on one handle) are one query (kit batcher).
 */
export const findByCode = (db: Queryable, code: string): Promise<Promotion | null> => findByCodeInBatch(db, code);

const findByCodeInBatch = batchedPer(async (db: Queryable, codes: string[]): Promise<(Promotion | null)[]> => {
  const rows = await db.query(
    `SELECT ${FIELDS}, CASE WHEN usage_limit IS NULL THEN 0
              ELSE (SELECT count(*) FROM promotion_redemptions r WHERE r.promotion_id = promotions.id AND r.released_at IS NULL) END AS times_used
       FROM promotions WHERE code = ANY($1::text[])`,
    [[...new Set(codes)]],
  );
  const byCode = new Map(rows.map((row) => [row.code as string, toPromotion(row)]));
  return codes.map((code) => byCode.get(code) ?? null);
}, { name: 'discounts.findByCode', concurrency: 2 });

/**
 * Until the transaction ends, no other use of this code is counted where its limits need it: all of
 * its uses (the promotion's row) under a usage limit, this customer's (an advisory lock) under a
 * per-customer one. An unlimited code takes no lock.
 */
export async function lockUses(tx: Queryable, promotion: Promotion, customerId: string): Promise<void> {
  if (promotion.usageLimit !== null) await tx.query('SELECT 1 FROM promotions WHERE id = $1 FOR UPDATE', [promotion.id]);
  if (promotion.perCustomerLimit !== null) {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('promotion-uses:' || $1 || ':' || $2))", [promotion.id, customerId]);
  }
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

/**
 * Records an order's use unless the order has one on record already (a retried call): false then. A limited
 * code's caller holds its locks, having counted the uses under them. The uses recorded at the same moment
 * (on one handle) are one statement and one commit (kit batcher).
 */
export const addRedemptionOnce = (db: Queryable, orderId: string, promotionId: string, customerId: string): Promise<boolean> =>
  addRedemptionsInBatch(db, { orderId, promotionId, customerId });

type NewRedemption = { orderId: string; promotionId: string; customerId: string };

const addRedemptionsInBatch = batchedPer(async (db: Queryable, uses: NewRedemption[]): Promise<boolean[]> => {
  const rows = await db.query(
    `INSERT INTO promotion_redemptions (id, promotion_id, customer_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [uses.map((u) => u.orderId), uses.map((u) => u.promotionId), uses.map((u) => u.customerId)],
  );
  const added = new Set(rows.map((row) => row.id as string));
  return uses.map((use) => added.has(use.orderId));
}, { name: 'discounts.addRedemption', concurrency: 2 });

/** Gives an order's use back once. No lock: a use given back can only make room under a limit. */
export async function releaseRedemption(db: Queryable, orderId: string): Promise<void> {
  await db.query('UPDATE promotion_redemptions SET released_at = now() WHERE id = $1 AND released_at IS NULL', [orderId]);
}
