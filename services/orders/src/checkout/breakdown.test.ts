import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { priceBasket, roundHalfUp, type BasketTerms } from './breakdown.ts';

/**
 * The contract's arithmetic written again, plainly and separately from priceBasket: numbers instead of
 * BigInt (the amounts generated keep every product below 2^53, so they are exact) and the steps in the
 * words of the contract.
 */
function byTheContract(lineTotals: number[], t: BasketTerms) {
  const round = (x: number, d: number) => Math.floor((2 * x + d) / (2 * d));
  const subtotal = lineTotals.reduce((a, b) => a + b, 0);
  let promotion = 0;
  if (t.promotion?.type === 'percent') promotion = round(subtotal * t.promotion.percentBps!, 10000);
  if (t.promotion?.type === 'fixed') promotion = Math.min(t.promotion.amount!, subtotal);
  let shipping = t.method ? t.method.price : 0;
  if (t.method && t.method.freeOver !== null && subtotal - promotion >= t.method.freeOver) shipping = 0;
  if (t.promotion?.type === 'free_shipping') shipping = 0;
  const taxable = subtotal - promotion + (t.rate?.taxShipping ? shipping : 0);
  const milli = t.rate?.percentMilli ?? 0;
  const tax = t.pricesIncludeTax ? taxable - round(taxable * 100000, 100000 + milli) : round(taxable * milli, 100000);
  return { subtotal, promotion, shipping, tax, total: subtotal - promotion + shipping + (t.pricesIncludeTax ? 0 : tax) };
}

const amount = (max: number) => fc.integer({ min: 0, max });
const promotion = fc.oneof(
  fc.constant(null),
  fc.record({ id: fc.constant('p'), code: fc.constant('CODE'), type: fc.constant('percent' as const), percentBps: fc.integer({ min: 100, max: 9000 }), amount: fc.constant(null) }),
  fc.record({ id: fc.constant('p'), code: fc.constant('CODE'), type: fc.constant('fixed' as const), percentBps: fc.constant(null), amount: fc.integer({ min: 1, max: 2_000_000 }) }),
  fc.record({ id: fc.constant('p'), code: fc.constant('CODE'), type: fc.constant('free_shipping' as const), percentBps: fc.constant(null), amount: fc.constant(null) }),
);
const method = fc.option(fc.record({
  id: fc.constant('m'), name: fc.constant('Standard'), carrier: fc.constant('USPS'), price: amount(10_000),
  freeOver: fc.option(amount(100_000)), minDays: fc.constant(1), maxDays: fc.constant(5),
}));
const rate = fc.option(fc.record({ percentMilli: fc.integer({ min: 0, max: 50_000 }), taxShipping: fc.boolean() }));
const terms: fc.Arbitrary<BasketTerms> = fc.record({ promotion, method, rate, pricesIncludeTax: fc.boolean() });
const lineTotals = fc.array(amount(99 * 100_000), { minLength: 1, maxLength: 50 });

describe('priceBasket', () => {
  test('gives the cents of a separate plain reading of the contract; totals are never negative and add up', () => {
    fc.assert(
      fc.property(lineTotals, terms, (lines, t) => {
        const b = priceBasket(lines, t);
        const expected = byTheContract(lines, t);
        assert.deepEqual(
          [b.subtotal, b.promotion?.amount ?? 0, b.shippingTotal, b.taxTotal, b.total],
          [expected.subtotal, expected.promotion, expected.shipping, expected.tax, expected.total],
        );
        for (const part of [b.subtotal, b.shippingTotal, b.taxTotal, b.total, b.promotion?.amount ?? 0]) assert.ok(Number.isSafeInteger(part) && part >= 0);
        const promo = b.promotion?.amount ?? 0;
        assert.equal(b.total, b.subtotal - promo + b.shippingTotal + (b.taxIncluded ? 0 : b.taxTotal));
        assert.ok(promo <= b.subtotal, 'a code never takes off more than the goods cost');
        if (b.taxIncluded) assert.ok(b.taxTotal <= b.total, 'the tax inside the prices is part of the total');
      }),
      { numRuns: 2000 },
    );
  });

  test('worked examples: a half cent rounds up, and included tax is the part of the price that is tax', () => {
    const standard = { id: 'm', name: 'Standard', carrier: 'USPS', price: 499, freeOver: 5000, minDays: 3, maxDays: 5 };
    const us = { percentMilli: 8250, taxShipping: false };
    const welcome = { id: 'p', code: 'WELCOME10', type: 'percent' as const, percentBps: 1000, amount: null };
    // 45.45 - 4.55 (4.545 rounds up) = 40.90 < 50: shipping 4.99; tax 8.25% of 40.90 = 3.37425 -> 3.37.
    assert.deepEqual(priceBasket([4545], { promotion: welcome, method: standard, rate: us, pricesIncludeTax: false }), {
      subtotal: 4545, promotion: { code: 'WELCOME10', type: 'percent', amount: 455 }, shippingTotal: 499, taxTotal: 337, taxIncluded: false, total: 4926,
    });
    // 60.00 is over the free threshold; with tax inside 20%: 60.00 - round(6000 * 100 / 120) = 10.00.
    assert.deepEqual(priceBasket([6000], { promotion: null, method: standard, rate: { percentMilli: 20000, taxShipping: true }, pricesIncludeTax: true }), {
      subtotal: 6000, promotion: null, shippingTotal: 0, taxTotal: 1000, taxIncluded: true, total: 6000,
    });
    // A fixed code larger than the basket takes the basket, never more.
    const big = { id: 'p', code: 'BIG', type: 'fixed' as const, percentBps: null, amount: 10_000 };
    assert.equal(priceBasket([2500], { promotion: big, method: null, rate: null, pricesIncludeTax: false }).total, 0);
  });

  test('roundHalfUp rounds exact halves up and everything else to the nearest', () => {
    assert.deepEqual([roundHalfUp(5n, 10n), roundHalfUp(4n, 10n), roundHalfUp(15n, 10n), roundHalfUp(0n, 7n)], [1, 0, 2, 0]);
  });
});
