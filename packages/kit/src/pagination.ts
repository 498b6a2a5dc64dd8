import { Type, type TSchema } from 'typebox';
import { AppError } from './errors.ts';

export const ListQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** A check of one position of a cursor: what the API put there, so a forged value never reaches SQL. */
export type CursorPart<T> = (value: unknown) => value is T;

/** The checks the services' keysets need; a service may write its own beside them. */
export const cursorPart = {
  integer: ((v) => Number.isSafeInteger(v)) as CursorPart<number>,
  natural: ((v) => Number.isSafeInteger(v) && (v as number) >= 0) as CursorPart<number>,
  number: ((v) => typeof v === 'number' && Number.isFinite(v)) as CursorPart<number>,
  text: ((v) => typeof v === 'string') as CursorPart<string>,
  id: ((v) => typeof v === 'string' && v.length > 0) as CursorPart<string>,
  time: ((v) => typeof v === 'string' && !Number.isNaN(Date.parse(v))) as CursorPart<string>,
  /** Exactly this value: a tag such as the sort's name, so a cursor of another sort is refused. */
  literal: <T extends string>(tag: T): CursorPart<T> => (v): v is T => v === tag,
};

/** Cursors are opaque to clients: the keyset values of the last row, base64url-encoded. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The keyset values of a cursor, one per part, each passing its part's check; null without a cursor.
 * Anything else (not base64url JSON, another length, a value of the wrong kind) is the one 400 problem.
 */
export function decodeCursor<T extends unknown[]>(
  cursor: string | undefined,
  parts: [...{ [K in keyof T]: CursorPart<T[K]> }],
): T | null {
  if (cursor === undefined) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === parts.length && parts.every((check, i) => check(values[i]))) {
      return values as T;
    }
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
