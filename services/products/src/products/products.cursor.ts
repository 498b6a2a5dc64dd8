import { AppError, decodeCursor } from '@emporium/kit';
import type { ProductRow } from './products.repository.ts';
import type { Sort } from './products.schemas.ts';

type Check = (value: unknown) => boolean;
const int: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const str: Check = (v) => typeof v === 'string' && v.length <= 1000;

/** The keyset of each sort: what a cursor carries (after the sort's name) and how to read it off a row. */
const KEYS: Record<Sort, { checks: Check[]; of(row: ProductRow): unknown[] }> = {
  newest: { checks: [int], of: (r) => [r.seq] },
  price_asc: { checks: [int, int], of: (r) => [r.discounted_amount, r.seq] },
  price_desc: { checks: [int, int], of: (r) => [r.discounted_amount, r.seq] },
  rating: { checks: [num, int, int], of: (r) => [r.rating_average, r.rating_count, r.seq] },
  name: { checks: [str, int], of: (r) => [r.name_key, r.seq] },
};


export function keysetAfter(sort: Sort, cursor: string | undefined): unknown[] | null {
  const { checks } = KEYS[sort];
  const values = decodeCursor(cursor, checks.length + 1);
  if (values === null) return null;
  const [tag, ...keys] = values;
  if (tag !== sort || !keys.every((value, i) => checks[i](value))) {
    throw new AppError('REQUEST.INVALID_CURSOR', 400, `cursor does not belong to sort=${sort}`, {
      errors: [{ path: '/query/cursor', message: 'is not a valid cursor for this sort' }],
    });
  }
  return keys;
}

/** What a cursor holds: the sort's name, then the row's keyset values (so a cursor of another sort is refused). */
export const cursorKeyOf = (sort: Sort) => (row: ProductRow) => [sort, ...KEYS[sort].of(row)];
