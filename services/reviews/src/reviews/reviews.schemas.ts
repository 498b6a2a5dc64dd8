import { Id, IdParams, ListQuery, Page } from '@emporium/kit';
import { Type, type Static } from 'typebox';

export const Review = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  authorId: Type.String(),
  authorName: Type.String(),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  title: Type.String(),
  body: Type.String(),
  verifiedPurchase: Type.Boolean(),
  hidden: Type.Boolean({ description: 'Hidden by an employee: left out of the public list and the summary' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Review = Static<typeof Review>;

const Rating = Type.Integer({ minimum: 1, maximum: 5 });
const Title = Type.String({ minLength: 1, maxLength: 120 });
const Body = Type.String({ minLength: 1, maxLength: 4000 });

export const NewReview = Type.Object({ rating: Rating, title: Title, body: Body });
export type NewReview = Static<typeof NewReview>;

export const ReviewChanges = Type.Object(
  { rating: Type.Optional(Rating), title: Type.Optional(Title), body: Type.Optional(Body) },
  { minProperties: 1 },
);
export type ReviewChanges = Static<typeof ReviewChanges>;

// Checked here: a product id is passed on to orders (purchases), where a comma would be a 400 it did not expect.
export const ProductParams = IdParams;
export const ReviewParams = IdParams;

export const ReviewSort = Type.Union([Type.Literal('newest'), Type.Literal('rating')], { default: 'newest' });
export type ReviewSort = Static<typeof ReviewSort>;

export const ProductReviewsQuery = Type.Object({ ...ListQuery, sort: ReviewSort });
export type ProductReviewsQuery = Static<typeof ProductReviewsQuery>;

export const ModerationQuery = Type.Object({
  ...ListQuery,
  hidden: Type.Optional(Type.Boolean()),
  productId: Type.Optional(Id()),
});
export type ModerationQuery = Static<typeof ModerationQuery>;

const Count = Type.Integer({ minimum: 0 });
export const Summary = Type.Object({
  average: Type.Number({ description: 'One decimal, half rounded up; 0 when count is 0' }),
  count: Count,
  histogram: Type.Object({ '1': Count, '2': Count, '3': Count, '4': Count, '5': Count }),
});

export const ProductReviewsPage = Type.Object({ ...Page(Review).properties, summary: Summary });
export const ReviewPage = Page(Review);
