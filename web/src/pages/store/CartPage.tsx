// The cart: lines with current prices, quantities, totals, and the way to checkout. Signed in, the totals
// are the shop's own quote with a promotion code; signed out (the quote needs a sign-in), an estimate.
import { useAuth } from '../../auth/AuthContext.tsx';
import { MAX_QUANTITY } from '../../cart/cart.ts';
import { lineTotal, type CartTotals as Totals } from '../../cart/pricing.ts';
import { useCheckoutQuote } from '../../cart/useCheckoutQuote.ts';
import { usePricedCart } from '../../cart/usePricedCart.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { PromoCodeField } from '../../components/PromoCodeField.tsx';
import { ProductImage } from '../../components/ProductImage.tsx';
import { formatMoney, formatPercent } from '../../format.ts';
import { Link, useNavigate } from 'react-router';

export function CartPage() {
  const { cart, lines, subtotal, total, savings } = usePricedCart();
  const { user } = useAuth();
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
      {user ? <QuotedTotals /> : (
        <>
          <CartTotals subtotal={subtotal} savings={savings} total={total} />
          <p className="muted cart-note">Shipping and tax are calculated at checkout. <Link to="/login?next=/cart">Log in</Link> to use a promotion code.</p>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => navigate('/checkout')}>Checkout</button>
        <Link to="/">Continue shopping</Link>
      </div>
    </section>
  );
}

/** The shop's quote of the cart: no address yet, so shipping and tax wait for the checkout. */
function QuotedTotals() {
  const { cart } = usePricedCart();
  const items = cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity }));
  const priced = useCheckoutQuote({ items, ...(cart.promoCode ? { promoCode: cart.promoCode } : {}) });
  return (
    <div className="cart-totals">
      <PromoCodeField code={cart.promoCode} result={priced.data} checking={priced.loading} onChange={cart.setPromoCode} />
      <ErrorNotice error={priced.error} retry={priced.reload} />
      {priced.data ? <Breakdown figures={priced.data.quote} pending={{ shipping: 'At checkout', tax: 'At checkout' }} /> : null}
      {!priced.data && priced.loading ? <Loading label="Pricing your cart…" /> : null}
    </div>
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
