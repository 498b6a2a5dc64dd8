// The storefront: filters on the left (or on top on a phone), the product grid, and "Load more".
import { useEffect, useState } from 'react';
import { products as productsApi, type ProductQuery } from '../../api/endpoints.ts';
import type { Product } from '../../api/types.ts';
import { ProductCard } from '../../components/ProductCard.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { getShopCurrency, parseMoneyInput, rememberShopCurrency } from '../../format.ts';
import { useAction, useLoad } from '../../hooks.ts';
import { CatalogFilters } from './CatalogFilters.tsx';

const PAGE_SIZE = 24;

export function queryFromSearch(search: URLSearchParams): ProductQuery {
  const currency = getShopCurrency();
  const min = parseMoneyInput(search.get('min') ?? '', currency);
  const max = parseMoneyInput(search.get('max') ?? '', currency);
  return {
    q: search.get('q') ?? undefined,
    category: search.get('category') ?? undefined,
    sort: search.get('sort') ?? undefined,
    minPrice: min ?? undefined,
    maxPrice: max ?? undefined,
    limit: PAGE_SIZE,
  };
}

export function CatalogPage({ search }: { search: URLSearchParams }) {
  const key = search.toString();
  const first = useLoad(() => productsApi.list(queryFromSearch(search)), [key]);
  const [items, setItems] = useState<Product[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const more = useAction();

  useEffect(() => {
    if (!first.data) return;
    rememberShopCurrency(first.data.items[0]?.price);
    setItems(first.data.items);
    setCursor(first.data.nextCursor);
  }, [first.data]);

  const loadMore = () =>
    more.run(async () => {
      if (!cursor) return;
      const page = await productsApi.list({ ...queryFromSearch(search), cursor });
      setItems((current) => [...current, ...page.items.filter((p) => !current.some((c) => c.id === p.id))]);
      setCursor(page.nextCursor);
    });

  const q = search.get('q');
  return (
    <div className="catalog">
      <CatalogFilters search={search} />
      <section className="catalog-results" aria-labelledby="results-title">
        <h1 id="results-title">{q ? `Results for “${q}”` : search.get('category') ?? 'All products'}</h1>
        <ErrorNotice error={first.error} retry={first.reload} />
        {first.loading && !items.length ? <Loading label="Loading products…" /> : null}
        {!first.loading && !first.error && !items.length ? <Empty>No products match. Try fewer filters.</Empty> : null}
        <div className="product-grid" aria-busy={first.loading}>
          {items.map((product) => <ProductCard key={product.id} product={product} />)}
        </div>
        <ErrorNotice error={more.error} />
        {cursor && !first.loading ? (
          <div className="load-more">
            <button type="button" onClick={() => void loadMore()} disabled={more.busy}>{more.busy ? 'Loading…' : 'Load more'}</button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
