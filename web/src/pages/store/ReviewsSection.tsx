// A product's reviews: the summary with its histogram, the list, and the signed-in customer's own review.
import { useEffect, useState } from 'react';
import { reviews as reviewsApi } from '../../api/endpoints.ts';
import type { Review } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { SelectField } from '../../components/Field.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { RatingSummary } from '../../components/RatingSummary.tsx';
import { Stars } from '../../components/Stars.tsx';
import { formatDate } from '../../format.ts';
import { usePagedList } from '../../data.ts';
import { Link } from 'react-router';
import { ReviewForm } from './ReviewForm.tsx';

export function ReviewsSection({ productId, onChanged }: { productId: string; onChanged: () => void }) {
  const { user } = useAuth();
  const [sort, setSort] = useState('newest');
  const list = usePagedList(['reviews', productId, sort], (cursor) => reviewsApi.forProduct(productId, { sort, cursor, limit: 20 }));
  const loaded = Boolean(list.firstPage);
  useEffect(() => {
    if (loaded && window.location.hash === '#reviews') document.getElementById('reviews')?.scrollIntoView();
  }, [loaded]);
  const saved = () => {
    list.reload();
    onChanged();
  };
  const mine = user ? list.items.find((review) => review.authorId === user.id) : undefined;

  const summary = list.firstPage?.summary;
  // No reviews yet: an invitation to write the first, not a histogram of zeros.
  const none = summary?.count === 0 && !list.items.length;
  const form = user && loaded ? <ReviewForm key={mine?.id ?? 'new'} productId={productId} existing={mine} onSaved={saved} first={none} /> : null;
  const login = user ? null : (
    <p><Link to={`/login?next=${encodeURIComponent(`/products/${productId}`)}`}>Log in</Link> to review a product you ordered.</p>
  );
  return (
    <section className="reviews" id="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      <ErrorNotice error={list.error} retry={list.reload} />
      {list.loading && !loaded ? <Loading label="Loading reviews…" /> : null}
      {none ? (
        <div className="reviews-empty" data-testid="reviews-empty">
          <p><strong>No reviews yet.</strong> Bought one? Tell other shoppers what you think: the first review helps the most.</p>
          {form}{login}
        </div>
      ) : summary ? (
        <>
          <RatingSummary summary={summary} />
          {form}{login}
          <div className="reviews-toolbar">
            <SelectField label="Sort reviews" value={sort} onChange={(e) => setSort(e.target.value)}>
              <option value="newest">Newest first</option>
              <option value="rating">Highest rated</option>
            </SelectField>
          </div>
        </>
      ) : null}
      <ul className="review-list" aria-busy={list.loading}>
        {list.items.map((review) => <ReviewItem key={review.id} review={review} />)}
      </ul>
      {list.nextCursor ? <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loading}>More reviews</button> : null}
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
