// Issue 14, finding 6, at the reviews service: a bad id stops here, and types are not converted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NOBODY, startReviews, type ReviewsUnderTest } from './helpers.ts';

describe('reviews refuses bad input with a 400 problem', () => {
  let t: ReviewsUnderTest;
  before(async () => (t = await startReviews({ ordersUrl: NOBODY, productsUrl: NOBODY })));
  after(() => t.close());

  test('finding 6: POST /api/products/a%2Cb/reviews is a 400 at reviews, not a 503 from orders', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/products/a%2Cb/reviews', headers: await t.bearer('customer'), payload: { rating: 5, title: 'Good', body: 'Fine' } });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal(res.json().errors[0].path, '/params/id');
  });

  test('finding 6: {"rating": true} is refused, not stored as 1', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/products/p1/reviews', headers: await t.bearer('customer'), payload: { rating: true, title: 'Good', body: 'Fine' } });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().errors[0].path, '/body/rating');
  });

  test('finding 6: a NUL in a review id or a listing is a 400, not a 500', async () => {
    assert.equal((await t.app.inject({ method: 'PATCH', url: '/api/reviews/%00', headers: await t.bearer('customer'), payload: { rating: 4 } })).statusCode, 400);
    assert.equal((await t.app.inject({ url: '/api/products/%00/reviews' })).statusCode, 400);
    assert.equal((await t.app.inject({ url: '/api/products/p1/reviews?limit=1e400' })).statusCode, 400);
  });
});
