import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { seedReview, type ReviewsUnderTest } from '../helpers.ts';

/** Public list of a product: summary, sorts, pages, bad queries, OpenAPI. */
export function listingTests(service: () => ReviewsUnderTest): void {
  describe('public product reviews: summary, sorts and pages', () => {
    let svc: ReviewsUnderTest;
    before(() => {
      svc = service();
    });

    async function allPages(productId: string, sort: string, limit: number) {
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const qs: URLSearchParams = new URLSearchParams({ sort, limit: String(limit), ...(cursor ? { cursor } : {}) });
        const res: { statusCode: number; body: string; json(): any } = await svc.app.inject({ url: `/api/products/${productId}/reviews?${qs}` });
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json();
        assert.ok(page.items.length <= limit);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      return { seen, pages };
    }

    test('a product nobody reviewed has no reviews and an all-zero summary', async () => {
      const res = await svc.app.inject({ url: '/api/products/never-reviewed/reviews' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        items: [], nextCursor: null, summary: { average: 0, count: 0, histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
      });
    });

    test('the summary counts visible reviews only, with the average rounded half up to one decimal', async () => {
      for (const [author, rating] of [['a', 5], ['b', 5], ['c', 4], ['d', 1]] as const) await seedReview(svc.db, 'p-summary', author, rating);
      await seedReview(svc.db, 'p-summary', 'e', 1, { hidden: true });
      const body = (await svc.app.inject({ url: '/api/products/p-summary/reviews' })).json();
      assert.deepEqual(body.summary, { average: 3.8, count: 4, histogram: { '1': 1, '2': 0, '3': 0, '4': 1, '5': 2 } }); // 15/4 = 3.75
      assert.equal(body.items.length, 4);
      assert.ok(body.items.every((r: any) => r.hidden === false && r.authorId !== 'e'));
    });

    test('newest first is the default order', async () => {
      const times = ['2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'];
      for (const [i, at] of times.entries()) {
        const review = await seedReview(svc.db, 'p-newest', `author-${i}`, 3);
        await svc.db.query('UPDATE reviews SET created_at = $2 WHERE id = $1', [review.id, at]);
      }
      const items = (await svc.app.inject({ url: '/api/products/p-newest/reviews' })).json().items;
      assert.deepEqual(items.map((r: any) => r.createdAt), [times[1], times[2], times[0]]);
    });

    test('paging newest first visits every visible review once, in order', async () => {
      for (let i = 0; i < 7; i++) await seedReview(svc.db, 'p-pages', `pager-${i}`, (i % 5) + 1);
      await seedReview(svc.db, 'p-pages', 'pager-hidden', 2, { hidden: true });
      const { seen, pages } = await allPages('p-pages', 'newest', 3);
      assert.equal(pages, 3);
      assert.equal(new Set(seen.map((r) => r.id)).size, 7);
      const keys = seen.map((r) => `${r.createdAt}|${r.id}`);
      assert.deepEqual(keys, [...keys].sort().reverse());
    });

    test('paging by rating visits every visible review once, best first and newest among equals', async () => {
      const ratings = [3, 5, 1, 5, 4, 3, 2, 5, 1];
      for (const [i, rating] of ratings.entries()) {
        const review = await seedReview(svc.db, 'p-rating', `rater-${i}`, rating);
        await svc.db.query('UPDATE reviews SET created_at = $2 WHERE id = $1', [review.id, new Date(Date.UTC(2026, 0, 1 + i)).toISOString()]);
      }
      const { seen } = await allPages('p-rating', 'rating', 2);
      assert.equal(new Set(seen.map((r) => r.id)).size, ratings.length);
      assert.deepEqual(seen.map((r) => r.rating), [...ratings].sort((a, b) => b - a));
      const fives = seen.filter((r) => r.rating === 5).map((r) => r.createdAt);
      assert.deepEqual(fives, [...fives].sort().reverse());
    });

    test('a bad query is a 400: limit out of range, an unknown sort, a forged cursor or one of the other sort', async () => {
      for (const qs of ['limit=0', 'limit=101', 'sort=best', 'cursor=not-a-cursor', `cursor=${Buffer.from('[1,2]').toString('base64url')}`]) {
        const res = await svc.app.inject({ url: `/api/products/p-pages/reviews?${qs}` });
        assert.equal(res.statusCode, 400, qs);
        assert.match(res.headers['content-type'] as string, /problem\+json/);
      }
      const newest = (await svc.app.inject({ url: '/api/products/p-pages/reviews?limit=1' })).json().nextCursor;
      const res = await svc.app.inject({ url: `/api/products/p-pages/reviews?sort=rating&cursor=${newest}` });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'REQUEST.INVALID_CURSOR');
    });

    test('review text comes back exactly as written', async () => {
      const review = await seedReview(svc.db, 'p-text', 'writer', 4);
      const text = '<script>alert("x")</script> & "quotes" ünïcödé';
      await svc.db.query('UPDATE reviews SET body = $2 WHERE id = $1', [review.id, text]);
      const items = (await svc.app.inject({ url: '/api/products/p-text/reviews' })).json().items;
      assert.equal(items[0].body, text);
    });

    test('the OpenAPI document describes the public routes and hides the internal one', async () => {
      const doc = (await svc.app.inject({ url: '/openapi.json' })).json();
      assert.deepEqual(Object.keys(doc.paths).sort(), [
        '/api/products/{id}/reviews', '/api/reviews', '/api/reviews/{id}', '/api/reviews/{id}/hide', '/api/reviews/{id}/unhide',
      ]);
      assert.deepEqual(doc.paths['/api/products/{id}/reviews'].post.security, [{ bearer: [] }]);
      // A public operation says so (security: []), which OpenAPI linters ask for (issue 14).
      assert.deepEqual(doc.paths['/api/products/{id}/reviews'].get.security, []);
    });
  });
}
