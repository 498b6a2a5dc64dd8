import { batchedPer, type Queryable } from '@emporium/kit';

/** A product as stored; snake_case stays in the SQL below. */
export interface ProductRecord {
  id: string;
  seq: number;
  sku: string | null;
  name: string;
  /** lower(name) as PostgreSQL computes it: the key of the name sort. */
  nameKey: string;
  description: string;
  category: string;
  images: string[];
  links: string[];
  priceAmount: number;
  currency: string;
  stock: number;
  discountId: string | null;
  discountBps: number | null;
  discountEndsAt: Date | null;
  discountedAmount: number;
  ratingAverage: number;
  ratingCount: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** Everything a product row holds that its editors write. */
export interface ProductFields {
  sku: string | null;
  name: string;
  description: string;
  category: string;
  images: string[];
  links: string[];
  priceAmount: number;
  currency: string;
  stock: number;
  discountedAmount: number;
}

export const COLUMNS = `id, seq, sku, name, lower(name) AS "nameKey", description, category, images, links, price_amount AS "priceAmount",
  currency, stock, discount_id AS "discountId", discount_bps AS "discountBps", discount_ends_at AS "discountEndsAt",
  discounted_amount AS "discountedAmount", rating_average AS "ratingAverage", rating_count AS "ratingCount",
  created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"`;

export async function findProduct(db: Queryable, id: string): Promise<ProductRecord | null> {
  const rows = await db.query<ProductRecord>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Locks the row until the transaction ends, so a read-modify-write cannot lose a concurrent change. */
export async function findProductForUpdate(tx: Queryable, id: string): Promise<ProductRecord | null> {
  const rows = await tx.query<ProductRecord>(`SELECT ${COLUMNS} FROM products WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

// Peers' batch reads arriving together are answered by one query (kit batcher; see services/orders/README.md).
const findProductsInBatch = batchedPer(async (db: Queryable, idLists: string[][]): Promise<ProductRecord[][]> => {
  const rows = await db.query<ProductRecord>(`SELECT ${COLUMNS} FROM products WHERE id = ANY($1::text[])`, [[...new Set(idLists.flat())]]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return idLists.map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
}, { name: 'products.find', concurrency: 2 });

/** The products with these ids (deleted ones too). */
export const findProducts = (db: Queryable, ids: string[]): Promise<ProductRecord[]> => findProductsInBatch(db, ids);

const fieldValues = (fields: ProductFields) => [fields.sku, fields.name, fields.description, fields.category, JSON.stringify(fields.images),
  JSON.stringify(fields.links), fields.priceAmount, fields.currency, fields.stock, fields.discountedAmount];

export async function insertProduct(db: Queryable, id: string, fields: ProductFields): Promise<ProductRecord> {
  const rows = await db.query<ProductRecord>(
    `INSERT INTO products (id, sku, name, description, category, images, links, price_amount, currency, stock, discounted_amount)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    [id, ...fieldValues(fields)],
  );
  return rows[0];
}

export async function updateProduct(tx: Queryable, id: string, fields: ProductFields): Promise<ProductRecord> {
  const rows = await tx.query<ProductRecord>(
    `UPDATE products SET sku = $2, name = $3, description = $4, category = $5, images = $6, links = $7, price_amount = $8,
            currency = $9, stock = $10, discounted_amount = $11, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...fieldValues(fields)],
  );
  return rows[0];
}

/** The unique index on sku refused a write: another listed product has that sku. */
export const isSkuTaken = (err: unknown) => (err as { code?: string; constraint?: string }).code === '23505'
  && (err as { constraint?: string }).constraint === 'products_sku';

/** Marks a listed product deleted; false when there was none to delete. */
export async function markDeleted(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE products SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id',
    [id],
  );
  return rows.length > 0;
}

export async function setDiscount(
  tx: Queryable,
  id: string,
  discount: { id: string; basisPoints: number; endsAt: string | null } | null,
  discountedAmount: number,
): Promise<void> {
  await tx.query(
    'UPDATE products SET discount_id = $2, discount_bps = $3, discount_ends_at = $4, discounted_amount = $5 WHERE id = $1',
    [id, discount?.id ?? null, discount?.basisPoints ?? null, discount?.endsAt ?? null, discountedAmount],
  );
}

export async function setRating(tx: Queryable, id: string, average: number, count: number): Promise<void> {
  await tx.query('UPDATE products SET rating_average = $2, rating_count = $3 WHERE id = $1', [id, average, count]);
}

export async function listCategories(db: Queryable): Promise<{ name: string; productCount: number }[]> {
  return db.query(
    `SELECT category AS name, count(*)::int AS "productCount" FROM products
      WHERE deleted_at IS NULL GROUP BY category ORDER BY category`,
  );
}
