import { currentUser, requireRole, requireUser, type App } from '@emporium/kit';
import { Type } from 'typebox';
import {
  ModerationQuery, NewReview, ProductParams, ProductReviewsPage, ProductReviewsQuery, Review, ReviewChanges, ReviewPage, ReviewParams,
} from './reviews.schemas.ts';
import * as reviews from './reviews.service.ts';

const tags = ['reviews'];
const security = [{ bearer: [] }];

export function registerReviewRoutes(app: App, deps: reviews.ReviewDeps): void {
  app.get('/api/products/:id/reviews', {
    schema: { tags, summary: "A product's visible reviews and their summary", params: ProductParams, querystring: ProductReviewsQuery, response: { 200: ProductReviewsPage } },
  }, async (request) => reviews.listProductReviews(deps.db, request.params.id, request.query));

  app.post('/api/products/:id/reviews', {
    onRequest: requireUser,
    schema: { tags, security, summary: 'Review a product you ordered', params: ProductParams, body: NewReview, response: { 201: Review } },
  }, async (request, reply) => {
    const review = await reviews.writeReview(deps, currentUser(request), request.params.id, request.body);
    return reply.status(201).send(review);
  });

  app.patch('/api/reviews/:id', {
    onRequest: requireUser,
    schema: { tags, security, summary: 'Edit your review', params: ReviewParams, body: ReviewChanges, response: { 200: Review } },
  }, async (request) => reviews.editReview(deps, currentUser(request), request.params.id, request.body));

  app.delete('/api/reviews/:id', {
    onRequest: requireUser,
    schema: { tags, security, summary: 'Delete your review', params: ReviewParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await reviews.removeReview(deps, currentUser(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/reviews', {
    onRequest: requireRole('employee'),
    schema: { tags, security, summary: 'Moderation queue: all reviews, newest first', querystring: ModerationQuery, response: { 200: ReviewPage } },
  }, async (request) => reviews.listForModeration(deps.db, request.query));

  app.post('/api/reviews/:id/hide', {
    onRequest: requireRole('employee'),
    schema: { tags, security, summary: 'Hide a review from the public list and the rating', params: ReviewParams, response: { 200: Review } },
  }, async (request) => reviews.moderateReview(deps, request.params.id, true));

  app.post('/api/reviews/:id/unhide', {
    onRequest: requireRole('employee'),
    schema: { tags, security, summary: 'Show a hidden review again', params: ReviewParams, response: { 200: Review } },
  }, async (request) => reviews.moderateReview(deps, request.params.id, false));
}
