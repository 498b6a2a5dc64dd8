import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { discountedAmount } from '@emporium/kit';
import fc from 'fast-check';
import { percentInBasisPoints } from '../src/discounts/discount-rules.ts';
import { quoteOf } from '../src/prices/pricing.ts';

/** round-half-up(price * (100 - percent) / 100) in exact integer arithmetic, independent of the kit. */
function expectedDiscounted(price: bigint, bps: bigint): bigint {
  const numerator = price * (10_000n - bps);
  const quotient = numerator / 10_000n;
  return (numerator % 10_000n) * 2n >= 10_000n ? quotient + 1n : quotient;
}

const anyPrice = fc.integer({ min: 0, max: 100_000_000_000 });
const anyBasisPoints = fc.integer({ min: 100, max: 9_000 });

describe('discounted price rounding', () => {
  test('for any price and percent, 0 <= discounted <= price and it equals round-half-up(price*(100-percent)/100)', () => {
    fc.assert(
      fc.property(anyPrice, anyBasisPoints, (price, bps) => {
        const discounted = discountedAmount(price, bps);
        assert.ok(Number.isSafeInteger(discounted));
        assert.ok(discounted >= 0 && discounted <= price);
        assert.equal(BigInt(discounted), expectedDiscounted(BigInt(price), BigInt(bps)));
      }),
      { numRuns: 5_000 },
    );
  });

  test('halves round up: 25% off 2 cents is 2, 50% off 1 cent is 1, 50% off 3 cents is 2', () => {
    assert.equal(discountedAmount(2, 2_500), 2); // 1.5 -> 2
    assert.equal(discountedAmount(1, 5_000), 1); // 0.5 -> 1
    assert.equal(discountedAmount(3, 5_000), 2); // 1.5 -> 2
    assert.equal(discountedAmount(12_999, 1_000), 11_699); // 11699.1 -> 11699
  });

  test('a percent with up to two decimals becomes exact basis points, and a quote applies them', () => {
    fc.assert(
      fc.property(anyBasisPoints, anyPrice, (bps, price) => {
        const percent = bps / 100; // what a client sends as JSON
        assert.equal(percentInBasisPoints(percent), bps);
        const rule = { id: 'd1', productId: 'p1', percentBps: bps, startsAt: null, endsAt: null, createdAt: new Date(), updatedAt: new Date() };
        const quote = quoteOf('p1', { amount: price, currency: 'USD' }, rule);
        assert.deepEqual(quote.discountedPrice, { amount: Number(expectedDiscounted(BigInt(price), BigInt(bps))), currency: 'USD' });
        assert.deepEqual(quote.discount, { id: 'd1', percent, endsAt: null });
      }),
      { numRuns: 2_000 },
    );
  });

  test('a third decimal is refused as a 400 naming /body/percent', () => {
    for (const percent of [12.345, 10.001, 33.333]) {
      assert.throws(() => percentInBasisPoints(percent), (err: { status: number; extra: { errors: { path: string }[] } }) => {
        assert.equal(err.status, 400);
        assert.equal(err.extra.errors[0].path, '/body/percent');
        return true;
      });
    }
  });

  test('without a rule the discounted price is the price and the discount is null', () => {
    assert.deepEqual(quoteOf('p1', { amount: 500, currency: 'USD' }, null), {
      productId: 'p1',
      price: { amount: 500, currency: 'USD' },
      discountedPrice: { amount: 500, currency: 'USD' },
      discount: null,
    });
  });
});
