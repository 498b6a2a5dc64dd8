import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, createProduct, deliver, eventually, placeOrder, sentEvents, startPlatform, type Platform } from './platform.ts';

describe('the reviews story through the gateway, across real products, discounts, orders and reviews services', () => {
  let platform: Platform;
  let productId: string;
  let api: string;

  before(async () => {
    platform = await startPlatform();
    api = `${platform.gateway.url}/api`;
    productId = await createProduct(platform, 'Story Kettle');
  });
  after(() => platform.close());

  const review = { rating: 5, title: 'Boils fast', body: 'Quiet too. <b>Recommended</b>.' };
  const reviewsOf = async (id: string, qs = '') => (await call(`${api}/products/${id}/reviews${qs}`)).body;
  const ratingOf = async (id: string) => (await call(`${api}/products/${id}`)).body.rating;
  const post = async (headers: Record<string, string>, body: unknown = review) =>
    call(`${api}/products/${productId}/reviews`, { method: 'POST', headers, body });

  test('a customer without an order of the product, or whose only order was cancelled, may not review it (403)', async () => {
    const stranger = await platform.bearer('customer');
    const res = await post(stranger);
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'REVIEW.NOT_PURCHASED');

    const canceller = await platform.bearer('customer');
    const orderId = await placeOrder(platform, canceller, productId);
    assert.equal((await call(`${api}/orders/${orderId}/cancel`, { method: 'POST', headers: canceller, body: {} })).status, 200);
    assert.equal((await post(canceller)).status, 403);
    const employee = await platform.bearer('employee');
    assert.equal((await post(employee)).status, 403, 'an employee who never ordered it may not review it either');
    assert.equal((await reviewsOf(productId)).summary.count, 0);
  });

  test('order, review (not verified), deliver (verified), the rating follows in products, hiding drops it', async () => {
    const ann = await platform.bearer('customer', 'ann', 'Ann Lee');
    await placeOrder(platform, ann, productId);
    const created = await post(ann);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(
      { ...created.body, id: undefined, createdAt: undefined, updatedAt: undefined },
      { id: undefined, productId, authorId: 'ann', authorName: 'Ann Lee', ...review, verifiedPurchase: false, hidden: false, createdAt: undefined, updatedAt: undefined },
    );
    const again = await post(ann, { rating: 1, title: 'Second thoughts', body: 'Again' });
    assert.equal(again.status, 409);
    assert.equal(again.body.reviewId, created.body.id);
    assert.deepEqual(await eventually(() => ratingOf(productId), (r) => r.count === 1), { average: 5, count: 1 });

    const bob = await platform.bearer('customer', 'bob', 'Bob');
    const bobsOrder = await placeOrder(platform, bob, productId);
    await deliver(platform, bobsOrder);
    const bobs = await post(bob, { rating: 2, title: 'Leaks', body: 'Drips on the counter.' });
    assert.equal(bobs.status, 201);
    assert.equal(bobs.body.verifiedPurchase, true, 'written after delivery: verified at once');
    assert.deepEqual(await eventually(() => ratingOf(productId), (r) => r.count === 2), { average: 3.5, count: 2 });

    const annsOrder = (await call(`${api}/orders`, { headers: ann })).body.items[0].id;
    await deliver(platform, annsOrder);
    const verified = await eventually(() => reviewsOf(productId), (page) => page.items.find((r: any) => r.authorId === 'ann').verifiedPurchase);
    assert.deepEqual(verified.summary, { average: 3.5, count: 2, histogram: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });

    const employee = await platform.bearer('employee');
    const hidden = await call(`${api}/reviews/${created.body.id}/hide`, { method: 'POST', headers: employee });
    assert.equal(hidden.status, 200);
    assert.equal(hidden.body.verifiedPurchase, true, 'verification stays');
    assert.deepEqual(await eventually(() => ratingOf(productId), (r) => r.count === 1), { average: 2, count: 1 });
    assert.deepEqual((await reviewsOf(productId)).items.map((r: any) => r.authorId), ['bob']);
  });

  test('reviews written at the same moment all count in the rating, and a double submit makes one review', async () => {
    const busy = await createProduct(platform, 'Busy Kettle');
    const ratings = [5, 4, 4, 1];
    const customers = await Promise.all(ratings.map((_, i) => platform.bearer('customer', `busy-${i}`)));
    for (const customer of customers) await placeOrder(platform, customer, busy);
    const results = await Promise.all(customers.map((headers, i) =>
      call(`${api}/products/${busy}/reviews`, { method: 'POST', headers, body: { rating: ratings[i], title: 'Busy', body: 'At once' } })));
    assert.deepEqual(results.map((r) => r.status), [201, 201, 201, 201]);
    assert.deepEqual(await eventually(() => ratingOf(busy), (r) => r.count === 4), { average: 3.5, count: 4 });

    const eager = await platform.bearer('customer', 'eager');
    await placeOrder(platform, eager, busy);
    const twice = await Promise.all([1, 2].map(() =>
      call(`${api}/products/${busy}/reviews`, { method: 'POST', headers: eager, body: { rating: 3, title: 'Double click', body: 'Oops' } })));
    assert.deepEqual(twice.map((r) => r.status).sort(), [201, 409]);
    assert.equal((await reviewsOf(busy)).summary.count, 5);
    assert.deepEqual(await eventually(() => ratingOf(busy), (r) => r.count === 5), { average: 3.4, count: 5 });
  });

  test('finding 5: a hidden review that its author deletes and posts again comes back hidden, until an employee shows it', async () => {
    const held = await createProduct(platform, 'Moderated Kettle');
    const troll = await platform.bearer('customer', 'troll');
    await placeOrder(platform, troll, held);
    const write = () => call(`${api}/products/${held}/reviews`, { method: 'POST', headers: troll, body: { rating: 1, title: 'Spam', body: 'Buy elsewhere' } });
    const first = await write();
    assert.equal(first.status, 201);
    const employee = await platform.bearer('employee');
    assert.equal((await call(`${api}/reviews/${first.body.id}/hide`, { method: 'POST', headers: employee })).status, 200);
    assert.equal((await call(`${api}/reviews/${first.body.id}`, { method: 'DELETE', headers: troll })).status, 204);

    const again = await write();
    assert.equal(again.status, 201);
    assert.equal(again.body.hidden, true);
    assert.equal((await reviewsOf(held)).summary.count, 0);
    assert.deepEqual(await eventually(() => ratingOf(held), (r) => r.count === 0), { average: 0, count: 0 });

    assert.equal((await call(`${api}/reviews/${again.body.id}/unhide`, { method: 'POST', headers: employee })).status, 200);
    assert.equal((await call(`${api}/reviews/${again.body.id}`, { method: 'DELETE', headers: troll })).status, 204);
    const third = await write();
    assert.equal(third.body.hidden, false, 'showing it lifted the hold');
    assert.deepEqual(await eventually(() => ratingOf(held), (r) => r.count === 1), { average: 1, count: 1 });
  });

  test('replaying every event twice changes nothing in reviews or products', async () => {
    const before = { reviews: await reviewsOf(productId), rating: await ratingOf(productId) };
    const orderEvents = await sentEvents(platform.orders.db, 'reviews', 'orders');
    const ratingEvents = await sentEvents(platform.reviews.db, 'products', 'reviews');
    assert.ok(orderEvents.some((e) => e.type === 'order.delivered'));
    assert.ok(ratingEvents.length >= 3);
    for (let i = 0; i < 2; i++) {
      const toReviews = await call(`${platform.reviews.url}/internal/events`, { method: 'POST', headers: await platform.service.headers(), body: { events: orderEvents } });
      assert.deepEqual(toReviews.body, { received: orderEvents.length, applied: 0 });
      const toProducts = await call(`${platform.products.url}/internal/events`, { method: 'POST', headers: await platform.service.headers(), body: { events: ratingEvents } });
      assert.deepEqual(toProducts.body, { received: ratingEvents.length, applied: 0 });
    }
    assert.deepEqual({ reviews: await reviewsOf(productId), rating: await ratingOf(productId) }, before);
  });
});
