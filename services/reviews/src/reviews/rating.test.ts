import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { averageRating, summarize } from './rating.ts';

describe('averageRating', () => {
  test('is 0 when there are no ratings', () => {
    assert.equal(averageRating(0, 0), 0);
  });

  test('rounds the second decimal half up', () => {
    assert.equal(averageRating(17, 4), 4.3); // 4.25
    assert.equal(averageRating(9, 4), 2.3); // 2.25
    assert.equal(averageRating(11, 4), 2.8); // 2.75
    assert.equal(averageRating(10, 3), 3.3); // 3.333
    assert.equal(averageRating(11, 3), 3.7); // 3.666
    assert.equal(averageRating(5, 1), 5);
  });

  test('lies within half a tenth of the exact mean and between 1 and 5', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 500 }), (ratings) => {
        const sum = ratings.reduce((a, b) => a + b, 0);
        const average = averageRating(sum, ratings.length);
        const exact = sum / ratings.length;
        assert.ok(average >= 1 && average <= 5);
        assert.ok(exact - 0.05 - 1e-9 <= average && average < exact + 0.05 + 1e-9, `${average} vs ${exact}`);
        assert.equal(Math.round(average * 10), average * 10);
      }),
    );
  });
});

describe('summarize', () => {
  test('fills every star and derives the count and average from the histogram', () => {
    const summary = summarize([{ rating: 5, n: 2 }, { rating: 2, n: 1 }]);
    assert.deepEqual(summary, { average: 4, count: 3, histogram: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 2 } });
  });

  test('of nothing is all zeros', () => {
    assert.deepEqual(summarize([]), { average: 0, count: 0, histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } });
  });
});
