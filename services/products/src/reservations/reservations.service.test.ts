import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '@emporium/kit';
import { assertAvailable } from './reservations.service.ts';

const ids = ['a', 'b', 'c', 'd'];
const products = fc.uniqueArray(
  fc.record({ id: fc.constantFrom(...ids), name: fc.constant('Kettle'), stock: fc.nat({ max: 10 }), deleted: fc.boolean() }),
  { selector: (p) => p.id },
);
const lines = fc.uniqueArray(fc.record({ productId: fc.constantFrom(...ids), quantity: fc.integer({ min: 1, max: 12 }) }), {
  selector: (l) => l.productId, minLength: 1,
});

test('a reservation passes exactly when every line names a listed product with enough units', () => {
  fc.assert(
    fc.property(products, lines, (known, wanted) => {
      const fits = wanted.every((line) => known.some((p) => p.id === line.productId && !p.deleted && p.stock >= line.quantity));
      let error: unknown = null;
      try {
        assertAvailable(wanted, known);
      } catch (err) {
        error = err;
      }
      assert.equal(error === null, fits);
      if (error) {
        assert.ok(error instanceof AppError);
        assert.ok([409, 422].includes(error.status));
        assert.ok(wanted.some((l) => l.productId === error.extra.productId));
      }
    }),
  );
});

test('the 409 says how many are left, and names the product', () => {
  assert.throws(
    () => assertAvailable([{ productId: 'a', quantity: 3 }], [{ id: 'a', name: 'Kettle', stock: 2, deleted: false }]),
    (err: unknown) => err instanceof AppError && err.status === 409 && err.message === 'Only 2 left of "Kettle"' && err.extra.available === 2,
  );
});
