import { Type, type TSchema } from 'typebox';
import { AppError } from './errors.ts';

export const ListQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Cursors are opaque to clients: the keyset values of the last row, base64url-encoded. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | null {
  if (cursor === undefined) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through to the 400 below
  }
  throw new AppError('REQUEST.INVALID_CURSOR', 400, 'cursor is not one this API gave out', {
    errors: [{ path: '/query/cursor', message: 'is not a valid cursor' }],
  });
}

/** Given limit+1 rows, the page and the cursor of its last row (null on the last page). */
export function pageOf<R, I>(rows: R[], limit: number, toItem: (row: R) => I, keyOf: (row: R) => unknown[]) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(toItem),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
