import { AppError, assertCurrency, type Db, type Money } from '@emporium/kit';
import type { Clock } from '../discounts/discount-rules.ts';
import { findActive } from '../discounts/discounts.repository.ts';
import type { ProductsClient } from '../products/products.client.ts';
import { quoteOf, type Quote } from './pricing.ts';
import { MAX_QUOTE_ITEMS } from './prices.schemas.ts';

export interface PriceDeps {
  db: Db;
  products: ProductsClient;
  clock: Clock;
  shopCurrency: string;
}

/** The public price list: base prices from products (one batch call), then the quote. Unknown and deleted products are left out. */
export async function priceProducts(deps: PriceDeps, productIdsParam: string): Promise<{ items: Quote[] }> {
  const productIds = parseProductIds(productIdsParam);
  const products = await deps.products.getMany(productIds);
  const listed = new Map(products.filter((p) => !p.deleted).map((p) => [p.id, p]));
  const items = productIds.flatMap((id) => {
    const product = listed.get(id);
    return product ? [{ productId: id, price: product.price }] : [];
  });
  return { items: await quotePrices(deps, items) };
}

/** Quotes the given base prices with the rule in force now, in the order given. */
export async function quotePrices(deps: Pick<PriceDeps, 'db' | 'clock' | 'shopCurrency'>, items: { productId: string; price: Money }[]): Promise<Quote[]> {
  items.forEach((item) => assertCurrency(item.price, deps.shopCurrency));
  const rules = await findActive(deps.db, [...new Set(items.map((i) => i.productId))], deps.clock());
  const ruleOf = new Map(rules.map((r) => [r.productId, r]));
  return items.map((item) => quoteOf(item.productId, item.price, ruleOf.get(item.productId) ?? null));
}

/** `a,b,c` into distinct ids in the order given; none or more than the batch limit is a 400. */
export function parseProductIds(param: string): string[] {
  const ids = [...new Set(param.split(',').map((id) => id.trim()).filter((id) => id.length > 0))];
  if (ids.length === 0) throw badProductIds('names no product id');
  if (ids.length > MAX_QUOTE_ITEMS) throw badProductIds(`names more than ${MAX_QUOTE_ITEMS} product ids`);
  if (ids.some((id) => id.length > 100)) throw badProductIds('has an id longer than 100 characters');
  return ids;
}

const badProductIds = (problem: string) =>
  new AppError('REQUEST.INVALID', 400, `/query/productIds ${problem}`, { errors: [{ path: '/query/productIds', message: problem }] });
