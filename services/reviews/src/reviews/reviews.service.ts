import { randomUUID } from 'node:crypto';
import {
  AppError, decodeCursor, eventOf, pageOf, publishEvent, RatingChanged, subscriptionsOf, type AuthUser, type Db, type Queryable, type Relay,
} from '@emporium/kit';
import type { OrdersClient } from '../purchases/orders.client.ts';
import { wasDelivered } from '../purchases/purchases.repository.ts';
import { newestKey, ratingKey } from './cursors.ts';
import { summarize } from './rating.ts';
import * as repo from './reviews.repository.ts';
import type { ModerationQuery, NewReview, ProductReviewsQuery, Review, ReviewChanges } from './reviews.schemas.ts';

export interface ReviewDeps {
  db: Db;
  orders: OrdersClient;
  relay: Pick<Relay, 'kick'>;
}

export const SUBSCRIPTIONS = subscriptionsOf(RatingChanged);

const notFound = () => new AppError('REVIEW.NOT_FOUND', 404, 'Review not found');

/** Tells products the rating of a product as its visible reviews now stand, in the transaction that changed them. */
async function publishRating(tx: Queryable, productId: string): Promise<void> {
  const { average, count } = summarize(await repo.visibleRatingCounts(tx, productId));
  await publishEvent(tx, SUBSCRIPTIONS, eventOf(RatingChanged, productId, { productId, average, count }));
}

/**
 * Runs a change to one product's reviews with that product locked, publishes the new rating when the change
 * touched visible ratings, and wakes the relay once it committed.
 */
async function changeProductReviews<T>(
  deps: ReviewDeps,
  productId: string,
  work: (tx: Queryable) => Promise<{ result: T; ratingChanged: boolean }>,
): Promise<T> {
  const result = await deps.db.transaction(async (tx) => {
    await repo.lockKey(tx, 'product', productId);
    const outcome = await work(tx);
    if (outcome.ratingChanged) await publishRating(tx, productId);
    return outcome.result;
  });
  deps.relay.kick();
  return result;
}

export async function writeReview(deps: ReviewDeps, author: AuthUser, productId: string, input: NewReview): Promise<Review> {
  const purchase = await deps.orders.purchase(author.userId, productId);
  if (!purchase.ordered) {
    throw new AppError('REVIEW.NOT_PURCHASED', 403, 'Only customers with an order containing this product can review it', { productId });
  }
  return changeProductReviews(deps, productId, async (tx) => {
    // Same lock as an `order.delivered` event of this customer: one of the two sees the other's commit.
    await repo.lockKey(tx, 'customer', author.userId);
    const verifiedPurchase = purchase.delivered || (await wasDelivered(tx, author.userId, productId));
    // A review hidden by an employee and then deleted by its author comes back hidden: deleting is no way around moderation.
    const hidden = await repo.isModerationHeld(tx, author.userId, productId);
    const review = await repo.insertReview(tx, {
      id: randomUUID(), productId, authorId: author.userId, authorName: author.name, ...input, verifiedPurchase, hidden,
    });
    if (!review) {
      const existing = await repo.findAuthorReview(tx, productId, author.userId);
      throw new AppError('REVIEW.ALREADY_EXISTS', 409, 'You have already reviewed this product; edit that review instead', {
        reviewId: existing?.id,
      });
    }
    return { result: review, ratingChanged: !hidden };
  });
}

/** The review when `user` wrote it; otherwise it does not exist as far as they are told. */
async function authorsReview(q: Queryable, user: AuthUser, id: string): Promise<Review> {
  const review = await repo.findReview(q, id);
  if (!review || review.authorId !== user.userId) throw notFound();
  return review;
}

export async function editReview(deps: ReviewDeps, user: AuthUser, id: string, changes: ReviewChanges): Promise<Review> {
  const { productId } = await authorsReview(deps.db, user, id);
  return changeProductReviews(deps, productId, async (tx) => {
    await authorsReview(tx, user, id); // deleted meanwhile? (deleting takes the same product lock)
    const review = (await repo.updateReview(tx, id, changes))!;
    return { result: review, ratingChanged: changes.rating !== undefined && !review.hidden };
  });
}

export async function removeReview(deps: ReviewDeps, user: AuthUser, id: string): Promise<void> {
  const { productId } = await authorsReview(deps.db, user, id);
  await changeProductReviews(deps, productId, async (tx) => {
    const review = await authorsReview(tx, user, id);
    await repo.deleteReview(tx, id);
    return { result: undefined, ratingChanged: !review.hidden };
  });
}

/**
 * An employee hides (or shows again) a review; doing what is already done changes nothing. Hiding
 * also holds the author's reviews of this product hidden (see writeReview); showing lifts the hold.
 */
export async function moderateReview(deps: ReviewDeps, id: string, hidden: boolean): Promise<Review> {
  const found = await repo.findReview(deps.db, id);
  if (!found) throw notFound();
  return changeProductReviews(deps, found.productId, async (tx) => {
    const review = await repo.findReview(tx, id);
    if (!review) throw notFound();
    await repo.setModerationHold(tx, review.authorId, review.productId, hidden);
    if (review.hidden === hidden) return { result: review, ratingChanged: false };
    return { result: (await repo.setHidden(tx, id, hidden))!, ratingChanged: true };
  });
}

export async function listProductReviews(db: Db, productId: string, query: ProductReviewsQuery) {
  const summary = summarize(await repo.visibleRatingCounts(db, productId));
  if (query.sort === 'rating') {
    const after = decodeCursor(query.cursor, [...ratingKey]);
    const rows = await repo.productReviewsByRating(db, productId, after, query.limit);
    return { ...pageOf(rows, query.limit, (r) => r, (r) => [r.rating, r.createdAt, r.id]), summary };
  }
  const after = decodeCursor(query.cursor, [...newestKey]);
  const rows = await repo.productReviewsNewest(db, productId, after, query.limit);
  return { ...pageOf(rows, query.limit, (r) => r, (r) => [r.createdAt, r.id]), summary };
}

export async function listForModeration(db: Db, query: ModerationQuery) {
  const after = decodeCursor(query.cursor, [...newestKey]);
  const rows = await repo.reviewsForModeration(db, { hidden: query.hidden, productId: query.productId }, after, query.limit);
  return pageOf(rows, query.limit, (r) => r, (r) => [r.createdAt, r.id]);
}
