// The storefront: filters on the left (or on top on a phone), the product grid, and "Load more".
import { useEffect } from 'react';
import { products as productsApi, type ProductQuery } from '../../api/endpoints.ts';
import { ProductCard } from '../../components/ProductCard.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { getShopCurrency, parseMoneyInput, rememberShopCurrency } from '../../format.ts';
import { usePagedList } from '../../data.ts';
import { CatalogFilters } from './CatalogFilters.tsx';
import { NoResults } from './NoResults.tsx';

const PAGE_SIZE = 24;

export function queryFromSearch(search: URLSearchParams): ProductQuery {
  const currency = getShopCurrency();
  const min = parseMoneyInput(search.get('min') ?? '', currency);
  const max = parseMoneyInput(search.get('max') ?? '', currency);
  return {
    q: search.get('q') ?? undefined,
    category: search.get('category') ?? undefined,
    sort: search.get('sort') ?? undefined,
    minRating: Number(search.get('rating')) || undefined,
    minPrice: min ?? undefined,
    maxPrice: max ?? undefined,
    limit: PAGE_SIZE,
  };
}

export function CatalogPage({ search }: { search: URLSearchParams }) {
  const key = search.toString();
  // Facet counts come with the first page only: they are the same for every page of one search.
  const list = usePagedList(['products', 'catalog', key], (cursor) => productsApi.list({ ...queryFromSearch(search), cursor, facets: cursor ? undefined : true }));
  useEffect(() => rememberShopCurrency(list.items[0]?.price), [list.items]);
  const q = search.get('q');
  const loadingFirst = list.loading && !list.firstPage;
  return (
    <div className="catalog">
      <CatalogFilters search={search} facets={list.firstPage?.facets} />
      <section className="catalog-results" aria-labelledby="results-title">
        <h1 id="results-title">{q ? `Results for “${q}”` : search.get('category') ?? 'All products'}</h1>
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
  );
}
