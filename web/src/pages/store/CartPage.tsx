// The cart: lines with current prices, quantities, totals, and the way to checkout.
import { MAX_QUANTITY } from '../../cart/cart.ts';
import { lineTotal, type CartTotals as Totals } from '../../cart/pricing.ts';
import { usePricedCart } from '../../cart/usePricedCart.ts';
import { Empty } from '../../components/Notice.tsx';
import { ProductImage } from '../../components/ProductImage.tsx';
import { formatMoney, formatPercent } from '../../format.ts';
import { Link, useNavigate } from 'react-router';

export function CartPage() {
  const { cart, lines, subtotal, total, savings } = usePricedCart();
  const navigate = useNavigate();
  if (!lines.length) {
    return (
      <section className="narrow">
        <h1>Your cart</h1>
        <Empty>Your cart is empty. <Link to="/">Find something you like</Link>.</Empty>
      </section>
    );
  }
  return (
    <section className="cart-page">
      <h1>Your cart</h1>
      <ul className="cart-lines">
        {lines.map((line) => (
          <li key={line.productId} className="cart-line" data-testid="cart-line">
            <ProductImage className="cart-thumb" src={line.image} alt="" />
            <div className="cart-line-name">
              <Link to={`/products/${encodeURIComponent(line.productId)}`}>{line.name}</Link>
              <span className="muted">
                {formatMoney(line.quote.discountedPrice)} each
                {line.quote.discount ? ` (-${formatPercent(line.quote.discount.percent)})` : ''}
              </span>
            </div>
            <label className="visually-hidden" htmlFor={`qty-${line.productId}`}>Quantity of {line.name}</label>
            <input id={`qty-${line.productId}`} className="qty" type="number" min={1} max={MAX_QUANTITY} value={line.quantity}
              onChange={(e) => cart.setQuantity(line.productId, Number(e.target.value))} />
            <strong className="cart-line-total">{formatMoney(lineTotal(line))}</strong>
            <button type="button" className="link-button" onClick={() => cart.remove(line.productId)} aria-label={`Remove ${line.name}`}>Remove</button>
          </li>
        ))}
      </ul>
      <CartTotals subtotal={subtotal} savings={savings} total={total} />
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => navigate('/checkout')}>Checkout</button>
        <Link to="/">Continue shopping</Link>
      </div>
    </section>
  );
}

export function CartTotals({ subtotal, savings, total }: Totals) {
  return (
    <dl className="totals">
      <div><dt>Subtotal</dt><dd>{formatMoney(subtotal)}</dd></div>
      {savings.amount > 0 ? <div className="savings"><dt>Discounts</dt><dd>-{formatMoney(savings)}</dd></div> : null}
      <div className="grand-total"><dt>Total</dt><dd data-testid="cart-total">{formatMoney(total)}</dd></div>
    </dl>
  );
}
