import { AppError, type Db } from '@emporium/kit';
import type { DiscountsClient, ProductsClient } from '../orders/peers.ts';
import { orderableProducts, priceLines, type PricedLine, type RequestedLine } from '../orders/pricing.ts';
import { findMethod } from '../shipping/shipping.repository.ts';
import { findRate } from '../tax/tax.repository.ts';
import { priceBasket, type Breakdown, type MethodTerms, type PromotionTerms } from './breakdown.ts';

export interface CheckoutDeps {
  db: Db;
  products: ProductsClient;
  discounts: DiscountsClient;
  settings: { currency: string; pricesIncludeTax: boolean };
}

export interface CheckoutRequest {
  items: RequestedLine[];
  shippingAddress?: { country: string };
  shippingMethodId?: string;
  promoCode?: string;
}

/** A basket priced as an order would be charged for it now, with the terms it was priced on. */
export interface PricedCheckout {
  currency: string;
  lines: PricedLine[];
  breakdown: Breakdown;
  method: MethodTerms | null;
  promotion: PromotionTerms | null;
}

/**
 * Prices a basket for a customer: lines from products and discounts, the shipping method and the
 * country's tax rate from this service, the code's terms from discounts, then priceBasket. The quote
 * and order placement both call this, so they give the same figures and the same errors.
 */
export async function priceCheckout(deps: CheckoutDeps, customerId: string, request: CheckoutRequest): Promise<PricedCheckout> {
  assertEachProductOnce(request.items);
  const country = request.shippingAddress?.country;
  const [lines, method, rate] = await Promise.all([
    priceOrderLines(deps, request.items),
    request.shippingMethodId === undefined ? null : methodFor(deps.db, request.shippingMethodId, country),
    country === undefined ? null : findRate(deps.db, country),
  ]);
  const lineTotals = lines.map((line) => line.lineTotal);
  const subtotal = { amount: lineTotals.reduce((sum, total) => sum + total, 0), currency: deps.settings.currency };
  const promotion = request.promoCode === undefined ? null : await deps.discounts.checkPromotion({ code: request.promoCode, customerId, subtotal });
  const breakdown = priceBasket(lineTotals, { promotion, method, rate, pricesIncludeTax: deps.settings.pricesIncludeTax });
  return { currency: deps.settings.currency, lines, breakdown, method, promotion };
}

async function priceOrderLines(deps: CheckoutDeps, items: RequestedLine[]): Promise<PricedLine[]> {
  const products = orderableProducts(items, await deps.products.getMany(items.map((i) => i.productId)));
  const quotes = await deps.discounts.quote(items.map((i) => ({ productId: i.productId, price: products.get(i.productId)!.price })));
  return priceLines(items, products, quotes, deps.settings.currency);
}

/** The method, when it is offered and delivers to the country (when the country is known yet); else a 422. */
async function methodFor(db: Db, id: string, country: string | undefined): Promise<MethodTerms> {
  const method = await findMethod(db, id);
  if (!method) {
    throw new AppError('CHECKOUT.UNKNOWN_METHOD', 422, 'There is no such shipping method', {
      shippingMethodId: id, errors: [{ path: '/body/shippingMethodId', message: 'names no shipping method' }],
    });
  }
  if (!method.active || (country !== undefined && !method.countries.includes('*') && !method.countries.includes(country))) {
    const detail = method.active ? `${method.name} does not deliver to ${country}` : `${method.name} is no longer offered`;
    throw new AppError('CHECKOUT.METHOD_NOT_AVAILABLE', 422, detail, {
      shippingMethodId: id, errors: [{ path: '/body/shippingMethodId', message: detail }],
    });
  }
  return method;
}

/** A product at most once per order: its quantity says how many. */
export function assertEachProductOnce(items: RequestedLine[]): void {
  const seen = new Set<string>();
  items.forEach(({ productId }, index) => {
    if (seen.has(productId)) {
      throw new AppError('REQUEST.INVALID', 400, `Product ${productId} appears more than once`, {
        errors: [{ path: `/body/items/${index}/productId`, message: 'appears more than once' }],
      });
    }
    seen.add(productId);
  });
}
