// Moderation: visible reviews to check and hide, hidden ones to bring back.
import { reviews as reviewsApi } from '../../api/endpoints.ts';
import type { Review } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { Stars } from '../../components/Stars.tsx';
import { formatDateTime } from '../../format.ts';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAction } from '../../hooks.ts';
import { usePagedList } from '../../data.ts';

export function ReviewsQueuePage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const hidden = search.get('hidden') === 'true';
  const list = usePagedList(['reviews', 'moderation', hidden], (cursor) => reviewsApi.moderation({ hidden, cursor, limit: 50 }));
  const action = useAction();
  const toggle = (review: Review) =>
    void action.run(async () => {
      await (hidden ? reviewsApi.unhide(review.id) : reviewsApi.hide(review.id));
      list.editItems((item) => (item.id === review.id ? null : item));
    });
  const show = (value: boolean) => navigate(`/console/reviews?hidden=${value}`, { replace: true });

  return (
    <section>
      <h1>Reviews</h1>
      <nav className="tabs" aria-label="Review visibility">
        <a href="/console/reviews?hidden=false" aria-current={!hidden ? 'page' : undefined} onClick={(e) => { e.preventDefault(); show(false); }}>Visible</a>
        <a href="/console/reviews?hidden=true" aria-current={hidden ? 'page' : undefined} onClick={(e) => { e.preventDefault(); show(true); }}>Hidden</a>
      </nav>
      <ErrorNotice error={list.error ?? action.error} retry={list.reload} />
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.error ? <Empty>No {hidden ? 'hidden' : 'visible'} reviews.</Empty> : null}
      <ul className="review-list">
        {list.items.map((review) => (
          <li key={review.id} className="review" data-testid="moderation-review">
            <div className="review-head">
              <Stars value={review.rating} />
              <strong className="review-title">{review.title}</strong>
            </div>
            <div className="review-meta">
              <span>{review.authorName}</span>
              <time dateTime={review.createdAt}>{formatDateTime(review.createdAt)}</time>
              <Link to={`/products/${encodeURIComponent(review.productId)}`}>Open product page</Link>
              {review.verifiedPurchase ? <span className="verified-badge">✓ Verified purchase</span> : null}
            </div>
            <p className="review-body">{review.body}</p>
            <button type="button" className={hidden ? 'secondary' : 'danger'} onClick={() => toggle(review)} disabled={action.busy}>
              {hidden ? 'Unhide' : 'Hide'}
            </button>
          </li>
        ))}
      </ul>
      {list.nextCursor ? <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loading}>Load more</button> : null}
    </section>
  );
}
