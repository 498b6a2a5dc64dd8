import { AppError, pageOf } from '@emporium/kit';
import * as repo from './listing.repository.ts';
import { PRICE_BOUNDS, type FacetCounts, type Filters } from './listing.repository.ts';
import { cursorKeyOf, keysetAfter } from './products.cursor.ts';
import type { Facets, ProductPage, ProductQuery, Suggestions } from './products.schemas.ts';
import { toProduct, type ProductDeps } from './products.service.ts';
import { exactText, tsqueryText, wordsOf } from './search-query.ts';

const SUGGESTIONS = 8;

export async function listProducts(deps: ProductDeps, query: ProductQuery): Promise<ProductPage> {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw new AppError('REQUEST.INVALID', 400, 'minPrice is above maxPrice', {
      errors: [{ path: '/query/minPrice', message: 'must not be above maxPrice' }],
    });
  }
  const ids = idsOf(query.ids);
  const q = query.q?.trim() || undefined;
  const order = query.sort ?? (q ? 'relevance' : 'newest');
  const after = keysetAfter(order, query.cursor);
  const { q: _q, sort: _s, cursor: _c, limit, facets, ids: _i, ...rest } = query;
  const key = `list:${JSON.stringify([q, order, limit, query.cursor, facets ?? false, rest, ids])}`;
  return deps.cache.get(key, async () => {
    const filters: Filters = { ...rest, category: query.category || undefined, ids };
    if (q !== undefined) {
      const match = await matchOf(deps, q);
      // A query of no searchable words (punctuation only) matches nothing, rather than everything.
      if (match === null) return { items: [], nextCursor: null, ...(facets ? { facets: emptyFacets() } : {}) };
      filters.match = match;
      filters.exact = exactText(wordsOf(q));
    }
    const [rows, counts] = await Promise.all([
      repo.listProducts(deps.db, { ...filters, order, limit, after }),
      facets ? repo.countFacets(deps.db, filters) : undefined,
    ]);
    const page: ProductPage = pageOf(rows, limit, toProduct, cursorKeyOf(order));
    if (counts) page.facets = facetsOf(counts);
    return page;
  });
}

/** `ids=a,b,c`: at most 100 distinct ids. */
function idsOf(param: string | undefined): string[] | undefined {
  if (param === undefined) return undefined;
  const ids = [...new Set(param.split(','))];
  if (ids.length > 100) {
    throw new AppError('REQUEST.INVALID', 400, 'ids takes at most 100 product ids', { errors: [{ path: '/query/ids', message: 'names more than 100 ids' }] });
  }
  return ids;
}

/**
 * Up to 8 listed products whose names match the words typed so far (the last one as a prefix), and the
 * query spelled as the catalog spells it, for "did you mean" (null when every word is the catalog's).
 */
export async function suggestProducts(deps: ProductDeps, q: string): Promise<Suggestions> {
  return deps.cache.get(`suggest:${q}`, async () => {
    const words = wordsOf(q);
    if (words.length === 0) return { items: [], spelling: null };
    const terms = await repo.termsOf(deps.db, words);
    // Weight A is the name: a suggestion is a product the shopper can see they meant.
    const match = tsqueryText(words.map((word, i) => ({ word, ...terms[i] })), 'A');
    const spelling = terms.some((t) => t.near.length > 0) ? words.map((word, i) => terms[i].near[0] ?? word).join(' ') : null;
    return { items: await repo.suggestProducts(deps.db, match, SUGGESTIONS), spelling };
  });
}

/** The tsquery text of a query, its words widened by the catalog's vocabulary; null without searchable words. */
async function matchOf(deps: ProductDeps, q: string): Promise<string | null> {
  const words = wordsOf(q);
  if (words.length === 0) return null;
  const terms = await repo.termsOf(deps.db, words);
  return tsqueryText(words.map((word, i) => ({ word, ...terms[i] })));
}

function facetsOf(counts: FacetCounts): Facets {
  return {
    categories: counts.categories,
    price: counts.price.map(({ bucket, count }) => ({ min: PRICE_BOUNDS[bucket - 1], max: PRICE_BOUNDS[bucket] - 1, count })),
    rating: counts.rating,
  };
}

const emptyFacets = (): Facets => ({ categories: [], price: [], rating: [] });
