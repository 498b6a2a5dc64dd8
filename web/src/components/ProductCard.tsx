// One product in the grid: picture, name, price with discount, rating, stock, and a quick add to the cart.
import { useState } from 'react';
import { Link } from 'react-router';
import type { Product } from '../api/types.ts';
import { useAddToCart } from '../cart/useAddToCart.ts';
import { Price } from './Price.tsx';
import { ProductImage } from './ProductImage.tsx';
import { Stars } from './Stars.tsx';
import { StockState } from './StockState.tsx';

export function ProductCard({ product }: { product: Product }) {
  const href = `/products/${encodeURIComponent(product.id)}`;
  const addToCart = useAddToCart();
  const [added, setAdded] = useState('');
  return (
    <article className="product-card" data-testid="product-card">
      <Link to={href} className="product-card-image" tabIndex={-1} aria-hidden="true">
        <ProductImage src={product.images[0]} alt="" />
      </Link>
      <div className="product-card-body">
        <span className="product-card-category">{product.category}</span>
        <h3>
          <Link to={href}>{product.name}</Link>
        </h3>
        <Stars value={product.rating.average} count={product.rating.count} />
        <Price price={product.price} discountedPrice={product.discountedPrice} discount={product.discount} />
        <StockState stock={product.stock} quiet />
        {product.stock > 0 ? (
          <button type="button" className="quick-add secondary" onClick={() => setAdded(addToCart(product, 1))}
            aria-label={`Add ${product.name} to cart`}>
            Add to cart
          </button>
        ) : null}
        {added ? <p className="quick-added" role="status">{added} <Link to="/cart">View cart</Link></p> : null}
      </div>
    </article>
  );
}
