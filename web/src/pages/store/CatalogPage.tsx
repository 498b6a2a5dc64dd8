// The storefront: filters on the left (or on top on a phone), the product grid, and "Load more".
import { useEffect } from 'react';
import { products as productsApi, type ProductQuery } from '../../api/endpoints.ts';
import { ProductCard } from '../../components/ProductCard.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { getShopCurrency, parseMoneyInput, rememberShopCurrency } from '../../format.ts';
import { usePagedList } from '../../data.ts';
import { CatalogFilters } from './CatalogFilters.tsx';

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
    ...range,
    limit: PAGE_SIZE,
  };
}

export function CatalogPage({ search }: { search: URLSearchParams }) {
  const key = search.toString();
  const list = usePagedList(['products', 'catalog', key], (cursor) => productsApi.list({ ...queryFromSearch(search), cursor }));
  useEffect(() => rememberShopCurrency(list.items[0]?.price), [list.items]);
  const q = search.get('q');
  const loadingFirst = list.loading && !list.firstPage;
  return (
    <div className="catalog">
      <CatalogFilters search={search} />
      <section className="catalog-results" aria-labelledby="results-title">
        <h1 id="results-title">{q ? `Results for “${q}”` : search.get('category') ?? 'All products'}</h1>
        <ErrorNotice error={list.error} retry={list.reload} />
        {loadingFirst ? <Loading label="Loading products…" /> : null}
        {!list.loading && !list.error && !list.items.length ? <Empty>No products match. Try fewer filters.</Empty> : null}
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
