import { discountedAmount, type Money } from '@emporium/kit';
import { discountInForce, type Discount, type DiscountInForce } from '../discounts/discount-rules.ts';

export interface Quote {
  productId: string;
  price: Money;
  discountedPrice: Money;
  discount: DiscountInForce | null;
}

/** One product's price with the rule in force applied (round-half-up, integer minor units). */
export function quoteOf(productId: string, price: Money, rule: Discount | null): Quote {
  return {
    productId,
    price,
    discountedPrice: { amount: rule ? discountedAmount(price.amount, rule.percentBps) : price.amount, currency: price.currency },
    discount: rule ? discountInForce(rule) : null,
  };
}
