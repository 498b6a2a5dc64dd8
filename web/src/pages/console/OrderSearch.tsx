// The console's order search: an order number or an email, and the days they were placed between.
// What is searched lives in the address, so a search can be shared and survives a reload.
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { TextField } from '../../components/Field.tsx';

export interface OrderSearchValues {
  q: string;
  from: string;
  to: string;
}

export function searchOf(params: URLSearchParams): OrderSearchValues {
  return { q: params.get('q') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
}

/** The console's orders address for a status and a search. */
export function ordersHref(status: string, search: OrderSearchValues): string {
  const params = new URLSearchParams({ status });
  for (const [key, value] of Object.entries(search)) if (value) params.set(key, value);
  return `/console/orders?${params}`;
}

interface OrderSearchProps {
  status: string;
  values: OrderSearchValues;
  errors: Record<string, string>;
}

export function OrderSearch({ status, values, errors }: OrderSearchProps) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState(values);
  useEffect(() => setDraft(values), [values.q, values.from, values.to]);
  const toEarly = draft.from && draft.to && draft.to < draft.from ? 'The last day is before the first.' : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A search looks through every status (the tabs then narrow it): the order sought may be in any.
    if (!toEarly) navigate(ordersHref('', { ...draft, q: draft.q.trim() }), { replace: true });
  };
  const searching = Boolean(values.q || values.from || values.to);
  return (
    <form className="order-search" role="search" onSubmit={submit} noValidate>
      <TextField label="Order number or email" type="search" value={draft.q} placeholder="e.g. 0193a4f2 or robin@example.com"
        onChange={(e) => setDraft({ ...draft, q: e.target.value })} error={errors.q} />
      <TextField label="Placed from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} error={errors.from} />
      <TextField label="Placed until" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} error={toEarly ?? errors.to} />
      <div className="order-search-actions">
        <button type="submit" className="primary">Search</button>
        {searching ? <button type="button" className="link-button" onClick={() => navigate(ordersHref(status, { q: '', from: '', to: '' }), { replace: true })}>Clear</button> : null}
      </div>
    </form>
  );
}
