import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { AppError } from '@emporium/kit';
import { brandOf, isExpired, passesLuhn } from '../src/providers/cards.ts';
import { builtInProviders, providerOf } from '../src/providers/index.ts';

describe('cards and providers', () => {
  test('the Luhn check takes the test numbers and refuses any one changed digit', () => {
    for (const n of ['4242424242424242', '4000000000000002', '4000000000009995', '5555555555554444', '378282246310005']) assert.ok(passesLuhn(n), n);
    fc.assert(fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (at, delta) => {
      const digits = [...'4242424242424242'];
      digits[at] = String((Number(digits[at]) + delta) % 10);
      return !passesLuhn(digits.join(''));
    }));
    assert.equal(passesLuhn('42424242'), false, 'too short');
    assert.equal(passesLuhn('4242 4242 4242 4242'), false);
  });

  test('brands come from the first digits', () => {
    assert.deepEqual(['4242424242424242', '5555555555554444', '2223003122003222', '378282246310005', '6011111111111117', '9999999999999995'].map(brandOf),
      ['visa', 'mastercard', 'mastercard', 'amex', 'discover', 'unknown']);
  });

  test('a card is good through the last day of its expiry month', () => {
    const now = new Date('2027-03-31T23:59:00Z');
    assert.equal(isExpired({ expMonth: 3, expYear: 2027 }, now), false);
    assert.equal(isExpired({ expMonth: 2, expYear: 2027 }, now), true);
    assert.equal(isExpired({ expMonth: 12, expYear: 2026 }, now), true);
    assert.equal(isExpired({ expMonth: 1, expYear: 2028 }, now), false);
  });

  test('a shop without the sandbox (TEST_CARD_ENABLED=false) refuses test_card with a 422; manual is always there', () => {
    const real = builtInProviders({ testCard: false });
    assert.throws(() => providerOf(real, 'test_card'), (err: AppError) => err.status === 422 && err.code === 'PAYMENT.PROVIDER_UNAVAILABLE');
    assert.throws(() => providerOf(real, 'stripe'), (err: AppError) => err.status === 422);
    assert.equal(providerOf(real, 'manual').name, 'manual');
    assert.equal(providerOf(builtInProviders({ testCard: true }), 'test_card').name, 'test_card');
  });
});
