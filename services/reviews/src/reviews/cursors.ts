import { AppError, decodeCursor } from '@emporium/kit';

type KeyPart = 'rating' | 'time' | 'id';

const valid: Record<KeyPart, (v: unknown) => boolean> = {
  rating: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5,
  time: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  id: (v) => typeof v === 'string' && v.length > 0,
};

/**
 * The keyset values of a cursor, checked part by part, so a forged or foreign cursor is a 400
 * (a cursor of the other sort has a different length and is refused too).
 */
export function afterKey(cursor: string | undefined, parts: KeyPart[]): unknown[] | null {
  const values = decodeCursor(cursor, parts.length);
  if (values && !parts.every((part, i) => valid[part](values[i]))) {
    throw new AppError('REQUEST.INVALID_CURSOR', 400, 'cursor is not one this API gave out', {
      errors: [{ path: '/query/cursor', message: 'is not a valid cursor' }],
    });
  }
  return values;
}
