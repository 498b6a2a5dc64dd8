import { cursorPart, decodeCursor, type CursorPart } from '@emporium/kit';
import type { ProductRecord } from './products.repository.ts';
import type { Sort } from './products.schemas.ts';

const { natural: int, number: num } = cursorPart;
const str: CursorPart<string> = (v): v is string => typeof v === 'string' && v.length <= 1000;

/** The keyset of each sort: what a cursor carries (after the sort's name) and how to read it off a row. */
const KEYS: Record<Sort, { parts: CursorPart<unknown>[]; of(row: ProductRecord): unknown[] }> = {
  newest: { parts: [int], of: (r) => [r.seq] },
  price_asc: { parts: [int, int], of: (r) => [r.discountedAmount, r.seq] },
  price_desc: { parts: [int, int], of: (r) => [r.discountedAmount, r.seq] },
  rating: { parts: [num, int, int], of: (r) => [r.ratingAverage, r.ratingCount, r.seq] },
  name: { parts: [str, int], of: (r) => [r.nameKey, r.seq] },
};

/** The keyset values after which the page starts; null for the first page, the kit's 400 for a cursor of another sort. */
export function keysetAfter(sort: Sort, cursor: string | undefined): unknown[] | null {
  const values = decodeCursor<unknown[]>(cursor, [cursorPart.literal(sort), ...KEYS[sort].parts]);
  return values && values.slice(1);
}

/** What a cursor holds: the sort's name, then the row's keyset values (so a cursor of another sort is refused). */
export const cursorKeyOf = (sort: Sort) => (row: ProductRecord) => [sort, ...KEYS[sort].of(row)];
