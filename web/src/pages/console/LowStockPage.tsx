// Products running out: every product at or under a threshold, fewest first.
import { useState } from 'react';
import { products as productsApi } from '../../api/endpoints.ts';
import type { Product } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { LOW_STOCK } from '../../components/StockState.tsx';
import { useLoad } from '../../data.ts';
import { ProductTable } from './ProductTable.tsx';

const MAX_PAGES = 50;

/** The API has no stock filter, so the console reads the catalog page by page (100 at a time). */
async function allProducts(): Promise<Product[]> {
  const all: Product[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await productsApi.list({ sort: 'name', limit: 100, cursor });
    all.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return all;
}

export function LowStockPage() {
  const [threshold, setThreshold] = useState(LOW_STOCK);
  const catalog = useLoad(['products', 'all'], allProducts);
  const low = (catalog.data ?? []).filter((p) => p.stock <= threshold).sort((a, b) => a.stock - b.stock || a.name.localeCompare(b.name));
  return (
    <section>
      <div className="console-title">
        <h1>Low stock</h1>
        <button type="button" className="secondary" onClick={catalog.reload}>Refresh</button>
      </div>
      <div className="inline-form">
        <label htmlFor="threshold">Show products with at most</label>
        <input id="threshold" type="number" min={0} value={threshold} onChange={(e) => setThreshold(Math.max(0, Number(e.target.value) || 0))} />
        <span>units available</span>
      </div>
      <ErrorNotice error={catalog.error} retry={catalog.reload} />
      {catalog.loading ? <Loading /> : null}
      {!catalog.loading && !low.length && !catalog.error ? <Empty>Nothing is running low.</Empty> : null}
      {low.length ? <ProductTable products={low} /> : null}
    </section>
  );
}
