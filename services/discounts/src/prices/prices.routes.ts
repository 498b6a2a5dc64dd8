import type { App } from '@emporium/kit';
import { PricesQuery, QuoteList, QuoteRequest } from './prices.schemas.ts';
import { priceProducts, quotePrices, type PriceDeps } from './prices.service.ts';

export function priceRoutes(app: App, deps: PriceDeps): void {
  app.get(
    '/api/prices',
    { schema: { tags: ['prices'], summary: "Products' prices with the discount in force now", querystring: PricesQuery, response: { 200: QuoteList } } },
    async (request) => priceProducts(deps, request.query.productIds),
  );

  // For products and orders, which own the base prices: quote them without a call back to products.
  app.post(
    '/internal/quotes',
    { schema: { hide: true, body: QuoteRequest, response: { 200: QuoteList } } },
    async (request) => ({ items: await quotePrices(deps, request.body.items) }),
  );
}
