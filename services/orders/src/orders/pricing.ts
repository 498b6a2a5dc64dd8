import { AppError, type Money } from '@emporium/kit';

/** A product as products' batch read gives it (only what an order needs). */
export interface CatalogProduct {
  id: string;
  name: string;
  image: string | null;
  price: Money;
  deleted: boolean;
}

/** One line of discounts' batch quote. */
export interface PriceQuote {
  productId: string;
  price: Money;
  discountedPrice: Money;
  discount: { id: string; percent: number; endsAt: string | null } | null;
}

export interface RequestedLine {
  productId: string;
  quantity: number;
}

/** The snapshot an order keeps of each line; amounts in minor units of the order's currency. */
export interface PricedLine {
  productId: string;
  name: string;
  image: string | null;
  quantity: number;
  unitPrice: number;
  discountBps: number;
  unitDiscountedPrice: number;
  lineTotal: number;
}

/** The products an order may contain: every id known and not deleted, else a 422 naming the first that is not. */
export function orderableProducts(items: RequestedLine[], found: CatalogProduct[]): Map<string, CatalogProduct> {
  const byId = new Map(found.map((p) => [p.id, p]));
  for (const { productId } of items) {
    const product = byId.get(productId);
    if (!product) throw new AppError('ORDER.UNKNOWN_PRODUCT', 422, `Product "${productId}" does not exist`, { productId });
    if (product.deleted) {
      throw new AppError('ORDER.UNKNOWN_PRODUCT', 422, `"${product.name}" is no longer sold`, { productId });
    }
  }
  return byId;
}

/**
 * Prices every line from the quote: the discounted unit price times the quantity.
 * A quote that does not fit what was asked (missing line, other currency, other base price) is the
 * dependency's fault, never the customer's: a 503, and nothing is charged.
 */
export function priceLines(items: RequestedLine[], products: Map<string, CatalogProduct>, quotes: PriceQuote[], currency: string): PricedLine[] {
  const quoteOf = new Map(quotes.map((q) => [q.productId, q]));
  return items.map(({ productId, quantity }): PricedLine => {
    const product = products.get(productId)!;
    const quote = quoteOf.get(productId);
    if (!quote || !fitsProduct(quote, product, currency)) {
      throw new AppError('DEPENDENCY.FAILED', 503, 'The price quote did not match the products. Please try again shortly.', { dependency: 'discounts' });
    }
    return {
      productId,
      name: product.name,
      image: product.image,
      quantity,
      unitPrice: product.price.amount,
      discountBps: quote.discount ? Math.round(quote.discount.percent * 100) : 0,
      unitDiscountedPrice: quote.discountedPrice.amount,
      lineTotal: quote.discountedPrice.amount * quantity,
    };
  });
}

function fitsProduct(quote: PriceQuote, product: CatalogProduct, currency: string): boolean {
  return (
    product.price.currency === currency &&
    quote.price.currency === currency &&
    quote.discountedPrice.currency === currency &&
    quote.price.amount === product.price.amount &&
    Number.isSafeInteger(quote.discountedPrice.amount) &&
    quote.discountedPrice.amount >= 0 &&
    quote.discountedPrice.amount <= quote.price.amount
  );
}
