// The cart checked against the stock every time it is opened: one batch read of the cart's products
// fits each quantity to what can be ordered now, and keeps the notes of what changed to show them.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { products as productsApi } from '../api/endpoints.ts';
import { MAX_LINES, type StockNote } from './cart.ts';
import { useCart } from './CartContext.tsx';
import { quoteKey } from './pricing.ts';

/** Units available per product id; a product that is no longer listed is missing. */
async function availableUnits(ids: string[]): Promise<Map<string, number>> {
  const page = await productsApi.list({ ids: ids.slice(0, MAX_LINES).join(','), limit: 100 });
  return new Map(page.items.map((product) => [product.id, product.stock]));
}

export function useStockCheck() {
  const cart = useCart();
  const ids = quoteKey(cart.lines);
  const [notes, setNotes] = useState<StockNote[]>([]);
  // Fresh on every visit (no cache): the point is what is on the shelf now.
  const check = useQuery({ queryKey: ['cart-stock', ids], queryFn: () => availableUnits(ids.split(',')), enabled: ids !== '', gcTime: 0 });
  useEffect(() => {
    if (!check.data) return;
    const changed = cart.fit(check.data);
    if (changed.length) setNotes((shown) => [...shown.filter((old) => !changed.some((n) => n.productId === old.productId)), ...changed]);
    // Only a new answer is fitted: the cart changes that fitting makes must not fit it again.
  }, [check.data]);
  /** A note made elsewhere on the page (typing more than is left) joins the list, replacing that product's older one. */
  const addNote = (note: StockNote) => setNotes((shown) => [...shown.filter((old) => old.productId !== note.productId), note]);
  const dropNote = (productId: string) => setNotes((shown) => shown.filter((old) => old.productId !== productId));
  return { notes, addNote, dropNote, error: check.error, reload: () => void check.refetch() };
}
