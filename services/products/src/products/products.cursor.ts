import { cursorPart, decodeCursor, type CursorPart } from '@emporium/kit';
import type { ProductRecord } from './products.repository.ts';
import type { ListOrder } from './products.schemas.ts';

const { natural: int, number: num } = cursorPart;
const str: CursorPart<string> = (v): v is string => typeof v === 'string' && v.length <= 1000;

/** A listed row, with its rank when the listing had a query. */
export type ListedRow = ProductRecord & { rank?: number };

/** The keyset of each order: what a cursor carries (after the order's name) and how to read it off a row. */
const KEYS: Record<ListOrder, { parts: CursorPart<unknown>[]; of(row: ListedRow): unknown[] }> = {
  newest: { parts: [int], of: (r) => [r.seq] },
  price_asc: { parts: [int, int], of: (r) => [r.discountedAmount, r.seq] },
  price_desc: { parts: [int, int], of: (r) => [r.discountedAmount, r.seq] },
  rating: { parts: [num, int, int], of: (r) => [r.ratingAverage, r.ratingCount, r.seq] },
  name: { parts: [str, int], of: (r) => [r.nameKey, r.seq] },
  // The rank as PostgreSQL printed it (a real's shortest exact form), read back as a real: the same value.
  relevance: { parts: [num, int], of: (r) => [r.rank ?? 0, r.seq] },
};

/** The keyset values after which the page starts; null for the first page, the kit's 400 for a cursor of another order. */
export function keysetAfter(order: ListOrder, cursor: string | undefined): unknown[] | null {
  const values = decodeCursor<unknown[]>(cursor, [cursorPart.literal(order), ...KEYS[order].parts]);
  return values && values.slice(1);
}

/** What a cursor holds: the order's name, then the row's keyset values (so a cursor of another order is refused). */
export const cursorKeyOf = (order: ListOrder) => (row: ListedRow) => [order, ...KEYS[order].of(row)];
