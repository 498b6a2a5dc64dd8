import type { Queryable, Row } from '@emporium/kit';
import type { Review, ReviewChanges } from './reviews.schemas.ts';

const COLUMNS = `id, product_id, author_id, author_name, rating, title, body, verified_purchase, hidden, created_at, updated_at`;

function toReview(row: Row): Review {
  return {
    id: row.id,
    productId: row.product_id,
    authorId: row.author_id,
    authorName: row.author_name,
    rating: Number(row.rating),
    title: row.title,
    body: row.body,
    verifiedPurchase: row.verified_purchase,
    hidden: row.hidden,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Serializes writers of one key (a product's reviews, a customer's purchases) until the transaction ends,
 * so a summary computed inside it counts every committed change before it.
 */
export async function lockKey(tx: Queryable, scope: string, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [scope, key]);
}

export interface NewReviewRow {
  id: string;
  productId: string;
  authorId: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  verifiedPurchase: boolean;
  /** Written hidden: a moderation hold on this author and product. */
  hidden?: boolean;
}

/** Null when the author already reviewed the product. */
export async function insertReview(q: Queryable, r: NewReviewRow): Promise<Review | null> {
  const rows = await q.query(
    `INSERT INTO reviews (id, product_id, author_id, author_name, rating, title, body, verified_purchase, hidden)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (product_id, author_id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [r.id, r.productId, r.authorId, r.authorName, r.rating, r.title, r.body, r.verifiedPurchase, r.hidden ?? false],
  );
  return rows[0] ? toReview(rows[0]) : null;
}

export async function findReview(q: Queryable, id: string): Promise<Review | null> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM reviews WHERE id = $1`, [id]);
  return rows[0] ? toReview(rows[0]) : null;
}

export async function updateReview(q: Queryable, id: string, changes: ReviewChanges): Promise<Review | null> {
  const rows = await q.query(
    `UPDATE reviews SET rating = COALESCE($2, rating), title = COALESCE($3, title), body = COALESCE($4, body),
            updated_at = date_trunc('milliseconds', now())
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, changes.rating ?? null, changes.title ?? null, changes.body ?? null],
  );
  return rows[0] ? toReview(rows[0]) : null;
}

export async function setHidden(q: Queryable, id: string, hidden: boolean): Promise<Review | null> {
  const rows = await q.query(`UPDATE reviews SET hidden = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, hidden]);
  return rows[0] ? toReview(rows[0]) : null;
}

/** Hiding places a hold on the author and product that outlives the review; showing it lifts the hold. */
export async function setModerationHold(q: Queryable, authorId: string, productId: string, held: boolean): Promise<void> {
  if (held) {
    await q.query('INSERT INTO moderation_holds (author_id, product_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [authorId, productId]);
  } else {
    await q.query('DELETE FROM moderation_holds WHERE author_id = $1 AND product_id = $2', [authorId, productId]);
  }
}

export async function isModerationHeld(q: Queryable, authorId: string, productId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM moderation_holds WHERE author_id = $1 AND product_id = $2', [authorId, productId]);
  return rows.length > 0;
}

export async function deleteReview(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM reviews WHERE id = $1', [id]);
}

/** How many visible reviews of the product gave each rating. */
export async function visibleRatingCounts(q: Queryable, productId: string): Promise<{ rating: number; n: number }[]> {
  const rows = await q.query(
    'SELECT rating, count(*)::int AS n FROM reviews WHERE product_id = $1 AND NOT hidden GROUP BY rating',
    [productId],
  );
  return rows.map((r) => ({ rating: Number(r.rating), n: Number(r.n) }));
}

/** Visible reviews of a product after the cursor (`[createdAt, id]`), newest first; limit+1 rows. */
export async function productReviewsNewest(q: Queryable, productId: string, after: [string, string] | null, limit: number): Promise<Review[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM reviews
      WHERE product_id = $1 AND NOT hidden AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [productId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  return rows.map(toReview);
}

/** Visible reviews of a product after the cursor (`[rating, createdAt, id]`), best first, newest among equals. */
export async function productReviewsByRating(
  q: Queryable,
  productId: string,
  after: [number, string, string] | null,
  limit: number,
): Promise<Review[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM reviews
      WHERE product_id = $1 AND NOT hidden
        AND ($2::smallint IS NULL OR (rating, created_at, id) < ($2::smallint, $3::timestamptz, $4::text))
      ORDER BY rating DESC, created_at DESC, id DESC LIMIT $5`,
    [productId, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
  );
  return rows.map(toReview);
}

export interface ModerationFilter {
  hidden?: boolean;
  productId?: string;
}

/** Every review (hidden or not, as filtered) after the cursor `[createdAt, id]`, newest first; limit+1 rows. */
export async function reviewsForModeration(q: Queryable, filter: ModerationFilter, after: [string, string] | null, limit: number): Promise<Review[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM reviews
      WHERE ($1::boolean IS NULL OR hidden = $1::boolean) AND ($2::text IS NULL OR product_id = $2::text)
        AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::text))
      ORDER BY created_at DESC, id DESC LIMIT $5`,
    [filter.hidden ?? null, filter.productId ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  return rows.map(toReview);
}

export async function findAuthorReview(q: Queryable, productId: string, authorId: string): Promise<Review | null> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM reviews WHERE product_id = $1 AND author_id = $2`, [productId, authorId]);
  return rows[0] ? toReview(rows[0]) : null;
}
