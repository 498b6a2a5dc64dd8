// One line of the cart: picture, name, price each, quantity, line total, remove. The quantity is typed
// freely (an empty box while typing is not a change); 0 takes the line out, more than is left is lowered.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { MAX_QUANTITY, stockNoteText, type StockNote } from '../../cart/cart.ts';
import { lineTotal, type PricedLine } from '../../cart/pricing.ts';
import { ProductImage } from '../../components/ProductImage.tsx';
import { formatMoney, formatPercent } from '../../format.ts';

interface CartLineRowProps {
  line: PricedLine;
  note: StockNote | undefined;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}

export function CartLineRow({ line, note, onQuantity, onRemove }: CartLineRowProps) {
  const [text, setText] = useState(String(line.quantity));
  // The cart can change under the box (another tab, the stock check): the box follows.
  useEffect(() => setText(String(line.quantity)), [line.quantity]);
  const change = (value: string) => {
    setText(value);
    if (/^\d+$/.test(value.trim())) onQuantity(Number(value));
  };
  const max = Math.min(MAX_QUANTITY, line.stock ?? MAX_QUANTITY);
  return (
    <li className="cart-line" data-testid="cart-line">
      <ProductImage className="cart-thumb" src={line.image} alt="" />
      <div className="cart-line-name">
        <Link to={`/products/${encodeURIComponent(line.productId)}`}>{line.name}</Link>
        <span className="muted">
          {formatMoney(line.quote.discountedPrice)} each
          {line.quote.discount ? ` (-${formatPercent(line.quote.discount.percent)})` : ''}
        </span>
        {note ? <span className="line-note" role="status" data-testid="stock-note">{stockNoteText(note)}</span> : null}
      </div>
      <label className="visually-hidden" htmlFor={`qty-${line.productId}`}>Quantity of {line.name}</label>
      <input id={`qty-${line.productId}`} className="qty" type="number" inputMode="numeric" min={0} max={max} value={text}
        onChange={(e) => change(e.target.value)} onBlur={() => setText(String(line.quantity))} />
      <strong className="cart-line-total">{formatMoney(lineTotal(line))}</strong>
      <button type="button" className="link-button" onClick={onRemove} aria-label={`Remove ${line.name}`}>Remove</button>
    </li>
  );
}
