// More from the same category, best rated first: where a shopper goes when this one is not quite it.
import { products as productsApi } from '../../api/endpoints.ts';
import type { Product } from '../../api/types.ts';
import { ProductCard } from '../../components/ProductCard.tsx';
import { useLoad } from '../../data.ts';
import { Link } from 'react-router';

const SHOWN = 4;

export function RelatedProducts({ product }: { product: Product }) {
  const related = useLoad(['products', 'related', product.category], () =>
    productsApi.list({ category: product.category, sort: 'rating', limit: SHOWN + 1 }));
  const items = (related.data?.items ?? []).filter((item) => item.id !== product.id).slice(0, SHOWN);
  if (!items.length) return null;
  return (
    <section className="related" aria-labelledby="related-title">
      <div className="section-head">
        <h2 id="related-title">More in {product.category}</h2>
        <Link to={`/?category=${encodeURIComponent(product.category)}`}>See all</Link>
      </div>
      <div className="product-grid product-row">
        {items.map((item) => <ProductCard key={item.id} product={item} />)}
      </div>
    </section>
  );
}
