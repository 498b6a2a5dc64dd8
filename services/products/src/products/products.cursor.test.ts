import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeCursor, AppError } from '@emporium/kit';
import { cursorKeyOf, keysetAfter } from './products.cursor.ts';
import type { ProductRecord } from './products.repository.ts';
import { SORTS } from './products.schemas.ts';

const row = fc.record({
  seq: fc.nat(),
  nameKey: fc.string({ maxLength: 200 }),
  discountedAmount: fc.nat({ max: 100_000_000_000 }),
  ratingAverage: fc.integer({ min: 0, max: 50 }).map((n) => n / 10),
  ratingCount: fc.nat(),
});

test('a cursor made from a row reads back as that row\'s keyset, for every sort', () => {
  fc.assert(
    fc.property(row, fc.constantFrom(...SORTS), (r, sort) => {
      const values = cursorKeyOf(sort)(r as unknown as ProductRecord);
      assert.deepEqual(keysetAfter(sort, encodeCursor(values)), values.slice(1));
    }),
  );
});

test('a cursor of one sort is refused by every other sort', () => {
  fc.assert(
    fc.property(row, fc.constantFrom(...SORTS), fc.constantFrom(...SORTS), (r, made, used) => {
      fc.pre(made !== used);
      const cursor = encodeCursor(cursorKeyOf(made)(r as unknown as ProductRecord));
      assert.throws(() => keysetAfter(used, cursor), (err: unknown) => err instanceof AppError && err.status === 400);
    }),
  );
});

test('no cursor means the first page; values of the wrong type are refused', () => {
  assert.equal(keysetAfter('newest', undefined), null);
  for (const values of [['newest', -1], ['newest', 1.5], ['price_asc', '10', 1], ['rating', null, 1, 1], ['name', 5, 1]]) {
    const sort = values[0] as (typeof SORTS)[number];
    assert.throws(() => keysetAfter(sort, encodeCursor(values)), AppError, JSON.stringify(values));
  }
});
