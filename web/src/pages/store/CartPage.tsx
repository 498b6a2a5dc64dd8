// The cart: lines with current prices, quantities, totals, and the way to checkout.
import { prices as pricesApi, type PriceQuote } from '../../api/endpoints.ts';
import { useCart } from '../../cart/CartContext.tsx';
import { MAX_QUANTITY, type CartLine } from '../../cart/cart.ts';
import { Empty } from '../../components/Notice.tsx';
import { ProductImage } from '../../components/ProductImage.tsx';
import { formatMoney, formatPercent, sumMoney } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { Link, navigate } from '../../router.tsx';

export interface PricedLine extends CartLine {
  quote: Pick<PriceQuote, 'price' | 'discountedPrice' | 'discount'>;
}

/** The cart with today's prices where the discount service answers, the prices seen when added otherwise. */
export function usePricedCart() {
  const cart = useCart();
  const ids = cart.lines.map((line) => line.productId).sort().join(',');
  const quotes = useLoad(async () => (ids ? (await pricesApi.quote(ids.split(','))).items : []), [ids]);
  const lines: PricedLine[] = cart.lines.map((line) => {
    const quote = quotes.data?.find((item) => item.productId === line.productId);
    return { ...line, quote: quote ?? { price: line.unitPrice, discountedPrice: line.unitDiscountedPrice, discount: null } };
  });
  const currency = lines[0]?.quote.price.currency ?? 'USD';
  const subtotal = sumMoney(lines.map((l) => ({ amount: l.quote.price.amount * l.quantity, currency })), currency);
  const total = sumMoney(lines.map((l) => ({ amount: l.quote.discountedPrice.amount * l.quantity, currency })), currency);
  return { cart, lines, subtotal, total, savings: { amount: subtotal.amount - total.amount, currency } };
}

export function CartPage() {
  const { cart, lines, subtotal, total, savings } = usePricedCart();
  if (!lines.length) {
    return (
      <section className="narrow">
        <h1>Your cart</h1>
        <Empty>Your cart is empty. <Link href="/">Find something you like</Link>.</Empty>
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
              <Link href={`/products/${encodeURIComponent(line.productId)}`}>{line.name}</Link>
              <span className="muted">
                {formatMoney(line.quote.discountedPrice)} each
                {line.quote.discount ? ` (-${formatPercent(line.quote.discount.percent)})` : ''}
              </span>
            </div>
            <label className="visually-hidden" htmlFor={`qty-${line.productId}`}>Quantity of {line.name}</label>
            <input id={`qty-${line.productId}`} className="qty" type="number" min={1} max={MAX_QUANTITY} value={line.quantity}
              onChange={(e) => cart.setQuantity(line.productId, Number(e.target.value))} />
            <strong className="cart-line-total">{formatMoney({ ...line.quote.discountedPrice, amount: line.quote.discountedPrice.amount * line.quantity })}</strong>
            <button type="button" className="link-button" onClick={() => cart.remove(line.productId)} aria-label={`Remove ${line.name}`}>Remove</button>
          </li>
        ))}
      </ul>
      <CartTotals subtotal={subtotal} savings={savings} total={total} />
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => navigate('/checkout')}>Checkout</button>
        <Link href="/">Continue shopping</Link>
      </div>
    </section>
  );
}

export function CartTotals({ subtotal, savings, total }: Record<'subtotal' | 'savings' | 'total', { amount: number; currency: string }>) {
  return (
    <dl className="totals">
      <div><dt>Subtotal</dt><dd>{formatMoney(subtotal)}</dd></div>
      {savings.amount > 0 ? <div className="savings"><dt>Discounts</dt><dd>-{formatMoney(savings)}</dd></div> : null}
      <div className="grand-total"><dt>Total</dt><dd data-testid="cart-total">{formatMoney(total)}</dd></div>
    </dl>
  );
}
