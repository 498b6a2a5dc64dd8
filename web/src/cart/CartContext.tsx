// React access to the cart kept in localStorage.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  addLine, cartCount, fitToStock, limitedNote, loadCart, loadPromoCode, onCartStorage, removeLine, restoreLine, saveCart, savePromoCode,
  setLineQuantity, type CartLine, type StockNote,
} from './cart.ts';

/** A line taken out, and where it stood, so it can be put back. */
export interface Removed {
  line: CartLine;
  index: number;
}

interface CartState {
  lines: CartLine[];
  count: number;
  /** Adds the line; answers the product's quantity in the cart before and after (lower than asked when stock ran out). */
  add: (line: CartLine) => { before: number; after: number };
  /** 0 takes the line out (answered, for undo); beyond the stock answers the note of what was set. */
  setQuantity: (productId: string, quantity: number) => { removed: Removed | null; note: StockNote | null };
  remove: (productId: string) => Removed | null;
  restore: (removed: Removed) => void;
  /** Fits the cart to units available now (products missing from the map are no longer sold); answers what changed. */
  fit: (available: Map<string, number>) => StockNote[];
  clear: () => void;
  promoCode: string | null;
  setPromoCode: (code: string | null) => void;
}

const CartContext = createContext<CartState | null>(null);

export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>(loadCart);
  const [promoCode, setPromo] = useState(loadPromoCode);
  useEffect(() => onCartStorage(() => {
    setLines(loadCart());
    setPromo(loadPromoCode());
  }), []);
  const setPromoCode = (code: string | null) => {
    savePromoCode(code);
    setPromo(code);
  };

  // Changes start from what is stored, so two tabs (or two clicks before a render) never lose one another's.
  const update = (change: (current: CartLine[]) => CartLine[]) => {
    const next = change(loadCart());
    saveCart(next);
    setLines(next);
  };
  const find = (productId: string) => {
    const current = loadCart();
    const index = current.findIndex((line) => line.productId === productId);
    return index < 0 ? null : { line: current[index], index };
  };
  const state: CartState = {
    lines,
    count: cartCount(lines),
    add: (line) => {
      const before = find(line.productId)?.line.quantity ?? 0;
      update((current) => addLine(current, line));
      return { before, after: find(line.productId)?.line.quantity ?? 0 };
    },
    setQuantity: (productId, quantity) => {
      const found = find(productId);
      update((current) => setLineQuantity(current, productId, quantity));
      if (!found) return { removed: null, note: null };
      const now = find(productId);
      if (!now) return { removed: found, note: null };
      return { removed: null, note: now.line.quantity < Math.floor(quantity) && now.line.stock !== undefined ? limitedNote(now.line, now.line.quantity) : null };
    },
    remove: (productId) => {
      const found = find(productId);
      update((current) => removeLine(current, productId));
      return found;
    },
    restore: ({ line, index }) => update((current) => restoreLine(current, line, index)),
    fit: (available) => {
      const fitted = fitToStock(loadCart(), available);
      update(() => fitted.lines);
      return fitted.notes;
    },
    clear: () => {
      update(() => []);
      setPromoCode(null);
    },
    promoCode,
    setPromoCode,
  };
  return <CartContext.Provider value={state}>{children}</CartContext.Provider>;
}

export function useCart(): CartState {
  const state = useContext(CartContext);
  if (!state) throw new Error('useCart needs a CartProvider');
  return state;
}
