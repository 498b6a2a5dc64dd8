// Create or edit a product; an existing one also shows its discounts.
import { useState } from 'react';
import { products as productsApi } from '../../api/endpoints.ts';
import type { Product } from '../../api/types.ts';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { isNotFound, NotFoundPage } from '../../components/NotFoundPage.tsx';
import { formatMoney } from '../../format.ts';
import { useLoad } from '../../data.ts';
import { Link, useLocation, useNavigate } from 'react-router';
import { DiscountsPanel } from './DiscountsPanel.tsx';
import { ProductForm } from './ProductForm.tsx';

/** What a save did, in words that match it: a stock change says so, not "Product created." */
export function savedMessage(before: Product, after: Product): string {
  const changed = (['name', 'description', 'category', 'images', 'links', 'price', 'stock'] as const)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (!changed.length) return 'Nothing changed.';
  if (changed.length === 1 && changed[0] === 'stock') return `Stock saved: ${after.stock} available.`;
  if (changed.length === 1 && changed[0] === 'price') return `Price saved: ${formatMoney(after.price)}.`;
  return 'Changes saved.';
}

export function ProductEditPage({ id }: { id: string | null }) {
  const navigate = useNavigate();
  const location = useLocation();
  // A product just created arrives with its notice in the navigation's state, never in the address.
  const [notice, setNotice] = useState<string>((location.state as { notice?: string } | null)?.notice ?? '');
  const product = useLoad(['products', 'one', id], () => (id ? productsApi.get(id) : Promise.resolve(null)));
  if (product.loading && product.data === undefined) return <Loading />;
  if (id && !product.data) {
    return isNotFound(product.error)
      ? <NotFoundPage title="No such product" back={{ to: '/console/products', label: 'Back to products' }}>It may have been deleted, or the link is wrong.</NotFoundPage>
      : <ErrorNotice error={product.error} retry={product.reload} />;
  }
  const saved = (result: Product) => {
    if (!product.data) return navigate(`/console/products/${encodeURIComponent(result.id)}`, { state: { notice: `${result.name} created.` } });
    setNotice(savedMessage(product.data, result));
    product.setData(result);
  };
  return (
    <section>
      <Link to="/console/products">← Products</Link>
      <div className="console-title">
        <h1>{product.data ? `Edit ${product.data.name}` : 'New product'}</h1>
        {product.data ? <Link to={`/products/${encodeURIComponent(product.data.id)}`}>View in shop</Link> : null}
      </div>
      <div className="console-columns">
        <ProductForm key={product.data?.updatedAt ?? 'new'} product={product.data ?? null} onSaved={saved} notice={notice} />
        {product.data ? <DiscountsPanel product={product.data} onChanged={product.reload} /> : null}
      </div>
    </section>
  );
}
