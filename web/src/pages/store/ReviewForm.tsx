// Write a review, or edit (or delete) the one you wrote.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { reviews as reviewsApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Review } from '../../api/types.ts';
import { TextArea, TextField } from '../../components/Field.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { StarInput } from '../../components/Stars.tsx';
import { useAction } from '../../hooks.ts';

interface ReviewFormProps {
  productId: string;
  existing?: Review;
  onSaved: () => void;
  /** No one has reviewed the product yet: the button invites the first review. */
  first?: boolean;
}

function explain(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 403) {
    return new ApiError(403, { status: 403, detail: 'Only customers who ordered this product can review it.' });
  }
  if (error instanceof ApiError && error.status === 409) {
    return new ApiError(409, { status: 409, detail: 'You have already reviewed this product.' });
  }
  return error;
}

export function ReviewForm({ productId, existing, onSaved, first = false }: ReviewFormProps) {
  const [open, setOpen] = useState(false);
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const action = useAction();
  const errors = fieldErrorsOf(action.error);

  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {existing ? 'Edit your review' : first ? 'Write the first review' : 'Write a review'}
      </button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rating) {
      action.setError(new ApiError(400, { status: 400, errors: [{ path: '/body/rating', message: 'Choose from 1 to 5 stars' }] }));
      return;
    }
    void action.run(async () => {
      const input = { rating, title: title.trim(), body: body.trim() };
      if (existing) await reviewsApi.update(existing.id, input);
      else await reviewsApi.create(productId, input);
      setOpen(false);
      onSaved();
    });
  };
  const remove = () =>
    void action.run(async () => {
      if (!existing || !window.confirm('Delete your review?')) return;
      await reviewsApi.remove(existing.id);
      onSaved();
    });

  return (
    <form className="review-form card" onSubmit={submit} noValidate>
      <h3>{existing ? 'Edit your review' : 'Write a review'}</h3>
      <StarInput value={rating} onChange={setRating} error={errors.rating} />
      <TextField label="Title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      <TextArea label="Your review" rows={4} value={body} maxLength={5000} onChange={(e) => setBody(e.target.value)} error={errors.body} />
      <ErrorNotice error={explain(action.error)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Saving…' : existing ? 'Save review' : 'Post review'}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>Cancel</button>
        {existing ? <button type="button" className="danger" onClick={remove} disabled={action.busy}>Delete</button> : null}
      </div>
    </form>
  );
}
