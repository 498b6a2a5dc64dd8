import { createBatcher, type Db, type Queryable } from '@emporium/kit';
import type { Sort } from './products.schemas.ts';

export interface ProductRow {
  id: string;
  seq: number;
  name: string;
  /** lower(name) as PostgreSQL computes it: the key of the name sort. */
  name_key: string;
  description: string;
  category: string;
  images: string[];
  links: string[];
  price_amount: number;
  currency: string;
  stock: number;
  discount_id: string | null;
  discount_bps: number | null;
  discount_ends_at: Date | null;
  discounted_amount: number;
  rating_average: number;
  rating_count: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** Everything a product row holds that its editors write. */
export interface ProductFields {
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

export interface ListFilter {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  sort: Sort;
  limit: number;
  /** The keyset values of the last row of the previous page, in the sort's column order. */
  after: unknown[] | null;
}

const COLUMNS = 'products.*, lower(name) AS name_key';

/** Each sort's keyset columns (the last is always the unique seq) and direction; one index backs each. */
const ORDERINGS: Record<Sort, { columns: string[]; descending: boolean }> = {
  newest: { columns: ['seq'], descending: true },
  price_asc: { columns: ['discounted_amount', 'seq'], descending: false },
  price_desc: { columns: ['discounted_amount', 'seq'], descending: true },
  rating: { columns: ['rating_average', 'rating_count', 'seq'], descending: true },
  name: { columns: ['lower(name)', 'seq'], descending: false },
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createProductsRepository(db: Db) {
  const findManyInBatch = createBatcher(async (idLists: string[][]): Promise<ProductRow[][]> => {
    const rows = await db.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = ANY($1::text[])`, [[...new Set(idLists.flat())]]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return idLists.map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
  }, { concurrency: 2 });
  return {
    async findById(id: string, q: Queryable = db): Promise<ProductRow | null> {
      const rows = await q.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
      return rows[0] ?? null;
    },

    /** Locks the row until the transaction ends, so a read-modify-write cannot lose a concurrent change. */
    async findForUpdate(tx: Queryable, id: string): Promise<ProductRow | null> {
      const rows = await tx.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1 FOR UPDATE`, [id]);
      return rows[0] ?? null;
    },

    /** The products with these ids (deleted ones too). Reads arriving together are answered by one query. */
    findMany: (ids: string[]): Promise<ProductRow[]> => findManyInBatch(ids),

    /** Listed products only; returns limit + 1 rows so the caller knows whether a next page exists. */
    async list(filter: ListFilter, q: Queryable = db): Promise<ProductRow[]> {
      const where = ['deleted_at IS NULL'];
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      if (filter.q) {
        const pattern = param(`%${escapeLike(filter.q)}%`);
        where.push(`(name ILIKE ${pattern} OR description ILIKE ${pattern})`);
      }
      if (filter.category !== undefined) where.push(`category = ${param(filter.category)}`);
      if (filter.minPrice !== undefined) where.push(`discounted_amount >= ${param(filter.minPrice)}`);
      if (filter.maxPrice !== undefined) where.push(`discounted_amount <= ${param(filter.maxPrice)}`);
      const { columns, descending } = ORDERINGS[filter.sort];
      if (filter.after) {
        where.push(`(${columns.join(', ')}) ${descending ? '<' : '>'} (${filter.after.map(param).join(', ')})`);
      }
      const order = columns.map((c) => `${c} ${descending ? 'DESC' : 'ASC'}`).join(', ');
      return q.query<ProductRow>(
        `SELECT ${COLUMNS} FROM products WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${param(filter.limit + 1)}`,
        params,
      );
    },

    async insert(id: string, fields: ProductFields, q: Queryable = db): Promise<ProductRow> {
      const rows = await q.query<ProductRow>(
        `INSERT INTO products (id, name, description, category, images, links, price_amount, currency, stock, discounted_amount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [id, fields.name, fields.description, fields.category, JSON.stringify(fields.images), JSON.stringify(fields.links),
          fields.priceAmount, fields.currency, fields.stock, fields.discountedAmount],
      );
      return rows[0];
    },

    async update(tx: Queryable, id: string, fields: ProductFields): Promise<ProductRow> {
      const rows = await tx.query<ProductRow>(
        `UPDATE products SET name = $2, description = $3, category = $4, images = $5, links = $6, price_amount = $7,
                currency = $8, stock = $9, discounted_amount = $10, updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, fields.name, fields.description, fields.category, JSON.stringify(fields.images), JSON.stringify(fields.links),
          fields.priceAmount, fields.currency, fields.stock, fields.discountedAmount],
      );
      return rows[0];
    },

    /** Marks a listed product deleted; false when there was none to delete. */
    async markDeleted(id: string, q: Queryable = db): Promise<boolean> {
      const rows = await q.query(
        'UPDATE products SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id',
        [id],
      );
      return rows.length > 0;
    },

    async setDiscount(
      tx: Queryable,
      id: string,
      discount: { id: string; basisPoints: number; endsAt: string | null } | null,
      discountedAmount: number,
    ): Promise<void> {
      await tx.query(
        'UPDATE products SET discount_id = $2, discount_bps = $3, discount_ends_at = $4, discounted_amount = $5 WHERE id = $1',
        [id, discount?.id ?? null, discount?.basisPoints ?? null, discount?.endsAt ?? null, discountedAmount],
      );
    },

    async setRating(tx: Queryable, id: string, average: number, count: number): Promise<void> {
      await tx.query('UPDATE products SET rating_average = $2, rating_count = $3 WHERE id = $1', [id, average, count]);
    },

    async categories(q: Queryable = db): Promise<{ name: string; productCount: number }[]> {
      return q.query(
        `SELECT category AS name, count(*)::int AS "productCount" FROM products
          WHERE deleted_at IS NULL GROUP BY category ORDER BY category`,
      );
    },
  };
}

export type ProductsRepository = ReturnType<typeof createProductsRepository>;
