// The front of the shop, above the whole catalog: what is on sale now and what shoppers rate best.
import { Link } from 'react-router';
import { products as productsApi } from '../../api/endpoints.ts';
import type { Product } from '../../api/types.ts';
import { ProductCard } from '../../components/ProductCard.tsx';
import { useLoad } from '../../data.ts';

const SHOWN = 4;

/** The API has no "on sale" filter: the newest hundred are read and the discounted ones kept, deepest first. */
async function onSale(): Promise<Product[]> {
  const page = await productsApi.list({ limit: 100 });
  return page.items
    .filter((product) => product.discount && product.discountedPrice.amount < product.price.amount && product.stock > 0)
    .sort((a, b) => b.discount!.percent - a.discount!.percent)
    .slice(0, SHOWN);
}

async function topRated(): Promise<Product[]> {
  const page = await productsApi.list({ sort: 'rating', limit: SHOWN * 2 });
  return page.items.filter((product) => product.rating.count > 0).slice(0, SHOWN);
}

function Row({ id, title, more, items }: { id: string; title: string; more: { to: string; label: string }; items: Product[] }) {
  if (!items.length) return null;
  return (
    <section className="home-row" aria-labelledby={id} data-testid={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        <Link to={more.to}>{more.label}</Link>
      </div>
      <div className="product-grid product-row">
        {items.map((product) => <ProductCard key={product.id} product={product} />)}
      </div>
    </section>
  );
}

export function HomeSections() {
  const sale = useLoad(['products', 'home', 'sale'], onSale);
  const rated = useLoad(['products', 'home', 'rated'], topRated);
  return (
    <div className="home">
      <section className="hero">
        <h1>Good things for every day</h1>
        <p>Kitchen, outdoors, books, home and more: chosen with care, delivered to your door.</p>
      </section>
      <Row id="on-sale" title="On sale now" more={{ to: '/?sort=price_asc', label: 'Shop by price' }} items={sale.data ?? []} />
      <Row id="top-rated" title="Top rated" more={{ to: '/?sort=rating', label: 'See all by rating' }} items={rated.data ?? []} />
    </div>
  );
}
