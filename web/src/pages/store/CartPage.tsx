// The cart: lines with current prices, quantities, totals, and the way to checkout. Signed in, the totals
// are the shop's own quote with a promotion code; signed out (the quote needs a sign-in), an estimate.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext.tsx';
import { stockNoteText } from '../../cart/cart.ts';
import type { Removed } from '../../cart/CartContext.tsx';
import type { CartTotals as Totals } from '../../cart/pricing.ts';
import { useCheckoutQuote } from '../../cart/useCheckoutQuote.ts';
import { usePricedCart } from '../../cart/usePricedCart.ts';
import { useStockCheck } from '../../cart/useStockCheck.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { PromoCodeField } from '../../components/PromoCodeField.tsx';
import { formatMoney } from '../../format.ts';
import { CartLineRow } from './CartLineRow.tsx';

export function CartPage() {
  const { cart, lines, subtotal, total, savings } = usePricedCart();
  const { user } = useAuth();
  const navigate = useNavigate();
  const stock = useStockCheck();
  const [removed, setRemoved] = useState<Removed | null>(null);
  const takenOut = (what: Removed | null) => {
    if (what) setRemoved(what);
    if (what) stock.dropNote(what.line.productId);
  };
  const setQuantity = (productId: string, quantity: number) => {
    const { removed: out, note } = cart.setQuantity(productId, quantity);
    takenOut(out);
    if (note) stock.addNote(note);
    else stock.dropNote(productId);
  };
  // Notes of lines no longer in the cart (sold out, no longer sold) stand above the list.
  const gone = stock.notes.filter((note) => !lines.some((line) => line.productId === note.productId));
  const notices = (
    <>
      {gone.map((note) => <p key={note.productId} className="notice notice-warn" role="status" data-testid="stock-note">{stockNoteText(note)}</p>)}
      {removed ? (
        <p className="notice notice-success" role="status">
          Removed {removed.line.name} from your cart.{' '}
          <button type="button" className="link-button" onClick={() => { cart.restore(removed); setRemoved(null); }}>Undo</button>
        </p>
      ) : null}
    </>
  );
  if (!lines.length) {
    return (
      <section className="narrow">
        <h1>Your cart</h1>
        {notices}
        <Empty>Your cart is empty. <Link to="/">Find something you like</Link>.</Empty>
      </section>
    );
  }
  return (
    <section className="cart-page">
      <h1>Your cart</h1>
      {notices}
      <ul className="cart-lines">
        {lines.map((line) => (
          <CartLineRow key={line.productId} line={line} note={stock.notes.find((note) => note.productId === line.productId)}
            onQuantity={(quantity) => setQuantity(line.productId, quantity)} onRemove={() => takenOut(cart.remove(line.productId))} />
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
