// The cart lives in localStorage so it survives reloads; tabs stay in step via the storage event.
import type { Money } from '../api/types.ts';

export interface CartLine {
  productId: string;
  name: string;
  image: string | null;
  quantity: number;
  /** Price when added; the cart page shows the current quote when it can get one. */
  unitPrice: Money;
  unitDiscountedPrice: Money;
}

export const MAX_QUANTITY = 99;
export const MAX_LINES = 50;
const STORAGE_KEY = 'emporium.cart';
const PROMO_KEY = 'emporium.promo';

export function loadCart(): CartLine[] {
  try {
    const lines = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as CartLine[];
    return Array.isArray(lines) ? lines.filter((line) => line && typeof line.productId === 'string' && line.quantity > 0) : [];
  } catch {
    return [];
  }
}

export function saveCart(lines: CartLine[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
}

/** The promotion code the customer entered goes with the cart from the cart page to the checkout. */
export const loadPromoCode = (): string | null => localStorage.getItem(PROMO_KEY) || null;
export function savePromoCode(code: string | null): void {
  if (code) localStorage.setItem(PROMO_KEY, code);
  else localStorage.removeItem(PROMO_KEY);
}

export const clampQuantity = (quantity: number) => Math.max(1, Math.min(MAX_QUANTITY, Math.floor(quantity) || 1));

export function addLine(lines: CartLine[], line: CartLine): CartLine[] {
  const existing = lines.find((item) => item.productId === line.productId);
  if (!existing) return [...lines, { ...line, quantity: clampQuantity(line.quantity) }];
  return lines.map((item) =>
    item.productId === line.productId ? { ...line, quantity: clampQuantity(item.quantity + line.quantity) } : item,
  );
}

export function setLineQuantity(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  return lines.map((item) => (item.productId === productId ? { ...item, quantity: clampQuantity(quantity) } : item));
}

export function removeLine(lines: CartLine[], productId: string): CartLine[] {
  return lines.filter((item) => item.productId !== productId);
}

export const cartCount = (lines: CartLine[]) => lines.reduce((total, line) => total + line.quantity, 0);

export const onCartStorage = (listener: () => void) => {
  const handler = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === PROMO_KEY) listener();
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
};
