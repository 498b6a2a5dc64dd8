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
  /** Units that could be ordered when last seen (the product page, or the cart's re-check); absent when never seen. */
  stock?: number;
}

/** Why a line changed by itself: fewer left than asked for, sold out, or no longer sold. */
export interface StockNote {
  productId: string;
  name: string;
  kind: 'limited' | 'sold_out' | 'gone';
  quantity: number;
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

/** A whole quantity from 1 up to what is available (and the order's limit of 99 per line). */
export const clampQuantity = (quantity: number, stock = MAX_QUANTITY) =>
  Math.max(1, Math.min(MAX_QUANTITY, stock, Math.floor(quantity) || 1));

/** The cart with `line` added (its quantity on top of any already there), never beyond `line.stock`. */
export function addLine(lines: CartLine[], line: CartLine): CartLine[] {
  const existing = lines.find((item) => item.productId === line.productId);
  if (!existing) return [...lines, { ...line, quantity: clampQuantity(line.quantity, line.stock) }];
  return lines.map((item) =>
    item.productId === line.productId ? { ...line, quantity: clampQuantity(item.quantity + line.quantity, line.stock) } : item,
  );
}

/** A new quantity for a line, at most what is available; 0 (or less) takes the line out. */
export function setLineQuantity(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  if (Math.floor(quantity) <= 0) return removeLine(lines, productId);
  return lines.map((item) => (item.productId === productId ? { ...item, quantity: clampQuantity(quantity, item.stock) } : item));
}

/** The note for a line whose quantity was lowered to `quantity` because no more are available. */
export const limitedNote = (line: CartLine, quantity: number): StockNote =>
  ({ productId: line.productId, name: line.name, kind: 'limited', quantity });

/**
 * The cart fitted to what can be ordered now (`available`: units per product id; a product missing from
 * it is no longer sold): quantities lowered to the stock, sold-out and retired products taken out, each
 * change with its note.
 */
export function fitToStock(lines: CartLine[], available: Map<string, number>): { lines: CartLine[]; notes: StockNote[] } {
  const notes: StockNote[] = [];
  const kept: CartLine[] = [];
  for (const line of lines) {
    const stock = available.get(line.productId);
    if (stock === undefined || stock <= 0) {
      notes.push({ productId: line.productId, name: line.name, kind: stock === undefined ? 'gone' : 'sold_out', quantity: 0 });
      continue;
    }
    const quantity = Math.min(line.quantity, stock, MAX_QUANTITY);
    if (quantity < line.quantity) notes.push(limitedNote(line, quantity));
    kept.push({ ...line, quantity, stock });
  }
  return { lines: kept, notes };
}

/** A note in the shop's words: "Only 3 left — we set your quantity to 3." */
export function stockNoteText(note: StockNote): string {
  if (note.kind === 'gone') return `${note.name} is no longer sold, so we took it out of your cart.`;
  if (note.kind === 'sold_out') return `${note.name} is sold out, so we took it out of your cart.`;
  return `Only ${note.quantity} left — we set your quantity to ${note.quantity}.`;
}

/** What adding said: all of it went in, or only what was left (`before`/`after`: the line's quantity around the add). */
export function addedText(name: string, requested: number, before: number, after: number): string {
  if (after === before + requested) return `Added ${requested} × ${name} to your cart.`;
  if (after === before) return `Only ${after} left, and all ${after} are in your cart already.`;
  return `Only ${after} left — we set your quantity to ${after}.`;
}

/** Puts back a line taken out (undo), where it was. */
export function restoreLine(lines: CartLine[], line: CartLine, index: number): CartLine[] {
  const rest = removeLine(lines, line.productId);
  return [...rest.slice(0, index), line, ...rest.slice(index)];
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
