// A price with its discount: the new price, the old one struck through, and until when.
import type { DiscountBadge, Money } from '../api/types.ts';
import { formatDate, formatMoney, formatPercent } from '../format.ts';

interface PriceProps {
  price: Money;
  discountedPrice: Money;
  discount: DiscountBadge | null;
  large?: boolean;
}

export function Price({ price, discountedPrice, discount, large }: PriceProps) {
  const reduced = discount && discountedPrice.amount < price.amount;
  return (
    <div className={`price${large ? ' price-large' : ''}`}>
      <span className={reduced ? 'price-now price-reduced' : 'price-now'}>{formatMoney(reduced ? discountedPrice : price)}</span>
      {reduced ? (
        <>
          <s className="price-was" aria-label={`was ${formatMoney(price)}`}>{formatMoney(price)}</s>
          <span className="discount-badge">
            -{formatPercent(discount.percent)}
            {discount.endsAt ? ` until ${formatDate(discount.endsAt)}` : ''}
          </span>
        </>
      ) : null}
    </div>
  );
}
