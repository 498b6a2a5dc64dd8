import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addBusinessDays } from '../src/orders/delivery-date.ts';
import { canonicalJson, requestFingerprint } from '@emporium/kit';

describe('request fingerprint', () => {
  test('the order of keys does not change the fingerprint, any value does', () => {
    const a = { items: [{ productId: 'p', quantity: 2 }], shippingAddress: { name: 'Ann', city: 'Oslo' } };
    const b = { shippingAddress: { city: 'Oslo', name: 'Ann' }, items: [{ quantity: 2, productId: 'p' }] };
    assert.equal(requestFingerprint(a), requestFingerprint(b));
    assert.notEqual(requestFingerprint(a), requestFingerprint({ ...a, items: [{ productId: 'p', quantity: 3 }] }));
    assert.match(requestFingerprint(a), /^[0-9a-f]{64}$/);
  });

  test('canonical JSON parses back to the same value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)))));
  });
});

describe('addBusinessDays', () => {
  test('skips weekends', () => {
    const friday = new Date('2026-11-27T10:00:00Z');
    assert.equal(addBusinessDays(friday, 1).toISOString(), '2026-11-30T10:00:00.000Z');
    assert.equal(addBusinessDays(friday, 5).toISOString(), '2026-12-04T10:00:00.000Z');
    const saturday = new Date('2026-11-28T10:00:00Z');
    assert.equal(addBusinessDays(saturday, 1).toISOString(), '2026-11-30T10:00:00.000Z');
    assert.equal(addBusinessDays(saturday, 0).toISOString(), saturday.toISOString());
  });

  test('n business days never land on a weekend and span at most n + 2 * ceil(n / 5) + 2 calendar days', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 60 }), (from, n) => {
        const to = addBusinessDays(from, n);
        assert.ok(to.getUTCDay() !== 0 && to.getUTCDay() !== 6);
        const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
        assert.ok(days >= n && days <= n + 2 * Math.ceil(n / 5) + 2);
      }),
    );
  });
});
