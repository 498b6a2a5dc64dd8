// One product: pictures, description, links, price, stock, add to cart, and its reviews.
import { useState } from 'react';
import { products as productsApi } from '../../api/endpoints.ts';
import type { Product } from '../../api/types.ts';
import { isStaff, useAuth } from '../../auth/AuthContext.tsx';
import { useCart } from '../../cart/CartContext.tsx';
import { MAX_QUANTITY } from '../../cart/cart.ts';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notice.tsx';
import { Price } from '../../components/Price.tsx';
import { ProductImage } from '../../components/ProductImage.tsx';
import { Stars } from '../../components/Stars.tsx';
import { StockState } from '../../components/StockState.tsx';
import { rememberShopCurrency, safeUrl } from '../../format.ts';
import { useLoad } from '../../data.ts';
import { Link } from 'react-router';
import { ReviewsSection } from './ReviewsSection.tsx';

export function ProductPage({ id }: { id: string }) {
  const product = useLoad(['products', 'one', id], () => productsApi.get(id));
  if (product.loading && !product.data) return <Loading />;
  if (!product.data) return <ErrorNotice error={product.error} retry={product.reload} />;
  rememberShopCurrency(product.data.price);
  return (
    <div className="product-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Shop</Link> › <Link to={`/?category=${encodeURIComponent(product.data.category)}`}>{product.data.category}</Link>
      </nav>
      <div className="product-main">
        <Gallery product={product.data} />
        <ProductInfo product={product.data} />
      </div>
      <ReviewsSection productId={id} onChanged={product.reload} />
    </div>
  );
}

function Gallery({ product }: { product: Product }) {
  const [shown, setShown] = useState(0);
  const images = product.images.length ? product.images : [null];
  return (
    <div className="gallery">
      <ProductImage className="gallery-main" src={images[shown] ?? images[0]} alt={product.name} />
      {images.length > 1 ? (
        <div className="gallery-thumbs">
          {images.map((src, index) => (
            <button key={`${src}-${index}`} type="button" className={index === shown ? 'active' : ''} onClick={() => setShown(index)}
              aria-label={`Show picture ${index + 1} of ${images.length}`} aria-pressed={index === shown}>
              <ProductImage src={src} alt="" />
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function ProductInfo({ product }: { product: Product }) {
  const cart = useCart();
  const { user } = useAuth();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState('');
  const max = Math.min(MAX_QUANTITY, Math.max(product.stock, 1));
  const add = () => {
    cart.add({
      productId: product.id, name: product.name, image: product.images[0] ?? null, quantity,
      unitPrice: product.price, unitDiscountedPrice: product.discountedPrice,
    });
    setAdded(`Added ${quantity} × ${product.name} to your cart.`);
  };
  const links = product.links.map(safeUrl).filter((url): url is string => Boolean(url));
  return (
    <div className="product-info">
      <h1>{product.name}</h1>
      <Stars value={product.rating.average} count={product.rating.count} />
      <Price large price={product.price} discountedPrice={product.discountedPrice} discount={product.discount} />
      <StockState stock={product.stock} />
      {product.stock > 0 ? (
        <div className="buy-row">
          <label htmlFor="quantity">Quantity</label>
          <input id="quantity" type="number" min={1} max={max} value={quantity}
            onChange={(e) => setQuantity(Math.max(1, Math.min(max, Math.floor(Number(e.target.value)) || 1)))} />
          <button type="button" className="primary" onClick={add}>Add to cart</button>
        </div>
      ) : null}
      <SuccessNotice>{added ? <>{added} <Link to="/cart">View cart</Link></> : null}</SuccessNotice>
      <p className="description">{product.description}</p>
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
