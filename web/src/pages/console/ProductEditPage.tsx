// Create or edit a product; an existing one also shows its discounts.
import { products as productsApi } from '../../api/endpoints.ts';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useLoad } from '../../data.ts';
import { Link, useNavigate } from 'react-router';
import { DiscountsPanel } from './DiscountsPanel.tsx';
import { ProductForm } from './ProductForm.tsx';

export function ProductEditPage({ id }: { id: string | null }) {
  const navigate = useNavigate();
  const product = useLoad(['products', 'one', id], () => (id ? productsApi.get(id) : Promise.resolve(null)));
  if (product.loading && product.data === undefined) return <Loading />;
  if (id && !product.data) return <ErrorNotice error={product.error} retry={product.reload} />;
  return (
    <section>
      <Link to="/console/products">← Products</Link>
      <div className="console-title">
        <h1>{product.data ? `Edit ${product.data.name}` : 'New product'}</h1>
        {product.data ? <Link to={`/products/${encodeURIComponent(product.data.id)}`}>View in shop</Link> : null}
      </div>
      <div className="console-columns">
        <ProductForm
          key={product.data?.updatedAt ?? 'new'}
          product={product.data ?? null}
          onSaved={(saved) => (id ? product.setData(saved) : navigate(`/console/products/${encodeURIComponent(saved.id)}?created=1`))}
        />
        {product.data ? <DiscountsPanel product={product.data} onChanged={product.reload} /> : null}
      </div>
    </section>
  );
}
