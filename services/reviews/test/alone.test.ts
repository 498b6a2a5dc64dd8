// The reviews service on its own, one app and one database for all of these (each start costs seconds):
// orders and products are closed ports, and every test uses its own product ids.
import { after, before, describe } from 'node:test';
import { listingTests } from './alone/listing.ts';
import { moderationTests } from './alone/moderation.ts';
import { ordersDownTests } from './alone/orders-down.ts';
import { NOBODY, startReviews, type ReviewsUnderTest } from './helpers.ts';

describe('reviews alone', () => {
  let svc: ReviewsUnderTest;
  before(async () => {
    svc = await startReviews({ ordersUrl: NOBODY, productsUrl: NOBODY });
  });
  after(() => svc.close());

  listingTests(() => svc);
  moderationTests(() => svc);
  ordersDownTests(() => svc);
});
