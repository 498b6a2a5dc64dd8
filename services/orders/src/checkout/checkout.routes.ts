import { currentUser, requireUser, type App } from '@emporium/kit';
import { breakdownJson, itemsJson } from '../orders/order-json.ts';
import { Quote, QuoteBody, type QuoteJson } from './checkout.schemas.ts';
import { priceCheckout, type CheckoutDeps } from './checkout.service.ts';

export function checkoutRoutes(app: App, deps: CheckoutDeps): void {
  app.post('/api/checkout/quote', {
    onRequest: requireUser,
    schema: {
      tags: ['checkout'], security: [{ bearer: [] }], body: QuoteBody, response: { 200: Quote },
      summary: 'Price a basket exactly as placing the order would charge it now (and with the same errors)',
    },
  }, async (request): Promise<QuoteJson> => {
    const priced = await priceCheckout(deps, currentUser(request).userId, request.body);
    return { items: itemsJson(priced.lines, priced.currency), ...breakdownJson({ ...priced.breakdown, shippingMethod: priced.method }, priced.currency), currency: priced.currency };
  });
}
