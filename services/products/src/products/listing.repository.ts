import { MAX_AMOUNT, plannedOnEveryCall, type Queryable } from '@emporium/kit';
import { COLUMNS, type ProductRecord } from './products.repository.ts';
import type { ListOrder } from './products.schemas.ts';
import type { WordTerms } from './search-query.ts';

/** What narrows a listing; every facet is counted over these minus its own. */
export interface Filters {
  /** tsquery text (search-query.ts) for `to_tsquery('english', ...)`. */
  match?: string;
  /** tsquery text of the words as typed, ranked beside `match` (the list only). */
  exact?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  minRating?: number;
  /** Only these products (a cart's batch read). */
  ids?: string[];
}

export interface ListFilter extends Filters {
  order: ListOrder;
  limit: number;
  /** The keyset values of the last row of the previous page, in the order's column order. */
  after: unknown[] | null;
}

const RANK = (match: string, exact: string) =>
  `(ts_rank(search, to_tsquery('english', ${match})) + ts_rank(search, to_tsquery('english', ${exact})))`;

/** Each order's keyset columns (the last is always the unique seq) and direction; an index backs each. */
function orderingOf(order: ListOrder, rank: string): { columns: string[]; descending: boolean } {
  switch (order) {
    case 'newest': return { columns: ['seq'], descending: true };
    case 'price_asc': return { columns: ['discounted_amount', 'seq'], descending: false };
    case 'price_desc': return { columns: ['discounted_amount', 'seq'], descending: true };
    case 'rating': return { columns: ['rating_average', 'rating_count', 'seq'], descending: true };
    case 'name': return { columns: ['lower(name)', 'seq'], descending: false };
    // Relevance needs a query; ts_rank is a real, so the cursor's rank is compared as one.
    case 'relevance': return { columns: [rank, 'seq'], descending: true };
  }
}

type Param = (value: unknown) => string;

/** The WHERE conditions of these filters, leaving out the ones named in `omit` (a facet's own). */
function conditions(filters: Filters, param: Param, omit: Array<keyof Filters> = []): string[] {
  const use = (key: keyof Filters) => filters[key] !== undefined && !omit.includes(key);
  const where = ['deleted_at IS NULL'];
  if (use('match')) where.push(`search @@ to_tsquery('english', ${param(filters.match)})`);
  if (use('category')) where.push(`category = ${param(filters.category)}`);
  if (use('minPrice')) where.push(`discounted_amount >= ${param(filters.minPrice)}`);
  if (use('maxPrice')) where.push(`discounted_amount <= ${param(filters.maxPrice)}`);
  if (use('minRating')) where.push(`rating_average >= ${param(filters.minRating)}`);
  if (use('ids')) where.push(`id = ANY(${param(filters.ids)}::text[])`);
  return where;
}

function parameters() {
  const params: unknown[] = [];
  return { params, param: (value: unknown) => `$${params.push(value)}` };
}

/** Listed products only; returns limit + 1 rows so the caller knows whether a next page exists. */
export async function listProducts(db: Queryable, filter: ListFilter): Promise<Array<ProductRecord & { rank?: number }>> {
  const { params, param } = parameters();
  const where = conditions(filter, param);
  const match = filter.match === undefined ? null : param(filter.match);
  const rankOf = match ? RANK(match, param(filter.exact ?? filter.match)) : '0::real';
  const { columns, descending } = orderingOf(filter.order, rankOf);
  if (filter.after) {
    const values = filter.after.map((v, i) => (filter.order === 'relevance' && i === 0 ? `${param(v)}::real` : param(v)));
    where.push(`(${columns.join(', ')}) ${descending ? '<' : '>'} (${values.join(', ')})`);
  }
  const order = columns.map((c) => `${c} ${descending ? 'DESC' : 'ASC'}`).join(', ');
  const rank = match ? `, ${rankOf} AS rank` : '';
  // The best plan depends on how common the query's words are: planned on every call, not once per connection.
  const sql = `SELECT ${COLUMNS}${rank} FROM products WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${param(filter.limit + 1)}`;
  return db.query(match ? plannedOnEveryCall(sql) : sql, params);
}

/** Price bucket bounds in minor units: 1, 2, 5 times each power of ten from 100 up to the largest amount. */
export const PRICE_BOUNDS: number[] = [0];
for (let unit = 100; unit < MAX_AMOUNT; unit *= 10) PRICE_BOUNDS.push(unit, unit * 2, unit * 5);
PRICE_BOUNDS.push(MAX_AMOUNT + 1); // width_bucket's upper bounds are exclusive: the largest amount is in the last bucket

