import { randomUUID } from 'node:crypto';
import { AppError, assertCurrency, basisPointsToPercent, discountedAmount, pageOf, type Db } from '@emporium/kit';
import { cursorKeyOf, keysetAfter } from './products.cursor.ts';
import type { ProductFields, ProductRow, ProductsRepository } from './products.repository.ts';
import type {
  CategoryList, CreateProduct, InternalProduct, Product, ProductPage, ProductQuery, UpdateProduct,
} from './products.schemas.ts';
import type { ReadCache } from './read-cache.ts';

export interface ProductDeps {
  db: Db;
  repo: ProductsRepository;
  cache: ReadCache;
  currency: string;
}

const money = (amount: number, currency: string) => ({ amount, currency });

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category,
    images: row.images,
    links: row.links,
    price: money(row.price_amount, row.currency),
    discountedPrice: money(row.discounted_amount, row.currency),
    discount: row.discount_id === null
      ? null
      : { id: row.discount_id, percent: basisPointsToPercent(row.discount_bps ?? 0), endsAt: row.discount_ends_at?.toISOString() ?? null },
    // A deleted product stays readable for past orders, but nothing of it can be ordered.
    stock: row.deleted_at ? 0 : row.stock,
    rating: { average: row.rating_count > 0 ? row.rating_average : 0, count: row.rating_count },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toInternalProduct(row: ProductRow): InternalProduct {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    image: row.images[0] ?? null,
    price: money(row.price_amount, row.currency),
    discountedPrice: money(row.discounted_amount, row.currency),
    stock: row.deleted_at ? 0 : row.stock,
    deleted: row.deleted_at !== null,
  };
}

const notFound = (id: string) => new AppError('PRODUCT.NOT_FOUND', 404, `No product with id ${id}`);

export async function listProducts(deps: ProductDeps, query: ProductQuery): Promise<ProductPage> {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw new AppError('REQUEST.INVALID', 400, 'minPrice is above maxPrice', {
      errors: [{ path: '/query/minPrice', message: 'must not be above maxPrice' }],
    });
  }
  const after = keysetAfter(query.sort, query.cursor);
  const key = `list:${JSON.stringify([query.q, query.category, query.minPrice, query.maxPrice, query.sort, query.limit, query.cursor])}`;
  return deps.cache.get(key, async () => {
    const rows = await deps.repo.list({ ...query, q: query.q?.trim() || undefined, category: query.category || undefined, after });
    return pageOf(rows, query.limit, toProduct, cursorKeyOf(query.sort));
  });
}

export async function getProduct(deps: ProductDeps, id: string): Promise<Product> {
  return deps.cache.get(`product:${id}`, async () => {
    const row = await deps.repo.findById(id);
    if (!row) throw notFound(id);
    return toProduct(row);
  });
}

export async function listCategories(deps: ProductDeps): Promise<CategoryList> {
  return deps.cache.get('categories', async () => ({ items: await deps.repo.categories() }));
}

export async function createProduct(deps: ProductDeps, input: CreateProduct): Promise<Product> {
  assertCurrency(input.price, deps.currency);
  const row = await deps.repo.insert(randomUUID(), {
    name: input.name.trim(),
    description: input.description,
    category: input.category.trim(),
    images: input.images ?? [],
    links: input.links ?? [],
    priceAmount: input.price.amount,
    currency: input.price.currency,
    stock: input.stock,
    discountedAmount: input.price.amount,
  });
  deps.cache.invalidate();
  return toProduct(row);
}

export async function updateProduct(deps: ProductDeps, id: string, patch: UpdateProduct): Promise<Product> {
  if (patch.price) assertCurrency(patch.price, deps.currency);
  const row = await deps.db.transaction(async (tx) => {
    const current = await deps.repo.findForUpdate(tx, id);
    if (!current || current.deleted_at) throw notFound(id);
    return deps.repo.update(tx, id, mergeFields(current, patch));
  });
  deps.cache.invalidate();
  return toProduct(row);
}

/** The row's fields with the patch laid over; the discounted amount follows a new price. */
export function mergeFields(current: ProductRow, patch: UpdateProduct): ProductFields {
  const priceAmount = patch.price?.amount ?? current.price_amount;
  return {
    name: patch.name?.trim() ?? current.name,
    description: patch.description ?? current.description,
    category: patch.category?.trim() ?? current.category,
    images: patch.images ?? current.images,
    links: patch.links ?? current.links,
    priceAmount,
    currency: patch.price?.currency ?? current.currency,
    stock: patch.stock ?? current.stock,
    discountedAmount: current.discount_bps === null ? priceAmount : discountedAmount(priceAmount, current.discount_bps),
  };
}

export async function deleteProduct(deps: ProductDeps, id: string): Promise<void> {
  if (!(await deps.repo.markDeleted(id))) throw notFound(id);
  deps.cache.invalidate();
}

/** For peers (orders, discounts): one batch read, deleted products included and marked. */
export async function getInternalProducts(deps: ProductDeps, idsParam: string): Promise<{ items: InternalProduct[] }> {
  const ids = [...new Set(idsParam.split(',').map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0 || ids.length > 100) {
    throw new AppError('REQUEST.INVALID', 400, 'ids takes 1 to 100 comma-separated product ids', {
      errors: [{ path: '/query/ids', message: 'must name 1 to 100 ids' }],
    });
  }
  const rows = await deps.repo.findMany(ids);
  return { items: rows.map(toInternalProduct) };
}
