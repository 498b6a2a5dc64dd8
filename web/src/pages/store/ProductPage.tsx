// One product: pictures to zoom into, description, links, price, stock, add to cart, shipping and returns,
// its reviews, and more from the same category.
import { useState } from 'react';
import { Link } from 'react-router';
import { products as productsApi } from '../../api/endpoints.ts';
import type { Product } from '../../api/types.ts';
import { isStaff, useAuth } from '../../auth/AuthContext.tsx';
import { MAX_QUANTITY } from '../../cart/cart.ts';
import { useAddToCart } from '../../cart/useAddToCart.ts';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notice.tsx';
import { isNotFound, NotFoundPage } from '../../components/NotFoundPage.tsx';
import { Price } from '../../components/Price.tsx';
import { Stars } from '../../components/Stars.tsx';
import { StockState } from '../../components/StockState.tsx';
import { useLoad } from '../../data.ts';
import { rememberShopCurrency, safeUrl } from '../../format.ts';
import { ProductGallery } from './ProductGallery.tsx';
import { RelatedProducts } from './RelatedProducts.tsx';
import { ReviewsSection } from './ReviewsSection.tsx';
import { ShippingNote } from './ShippingNote.tsx';

export function ProductPage({ id }: { id: string }) {
  const product = useLoad(['products', 'one', id], () => productsApi.get(id));
  if (product.loading && !product.data) return <Loading />;
  if (!product.data && isNotFound(product.error)) {
    return (
      <NotFoundPage title="Product not found">
        We could not find that product. It may no longer be sold, or the link has a typo.
      </NotFoundPage>
    );
  }
  if (!product.data) return <ErrorNotice error={product.error} retry={product.reload} />;
  rememberShopCurrency(product.data.price);
  return (
    <div className="product-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Shop</Link> › <Link to={`/?category=${encodeURIComponent(product.data.category)}`}>{product.data.category}</Link>
      </nav>
      <div className="product-main">
        <ProductGallery product={product.data} />
        <ProductInfo product={product.data} />
      </div>
      <ReviewsSection productId={id} onChanged={product.reload} />
      <RelatedProducts product={product.data} />
    </div>
  );
}

function ProductInfo({ product }: { product: Product }) {
  const addToCart = useAddToCart();
  const { user } = useAuth();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState('');
  const max = Math.min(MAX_QUANTITY, Math.max(product.stock, 1));
  const links = product.links.map(safeUrl).filter((url): url is string => Boolean(url));
  return (
    <div className="product-info">
      <h1>{product.name}</h1>
      <a href="#reviews" className="rating-link"><Stars value={product.rating.average} count={product.rating.count} /></a>
      <Price large price={product.price} discountedPrice={product.discountedPrice} discount={product.discount} />
      <StockState stock={product.stock} />
      {product.stock > 0 ? (
        <div className="buy-row">
          <label htmlFor="quantity">Quantity</label>
          <input id="quantity" type="number" min={1} max={max} value={quantity}
            onChange={(e) => setQuantity(Math.max(1, Math.min(max, Math.floor(Number(e.target.value)) || 1)))} />
          <button type="button" className="primary" onClick={() => setAdded(addToCart(product, quantity))}>Add to cart</button>
        </div>
      ) : null}
      <SuccessNotice>{added ? <>{added} <Link to="/cart">View cart</Link></> : null}</SuccessNotice>
      <p className="description">{product.description}</p>
      <ShippingNote />
      {isStaff(user) ? <Link to={`/console/products/${encodeURIComponent(product.id)}`}>Edit in the console</Link> : null}
      {links.length ? (
        <div className="product-links">
          <h2>Links</h2>
          <ul>
            {links.map((url) => (
              <li key={url}><a href={url} target="_blank" rel="noopener noreferrer nofollow">{url}</a></li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
