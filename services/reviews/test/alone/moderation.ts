import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { deliveredEvent, ratingEvents, seedReview, type ReviewsUnderTest } from '../helpers.ts';

/** Moderation, author-only edits and deletes, order.delivered events. */
export function moderationTests(service: () => ReviewsUnderTest): void {
  describe('moderation, author-only edits and order events (reviews alone)', () => {
    let svc: ReviewsUnderTest;
    before(() => {
      svc = service();
    });

    test('hiding and unhiding need an employee: 401 without a token, 403 for a customer, 404 for an unknown review', async () => {
      const review = await seedReview(svc.db, 'p-auth', 'someone', 4);
      for (const action of ['hide', 'unhide']) {
        assert.equal((await svc.app.inject({ method: 'POST', url: `/api/reviews/${review.id}/${action}` })).statusCode, 401);
        const customer = await svc.bearer('customer', 'someone');
        assert.equal((await svc.app.inject({ method: 'POST', url: `/api/reviews/${review.id}/${action}`, headers: customer })).statusCode, 403);
        const employee = await svc.bearer('employee');
        assert.equal((await svc.app.inject({ method: 'POST', url: `/api/reviews/nope/${action}`, headers: employee })).statusCode, 404);
      }
      assert.equal((await svc.app.inject({ url: '/api/reviews' })).statusCode, 401);
      assert.equal((await svc.app.inject({ url: '/api/reviews', headers: await svc.bearer('customer') })).statusCode, 403);
    });

    test('a hidden review leaves the public list and the rating, and comes back when shown again', async () => {
      const kept = await seedReview(svc.db, 'p-hide', 'kind', 5);
      const harsh = await seedReview(svc.db, 'p-hide', 'harsh', 1);
      const employee = await svc.bearer('employee');
      const hidden = await svc.app.inject({ method: 'POST', url: `/api/reviews/${harsh.id}/hide`, headers: employee });
      assert.equal(hidden.statusCode, 200);
      assert.equal(hidden.json().hidden, true);
      const list = (await svc.app.inject({ url: '/api/products/p-hide/reviews' })).json();
      assert.deepEqual(list.items.map((r: any) => r.id), [kept.id]);
      assert.equal(list.summary.count, 1);
      assert.deepEqual(await ratingEvents(svc.db, 'p-hide'), [{ productId: 'p-hide', average: 5, count: 1 }]);

      const again = await svc.app.inject({ method: 'POST', url: `/api/reviews/${harsh.id}/hide`, headers: employee });
      assert.equal(again.statusCode, 200);
      assert.equal((await ratingEvents(svc.db, 'p-hide')).length, 1, 'hiding a hidden review publishes nothing');

      const shown = await svc.app.inject({ method: 'POST', url: `/api/reviews/${harsh.id}/unhide`, headers: await svc.bearer('admin') });
      assert.equal(shown.statusCode, 200);
      assert.equal(shown.json().hidden, false);
      assert.equal((await svc.app.inject({ url: '/api/products/p-hide/reviews' })).json().summary.count, 2);
      assert.deepEqual((await ratingEvents(svc.db, 'p-hide')).at(-1), { productId: 'p-hide', average: 3, count: 2 });
    });

    test('the moderation list filters by hidden and product and pages newest first', async () => {
      for (let i = 0; i < 5; i++) await seedReview(svc.db, 'p-queue', `q-${i}`, 3, { hidden: i % 2 === 0 });
      await seedReview(svc.db, 'p-other', 'q-x', 2, { hidden: true });
      const employee = await svc.bearer('employee');
      const get = async (qs: string) => (await svc.app.inject({ url: `/api/reviews?${qs}`, headers: employee })).json();
      assert.equal((await get('productId=p-queue')).items.length, 5);
      assert.deepEqual((await get('productId=p-queue&hidden=true')).items.map((r: any) => r.authorId).sort(), ['q-0', 'q-2', 'q-4']);
      assert.deepEqual((await get('productId=p-queue&hidden=false')).items.map((r: any) => r.authorId).sort(), ['q-1', 'q-3']);
      assert.ok((await get('hidden=true')).items.some((r: any) => r.productId === 'p-other'));
      const first = await get('productId=p-queue&limit=2');
      const second = await get(`productId=p-queue&limit=2&cursor=${first.nextCursor}`);
      const third = await get(`productId=p-queue&limit=2&cursor=${second.nextCursor}`);
      assert.equal(third.nextCursor, null);
      assert.equal(new Set([...first.items, ...second.items, ...third.items].map((r: any) => r.id)).size, 5);
      const bad = await svc.app.inject({ url: '/api/reviews?hidden=maybe', headers: employee });
      assert.equal(bad.statusCode, 400);
    });

    test('only the author edits a review: others, employees included, are told it does not exist', async () => {
      const review = await seedReview(svc.db, 'p-edit', 'author-x', 2);
      const url = `/api/reviews/${review.id}`;
      const payload = { rating: 4 };
      assert.equal((await svc.app.inject({ method: 'PATCH', url, payload })).statusCode, 401);
      for (const headers of [await svc.bearer('customer', 'intruder'), await svc.bearer('employee'), await svc.bearer('admin')]) {
        const res = await svc.app.inject({ method: 'PATCH', url, payload, headers });
        assert.equal(res.statusCode, 404);
        assert.equal(res.json().code, 'REVIEW.NOT_FOUND');
        assert.equal((await svc.app.inject({ method: 'DELETE', url, headers })).statusCode, 404);
      }
      const author = await svc.bearer('customer', 'author-x');
      const res = await svc.app.inject({ method: 'PATCH', url, payload: { rating: 4, title: 'Better after a week' }, headers: author });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().rating, 4);
      assert.equal(res.json().title, 'Better after a week');
      assert.equal(res.json().body, 'Seeded');
      assert.ok(res.json().updatedAt >= review.updatedAt);
      assert.deepEqual(await ratingEvents(svc.db, 'p-edit'), [{ productId: 'p-edit', average: 4, count: 1 }]);
      await svc.app.inject({ method: 'PATCH', url, payload: { body: 'Only words changed' }, headers: author });
      assert.equal((await ratingEvents(svc.db, 'p-edit')).length, 1, 'a text edit does not move the rating');
    });

    test('an edit with a bad shape is a 400 and changes nothing', async () => {
      const review = await seedReview(svc.db, 'p-bad-edit', 'careful', 3);
      const headers = await svc.bearer('customer', 'careful');
      const bodies = [{}, { rating: 0 }, { rating: 6 }, { rating: 4.5 }, { title: '' }, { title: 'x'.repeat(121) }, { body: 'y'.repeat(4001) }, { rating: 4, helpful: true }];
      for (const payload of bodies) {
        const res = await svc.app.inject({ method: 'PATCH', url: `/api/reviews/${review.id}`, payload, headers });
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
      }
      const [row] = await svc.db.query('SELECT rating, title FROM reviews WHERE id = $1', [review.id]);
      assert.deepEqual({ rating: row.rating, title: row.title }, { rating: 3, title: '3 stars' });
    });

    test('the author deletes their review: 204, then it is gone and the rating follows', async () => {
      const review = await seedReview(svc.db, 'p-delete', 'leaver', 1);
      await seedReview(svc.db, 'p-delete', 'stayer', 5);
      const headers = await svc.bearer('customer', 'leaver');
      assert.equal((await svc.app.inject({ method: 'DELETE', url: `/api/reviews/${review.id}` })).statusCode, 401);
      assert.equal((await svc.app.inject({ method: 'DELETE', url: `/api/reviews/${review.id}`, headers })).statusCode, 204);
      assert.equal((await svc.app.inject({ method: 'DELETE', url: `/api/reviews/${review.id}`, headers })).statusCode, 404);
      assert.equal((await svc.app.inject({ url: '/api/products/p-delete/reviews' })).json().summary.count, 1);
      assert.deepEqual(await ratingEvents(svc.db, 'p-delete'), [{ productId: 'p-delete', average: 5, count: 1 }]);
    });

    test('order.delivered verifies the customer\'s reviews of those products, once, however often it arrives', async () => {
      const mine = await seedReview(svc.db, 'p-deliv', 'buyer', 4);
      const other = await seedReview(svc.db, 'p-deliv-2', 'buyer', 4);
      const someoneElse = await seedReview(svc.db, 'p-deliv', 'bystander', 4);
      const event = deliveredEvent('buyer', ['p-deliv', 'p-unreviewed']);
      const first = await svc.internal({ method: 'POST', url: '/internal/events', payload: { events: [event] } });
      assert.deepEqual(first.json(), { received: 1, applied: 1 });
      const replay = await svc.internal({ method: 'POST', url: '/internal/events', payload: { events: [event, event] } });
      assert.deepEqual(replay.json(), { received: 2, applied: 0 });
      const verified = async (id: string) => (await svc.db.query('SELECT verified_purchase FROM reviews WHERE id = $1', [id]))[0].verified_purchase;
      assert.equal(await verified(mine.id), true);
      assert.equal(await verified(other.id), false);
      assert.equal(await verified(someoneElse.id), false);
      const pairs = await svc.db.query("SELECT product_id FROM delivered_purchases WHERE customer_id = 'buyer' ORDER BY product_id");
      assert.deepEqual(pairs.map((p) => p.product_id), ['p-deliv', 'p-unreviewed']);
      assert.equal((await ratingEvents(svc.db, 'p-deliv')).length, 0, 'verification does not move the rating');
    });

    test('events of other types are accepted and ignored', async () => {
      const event = { ...deliveredEvent('buyer', ['p-x']), type: 'order.placed' };
      const res = await svc.internal({ method: 'POST', url: '/internal/events', payload: { events: [event] } });
      assert.deepEqual(res.json(), { received: 1, applied: 0 });
    });
  });
}
