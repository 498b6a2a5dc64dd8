// A product's reviews: the summary with its histogram, the list, and the signed-in customer's own review.
import { useEffect, useState } from 'react';
import { reviews as reviewsApi } from '../../api/endpoints.ts';
import type { Review } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { SelectField } from '../../components/Field.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { RatingSummary } from '../../components/RatingSummary.tsx';
import { Stars } from '../../components/Stars.tsx';
import { formatDate } from '../../format.ts';
import { useAction, useLoad } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { ReviewForm } from './ReviewForm.tsx';

export function ReviewsSection({ productId, onChanged }: { productId: string; onChanged: () => void }) {
  const { user } = useAuth();
  const [sort, setSort] = useState('newest');
  const first = useLoad(() => reviewsApi.forProduct(productId, { sort, limit: 20 }), [productId, sort]);
  const [items, setItems] = useState<Review[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const more = useAction();

  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setCursor(first.data.nextCursor);
  }, [first.data]);

  const loadMore = () =>
    more.run(async () => {
      if (!cursor) return;
      const page = await reviewsApi.forProduct(productId, { sort, cursor, limit: 20 });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    });
  const saved = () => {
    first.reload();
    onChanged();
  };
  const mine = user ? items.find((review) => review.authorId === user.id) : undefined;

  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      {first.data ? <RatingSummary summary={first.data.summary} /> : null}
      {user ? (
        <ReviewForm key={mine?.id ?? 'new'} productId={productId} existing={mine} onSaved={saved} />
      ) : (
        <p><Link href={`/login?next=${encodeURIComponent(`/products/${productId}`)}`}>Log in</Link> to review a product you ordered.</p>
      )}
      <div className="reviews-toolbar">
        <SelectField label="Sort reviews" value={sort} onChange={(e) => setSort(e.target.value)}>
          <option value="newest">Newest first</option>
          <option value="rating">Highest rated</option>
        </SelectField>
      </div>
      <ErrorNotice error={first.error} retry={first.reload} />
      {first.loading && !items.length ? <Loading label="Loading reviews…" /> : null}
      {!first.loading && !items.length && !first.error ? <Empty>No reviews yet.</Empty> : null}
      <ul className="review-list">
        {items.map((review) => <ReviewItem key={review.id} review={review} />)}
      </ul>
      <ErrorNotice error={more.error} />
      {cursor ? <button type="button" className="secondary" onClick={() => void loadMore()} disabled={more.busy}>More reviews</button> : null}
    </section>
  );
}

export function ReviewItem({ review }: { review: Review }) {
  return (
    <li className="review" data-testid="review">
      <div className="review-head">
        <Stars value={review.rating} />
        <strong className="review-title">{review.title}</strong>
      </div>
      <div className="review-meta">
        <span>{review.authorName}</span>
        <time dateTime={review.createdAt}>{formatDate(review.createdAt)}</time>
        {review.verifiedPurchase ? <span className="verified-badge">✓ Verified purchase</span> : null}
        {review.updatedAt && review.updatedAt !== review.createdAt ? <span className="muted">edited</span> : null}
      </div>
      <p className="review-body">{review.body}</p>
    </li>
  );
}
