import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError, discountedAmount } from '@emporium/kit';
import fc from 'fast-check';
import { orderableProducts, priceLines, type CatalogProduct, type PriceQuote } from '../src/orders/pricing.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const product = (id: string, amount: number, extra: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id, name: `Product ${id}`, image: `/images/${id}.svg`, price: usd(amount), deleted: false, ...extra,
});
const quote = (id: string, amount: number, bps: number): PriceQuote => ({
  productId: id,
  price: usd(amount),
  discountedPrice: usd(discountedAmount(amount, bps)),
  discount: bps ? { id: `d-${id}`, percent: bps / 100, endsAt: null } : null,
});

describe('orderableProducts', () => {
  test('an unknown product is a 422 naming it', () => {
    const err = catchError(() => orderableProducts([{ productId: 'a', quantity: 1 }, { productId: 'zz', quantity: 1 }], [product('a', 100)]));
    assert.equal(err.status, 422);
    assert.equal(err.extra.productId, 'zz');
    assert.match(err.message, /zz/);
  });

  test('a deleted product is a 422 naming it', () => {
    const err = catchError(() => orderableProducts([{ productId: 'a', quantity: 1 }], [product('a', 100, { deleted: true })]));
    assert.equal(err.status, 422);
    assert.equal(err.extra.productId, 'a');
  });
});

describe('priceLines', () => {
  test('snapshots name, image and prices; the line total is the discounted unit price times the quantity', () => {
    const items = [{ productId: 'a', quantity: 3 }, { productId: 'b', quantity: 1 }];
    const products = orderableProducts(items, [product('a', 1999), product('b', 500)]);
    const priced = priceLines(items, products, [quote('a', 1999, 1250), quote('b', 500, 0)], 'USD');
    assert.deepEqual(priced[0], {
      productId: 'a', name: 'Product a', image: '/images/a.svg', quantity: 3,
      unitPrice: 1999, discountBps: 1250, unitDiscountedPrice: 1749, lineTotal: 5247,
    });
    assert.equal(priced[1].discountBps, 0);
  });

  test('each line total is its discounted unit price times its quantity, and no line costs more than its full price', () => {
    const line = fc.record({ amount: fc.integer({ min: 0, max: 10_000_000 }), bps: fc.integer({ min: 0, max: 9000 }), quantity: fc.integer({ min: 1, max: 99 }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 50 }), (lines) => {
        const items = lines.map((l, i) => ({ productId: `p${i}`, quantity: l.quantity }));
        const products = orderableProducts(items, lines.map((l, i) => product(`p${i}`, l.amount)));
        const priced = priceLines(items, products, lines.map((l, i) => quote(`p${i}`, l.amount, l.bps)), 'USD');
        for (const [i, l] of priced.entries()) {
          assert.ok(Number.isSafeInteger(l.lineTotal));
          assert.equal(l.lineTotal, l.unitDiscountedPrice * lines[i].quantity);
          assert.ok(l.unitDiscountedPrice <= l.unitPrice);
        }
      }),
    );
  });

  test('a quote that is missing a line, in another currency or for another base price is a 503, never a charge', () => {
    const items = [{ productId: 'a', quantity: 1 }];
    const products = orderableProducts(items, [product('a', 1000)]);
    const bad: PriceQuote[][] = [
      [],
      [{ ...quote('a', 1000, 0), discountedPrice: { amount: 900, currency: 'EUR' } }],
      [quote('a', 1200, 1000)],
      [{ ...quote('a', 1000, 0), discountedPrice: usd(1100) }],
    ];
    for (const quotes of bad) assert.equal(catchError(() => priceLines(items, products, quotes, 'USD')).status, 503);
  });
});

function catchError(work: () => unknown): AppError {
  try {
    work();
  } catch (err) {
    assert.ok(err instanceof AppError);
    return err;
  }
  assert.fail('expected an AppError');
}
