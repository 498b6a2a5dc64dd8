// React access to the cart kept in localStorage.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  addLine, cartCount, loadCart, loadPromoCode, onCartStorage, removeLine, saveCart, savePromoCode, setLineQuantity, type CartLine,
} from './cart.ts';

interface CartState {
  lines: CartLine[];
  count: number;
  add: (line: CartLine) => void;
  setQuantity: (productId: string, quantity: number) => void;
  remove: (productId: string) => void;
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

  const update = (change: (current: CartLine[]) => CartLine[]) => {
    const next = change(loadCart());
    saveCart(next);
    setLines(next);
  };
  const state: CartState = {
    lines,
    count: cartCount(lines),
    add: (line) => update((current) => addLine(current, line)),
    setQuantity: (productId, quantity) => update((current) => setLineQuantity(current, productId, quantity)),
    remove: (productId) => update((current) => removeLine(current, productId)),
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
