import type { Queryable } from '@emporium/kit';

export interface JobCounts {
  rows: number;
  created: number;
  updated: number;
  failed: number;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface JobRecord extends JobCounts {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
  message: string | null;
  /** Running, but no batch was recorded for this long: the instance that ran it is gone. */
  stale: boolean;
}

/** A listed product as an import compares and writes it. */
export interface StoredProduct {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  priceAmount: number;
  stock: number;
  images: string[];
  links: string[];
  discountBps: number | null;
}

/** What an import writes into one product row. */
export interface ProductWrite extends Omit<StoredProduct, 'discountBps'> {
  currency: string;
  discountedAmount: number;
}

export async function insertJob(db: Queryable, job: { id: string; format: string; dryRun: boolean }): Promise<void> {
  await db.query("INSERT INTO import_jobs (id, format, dry_run, status) VALUES ($1, $2, $3, 'running')", [job.id, job.format, job.dryRun]);
}

/** Adds one batch's counts and row errors to the job. */
export async function recordBatch(tx: Queryable, id: string, counts: JobCounts, progress: number, errors: RowError[]): Promise<void> {
  await tx.query(
    `UPDATE import_jobs SET rows = rows + $2, created = created + $3, updated = updated + $4, failed = failed + $5,
            progress = $6, updated_at = now() WHERE id = $1`,
    [id, counts.rows, counts.created, counts.updated, counts.failed, progress],
  );
  if (errors.length === 0) return;
  await tx.query(
    `INSERT INTO import_errors (job_id, row_number, column_name, message)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
    [id, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.message)],
  );
}

export async function finishJob(db: Queryable, id: string, status: 'done' | 'failed', message: string | null): Promise<void> {
  await db.query(
    "UPDATE import_jobs SET status = $2, message = $3, progress = CASE WHEN $2 = 'done' THEN 1 ELSE progress END, updated_at = now() WHERE id = $1",
    [id, status, message],
  );
}

export async function findJob(db: Queryable, id: string, staleAfterSeconds: number): Promise<(JobRecord & { errors: RowError[] }) | null> {
  const rows = await db.query<JobRecord>(
    `SELECT id, status, rows, created, updated, failed, progress, message,
            status = 'running' AND updated_at < now() - make_interval(secs => $2) AS stale
       FROM import_jobs WHERE id = $1`,
    [id, staleAfterSeconds],
  );
  if (!rows[0]) return null;
  const errors = await db.query<RowError>(
    'SELECT row_number AS row, column_name AS column, message FROM import_errors WHERE job_id = $1 ORDER BY row_number',
    [id],
  );
  return { ...rows[0], errors };
}

/** The listed products with these skus; `lock` holds their rows until the transaction ends. */
export async function findBySkus(db: Queryable, skus: string[], lock: boolean): Promise<StoredProduct[]> {
  return db.query<StoredProduct>(
    `SELECT id, sku, name, description, category, price_amount AS "priceAmount", stock, images, links, discount_bps AS "discountBps"
       FROM products WHERE sku = ANY($1::text[]) AND deleted_at IS NULL ORDER BY id ${lock ? 'FOR UPDATE' : ''}`,
    [skus],
  );
}

const columnsOf = (rows: ProductWrite[]) => [
  rows.map((r) => r.id), rows.map((r) => r.sku), rows.map((r) => r.name), rows.map((r) => r.description), rows.map((r) => r.category),
  rows.map((r) => JSON.stringify(r.images)), rows.map((r) => JSON.stringify(r.links)), rows.map((r) => r.priceAmount),
  rows.map((r) => r.currency), rows.map((r) => r.stock), rows.map((r) => r.discountedAmount),
];

const UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::bigint[], $9::text[], $10::int[], $11::bigint[])
  AS u(id, sku, name, description, category, images, links, price_amount, currency, stock, discounted_amount)`;

/** One statement for the whole batch, in the file's order (so newest-first lists the file's last row first); a sku taken meanwhile (another import at once) is skipped, not an error. Returns the skus written. */
export async function insertProducts(tx: Queryable, rows: ProductWrite[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const written = await tx.query<{ sku: string }>(
    `INSERT INTO products (id, sku, name, description, category, images, links, price_amount, currency, stock, discounted_amount)
     SELECT * FROM ${UNNEST}
     ON CONFLICT (sku) WHERE deleted_at IS NULL DO NOTHING RETURNING sku`,
    columnsOf(rows),
  );
  return written.map((r) => r.sku);
}

export async function updateProducts(tx: Queryable, rows: ProductWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE products p SET name = u.name, description = u.description, category = u.category, images = u.images, links = u.links,
            price_amount = u.price_amount, currency = u.currency, stock = u.stock, discounted_amount = u.discounted_amount, updated_at = now()
       FROM ${UNNEST} WHERE p.id = u.id`,
    columnsOf(rows),
  );
}

/** The next `limit` listed products after `afterSeq`, oldest first: the export walks the table with this. */
export async function exportBatch(db: Queryable, afterSeq: number, limit: number) {
  return db.query<{ seq: number; sku: string | null; name: string; description: string; category: string; priceAmount: number; currency: string; stock: number; images: string[]; links: string[] }>(
    `SELECT seq, sku, name, description, category, price_amount AS "priceAmount", currency, stock, images, links
       FROM products WHERE deleted_at IS NULL AND seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
}