export const RATING_STEPS = [4, 3, 2, 1];

export interface FacetCounts {
  categories: { name: string; count: number }[];
  /** Index into PRICE_BOUNDS (1-based, as width_bucket numbers them) and the count in that bucket. */
  price: { bucket: number; count: number }[];
  rating: { atLeast: number; count: number }[];
}

const FACET_FILTERS: Array<keyof Filters> = ['category', 'minPrice', 'maxPrice', 'minRating'];

/**
 * Every facet in one pass over the rows that match the other filters (the query's words above all): each
 * count takes the facet filters but its own, as FILTER clauses, over GROUPING SETS of category and bucket.
 */
export async function countFacets(db: Queryable, filters: Filters): Promise<FacetCounts> {
  const { params, param } = parameters();
  const common = conditions(filters, param, FACET_FILTERS).join(' AND ');
  const only = (...keys: Array<keyof Filters>) =>
    ['true', ...conditions(filters, param, (Object.keys(filters) as Array<keyof Filters>).filter((k) => !keys.includes(k))).slice(1)].join(' AND ');
  const [category, price, rating] = [only('category'), only('minPrice', 'maxPrice'), only('minRating')];
  const steps = RATING_STEPS.map((step) => `count(*) FILTER (WHERE ${category} AND ${price} AND rating_average >= ${step})::int AS "r${step}"`);
  const sql = `
    SELECT category, bucket, GROUPING(category)::int AS "noCategory", GROUPING(bucket)::int AS "noBucket",
           count(*) FILTER (WHERE ${price} AND ${rating})::int AS "forCategory",
           count(*) FILTER (WHERE ${category} AND ${rating})::int AS "forPrice", ${steps.join(', ')}
      FROM (SELECT category, discounted_amount, rating_average, width_bucket(discounted_amount, ${param(PRICE_BOUNDS)}::bigint[]) AS bucket
              FROM products WHERE ${common}) AS matching
     GROUP BY GROUPING SETS ((category), (bucket), ())`;
  const rows = await db.query<Record<string, number> & { category: string; bucket: number }>(filters.match ? plannedOnEveryCall(sql) : sql, params);
  const total = rows.find((r) => r.noCategory && r.noBucket);
  return {
    categories: rows.filter((r) => !r.noCategory && r.forCategory > 0).map((r) => ({ name: r.category, count: r.forCategory }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    price: rows.filter((r) => !r.noBucket && r.forPrice > 0).map((r) => ({ bucket: r.bucket, count: r.forPrice })).sort((a, b) => a.bucket - b.bucket),
    rating: RATING_STEPS.map((step) => ({ atLeast: step, count: total?.[`r${step}`] ?? 0 })).filter((r) => r.count > 0),
  };
}

/**
 * For each word of a query: the catalog words that begin with it whose stems the prefix would miss (the last
 * word only) and, when the word
 * itself is not in the catalog, its near spellings by trigram similarity (pg_trgm's `%`, on its GIN index).
 */
export async function termsOf(db: Queryable, words: string[]): Promise<Array<{ prefixed: string[]; near: string[] }>> {
  const rows = await db.query<{ i: number; prefixed: string[]; near: string[] }>(
    `SELECT q.i::int AS i,
            ARRAY(SELECT word FROM search_words WHERE q.i = $2 AND word LIKE q.word || '%'
                     -- only words the prefix of the stem misses ("runni" -> "running", stem "run"); the others it finds itself
                     AND NOT starts_with(coalesce((ts_lexize('english_stem', word))[1], word), coalesce((ts_lexize('english_stem', q.word))[1], q.word))
                   ORDER BY length(word), word LIMIT 20) AS prefixed,
            ARRAY(SELECT word FROM search_words
                   WHERE NOT EXISTS (SELECT 1 FROM search_words known WHERE known.word = q.word) AND word % q.word
                   ORDER BY similarity(word, q.word) DESC, word LIMIT 3) AS near
       FROM unnest($1::text[]) WITH ORDINALITY AS q(word, i) ORDER BY q.i`,
    [words, words.length],
  );
  return rows.map((r) => ({ prefixed: r.prefixed, near: r.near }));
}

/** Up to `limit` listed products whose names match, best first. */
export async function suggestProducts(db: Queryable, match: string, limit: number): Promise<{ id: string; name: string }[]> {
  return db.query(
    plannedOnEveryCall(`SELECT id, name FROM products
      WHERE deleted_at IS NULL AND search @@ to_tsquery('english', $1)
      ORDER BY ts_rank(search, to_tsquery('english', $1)) DESC, lower(name), seq LIMIT $2`),
    [match, limit],
  );
}
