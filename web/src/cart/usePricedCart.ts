// The cart with today's prices where the discount service answers, the prices seen when added otherwise.
import { prices as pricesApi } from '../api/endpoints.ts';
import { useLoad } from '../data.ts';
import { useCart } from './CartContext.tsx';
import { cartTotals, priceLines, quoteKey } from './pricing.ts';

export function usePricedCart() {
  const cart = useCart();
  const ids = quoteKey(cart.lines);
  const quotes = useLoad(['prices', ids], async () => (ids ? (await pricesApi.quote(ids.split(','))).items : []));
  const lines = priceLines(cart.lines, quotes.data);
  return { cart, lines, ...cartTotals(lines) };
}
