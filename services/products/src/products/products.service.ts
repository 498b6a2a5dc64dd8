import { randomUUID } from 'node:crypto';
import { AppError, assertCurrency, basisPointsToPercent, discountedAmount, pageOf, type Db } from '@emporium/kit';
import { cursorKeyOf, keysetAfter } from './products.cursor.ts';
import * as repo from './products.repository.ts';
import type { ProductFields, ProductRecord } from './products.repository.ts';
import type {
  CategoryList, CreateProduct, InternalProduct, Product, ProductPage, ProductQuery, UpdateProduct,
} from './products.schemas.ts';
import type { ReadCache } from './read-cache.ts';

export interface ProductDeps {
  db: Db;
  cache: ReadCache;
  currency: string;
}

const money = (amount: number, currency: string) => ({ amount, currency });

export function toProduct(p: ProductRecord): Product {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    category: p.category,
    images: p.images,
    links: p.links,
    price: money(p.priceAmount, p.currency),
    discountedPrice: money(p.discountedAmount, p.currency),
    discount: p.discountId === null
      ? null
      : { id: p.discountId, percent: basisPointsToPercent(p.discountBps ?? 0), endsAt: p.discountEndsAt?.toISOString() ?? null },
    // A deleted product stays readable for past orders, but nothing of it can be ordered.
    stock: p.deletedAt ? 0 : p.stock,
    rating: { average: p.ratingCount > 0 ? p.ratingAverage : 0, count: p.ratingCount },
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toInternalProduct(p: ProductRecord): InternalProduct {
  return {
    id: p.id,
    name: p.name,
    category: p.category,
    image: p.images[0] ?? null,
    price: money(p.priceAmount, p.currency),
    discountedPrice: money(p.discountedAmount, p.currency),
    stock: p.deletedAt ? 0 : p.stock,
    deleted: p.deletedAt !== null,
  };
}

const notFound = (id: string) => new AppError('PRODUCT.NOT_FOUND', 404, `No product with id ${id}`);

export async function listProducts(deps: ProductDeps, query: ProductQuery): Promise<ProductPage> {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw new AppError('REQUEST.INVALID', 400, 'minPrice is above maxPrice', {
      errors: [{ path: '/query/minPrice', message: 'must not be above maxPrice' }],
    });
  }
  const ids = query.ids === undefined ? undefined : [...new Set(query.ids.split(','))];
  if (ids && ids.length > 100) {
    throw new AppError('REQUEST.INVALID', 400, 'ids takes at most 100 product ids', { errors: [{ path: '/query/ids', message: 'names more than 100 ids' }] });
  }
  const after = keysetAfter(query.sort, query.cursor);
  const key = `list:${JSON.stringify([query.q, query.category, query.minPrice, query.maxPrice, ids, query.sort, query.limit, query.cursor])}`;
  return deps.cache.get(key, async () => {
    const rows = await repo.listProducts(deps.db, { ...query, q: query.q?.trim() || undefined, category: query.category || undefined, ids, after });
    return pageOf(rows, query.limit, toProduct, cursorKeyOf(query.sort));
  });
}

export async function getProduct(deps: ProductDeps, id: string): Promise<Product> {
  return deps.cache.get(`product:${id}`, async () => {
    const row = await repo.findProduct(deps.db, id);
    if (!row) throw notFound(id);
    return toProduct(row);
  });
}

export async function listCategories(deps: ProductDeps): Promise<CategoryList> {
  return deps.cache.get('categories', async () => ({ items: await repo.listCategories(deps.db) }));
}

export async function createProduct(deps: ProductDeps, input: CreateProduct): Promise<Product> {
  assertCurrency(input.price, deps.currency);
  const row = await repo.insertProduct(deps.db, randomUUID(), {
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
    const current = await repo.findProductForUpdate(tx, id);
    if (!current || current.deletedAt) throw notFound(id);
    return repo.updateProduct(tx, id, mergeFields(current, patch));
  });
  deps.cache.invalidate();
  return toProduct(row);
}

/** The row's fields with the patch laid over; the discounted amount follows a new price. */
export function mergeFields(current: ProductRecord, patch: UpdateProduct): ProductFields {
  const priceAmount = patch.price?.amount ?? current.priceAmount;
  return {
    name: patch.name?.trim() ?? current.name,
    description: patch.description ?? current.description,
    category: patch.category?.trim() ?? current.category,
    images: patch.images ?? current.images,
    links: patch.links ?? current.links,
    priceAmount,
    currency: patch.price?.currency ?? current.currency,
    stock: patch.stock ?? current.stock,
    discountedAmount: current.discountBps === null ? priceAmount : discountedAmount(priceAmount, current.discountBps),
  };
}

export async function deleteProduct(deps: ProductDeps, id: string): Promise<void> {
  if (!(await repo.markDeleted(deps.db, id))) throw notFound(id);
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
  const rows = await repo.findProducts(deps.db, ids);
  return { items: rows.map(toInternalProduct) };
}
