// The storefront: filters on the left (or on top on a phone), the product grid, and "Load more".
import { useEffect } from 'react';
import { products as productsApi, type ProductQuery } from '../../api/endpoints.ts';
import { ProductCard } from '../../components/ProductCard.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { getShopCurrency, parseMoneyInput, rememberShopCurrency } from '../../format.ts';
import { usePagedList } from '../../data.ts';
import { CatalogFilters } from './CatalogFilters.tsx';
import { CategoryNav } from './CategoryNav.tsx';
import { HomeSections } from './HomeSections.tsx';
import { NoResults } from './NoResults.tsx';

const PAGE_SIZE = 24;

export function queryFromSearch(search: URLSearchParams): ProductQuery {
  const currency = getShopCurrency();
  const min = parseMoneyInput(search.get('min') ?? '', currency);
  const max = parseMoneyInput(search.get('max') ?? '', currency);
  // A range upside down (a shared link) is not asked for: the filters say what is wrong beside the fields.
  const range = min !== null && max !== null && min > max ? {} : { minPrice: min ?? undefined, maxPrice: max ?? undefined };
  return {
    q: search.get('q') ?? undefined,
    category: search.get('category') ?? undefined,
    sort: search.get('sort') ?? undefined,
    minRating: Number(search.get('rating')) || undefined,
    ...range,
    limit: PAGE_SIZE,
  };
}

type CategoryFacets = { categories: { name: string; count: number }[] };

/**
 * "24 products": exact from the facets (each product has one category, and the category facet leaves out
 * its own filter: the chosen category's count, or all of them added up), or from the list once it has no
 * more pages; "24+" before that.
 */
export function resultCount(shown: number, more: boolean, facets: CategoryFacets | undefined, category: string | null): string {
  const counts = facets?.categories.filter((item) => !category || item.name === category);
  const total = counts ? counts.reduce((sum, item) => sum + item.count, 0) : shown;
  const plus = !facets && more ? '+' : '';
  return `${total}${plus} product${total === 1 && !plus ? '' : 's'}`;
}

export function CatalogPage({ search }: { search: URLSearchParams }) {
  const key = search.toString();
  // Facet counts come with the first page only: they are the same for every page of one search.
  const list = usePagedList(['products', 'catalog', key], (cursor) =>
    productsApi.list({ ...queryFromSearch(search), cursor, ...(cursor ? {} : { facets: true }) }));
  useEffect(() => rememberShopCurrency(list.items[0]?.price), [list.items]);
  const q = search.get('q');
  const category = search.get('category');
  const loadingFirst = list.loading && !list.firstPage;
  const facets = (list.firstPage as { facets?: CategoryFacets } | undefined)?.facets;
  // The front page (nothing searched or filtered) opens with what is on sale and rated best.
  const home = search.size === 0;
  return (
    <>
    {home ? <HomeSections /> : null}
    <div className="catalog">
      <CatalogFilters search={search} facets={list.firstPage?.facets} />
      <section className="catalog-results" aria-labelledby="results-title">
        <div className="results-head">
          {home
            ? <h2 id="results-title">All products</h2>
            : <h1 id="results-title">{q ? `Results for “${q}”${category ? ` in ${category}` : ''}` : category ?? 'All products'}</h1>}
          {list.firstPage && !list.error ? (
            <p className="result-count" role="status" data-testid="result-count">{resultCount(list.items.length, Boolean(list.nextCursor), facets, category)}</p>
          ) : null}
        </div>
        <CategoryNav search={search} />
        <ErrorNotice error={list.error} retry={list.reload} />
        {loadingFirst ? <Loading label="Loading products…" /> : null}
        {!list.loading && !list.error && !list.items.length ? <NoResults search={search} /> : null}
        <div className="product-grid" aria-busy={list.loading}>
          {list.items.map((product) => <ProductCard key={product.id} product={product} />)}
        </div>
        {list.nextCursor ? (
          <div className="load-more">
            <button type="button" onClick={list.loadMore} disabled={list.loading}>{list.loading ? 'Loading…' : 'Load more'}</button>
          </div>
        ) : null}
      </section>
    </div>
    </>
  );
}
