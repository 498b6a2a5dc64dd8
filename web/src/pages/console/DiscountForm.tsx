// A new discount window for a product, previewing the price it will make.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { discounts as discountsApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Discount, Product } from '../../api/types.ts';
import { TextField } from '../../components/Field.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { discountedAmount, formatMoney, fromLocalInput, toLocalInput } from '../../format.ts';
import { useAction } from '../../hooks.ts';

function readPercent(text: string): number | null {
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(text.trim())) return null;
  const percent = Number(text);
  return percent >= 1 && percent <= 90 ? percent : null;
}

interface DiscountFormProps {
  product: Product;
  /** The discount being changed; a new one is added when absent. */
  editing?: Discount | null;
  onSaved: () => void;
  onCancel?: () => void;
}

export function DiscountForm({ product, editing, onSaved, onCancel }: DiscountFormProps) {
  const [percent, setPercent] = useState(editing ? String(editing.percent) : '');
  const [startsAt, setStartsAt] = useState(toLocalInput(editing?.startsAt));
  const [endsAt, setEndsAt] = useState(toLocalInput(editing?.endsAt));
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const value = readPercent(percent);
  const conflict = action.error instanceof ApiError && action.error.status === 409
    ? new ApiError(409, { status: 409, detail: 'Another discount of this product overlaps that window. Only one can be active at a time.' })
    : action.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === null) {
      action.setError(new ApiError(400, { status: 400, errors: [{ path: '/body/percent', message: 'Enter a percent from 1 to 90 (up to two decimals)' }] }));
      return;
    }
    void action.run(async () => {
      const schedule = { percent: value, startsAt: fromLocalInput(startsAt), endsAt: fromLocalInput(endsAt) };
      if (editing) await discountsApi.update(editing.id, schedule);
      else await discountsApi.create({ productId: product.id, ...schedule });
      setPercent('');
      setStartsAt('');
      setEndsAt('');
      onSaved();
    });
  };

  return (
    <form className="discount-form" onSubmit={submit} noValidate>
      <h3>{editing ? `Change the -${editing.percent}% discount` : 'Add a discount'}</h3>
      <TextField label="Percent off" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} error={errors.percent}
        hint={value !== null ? `Price becomes ${formatMoney({ ...product.price, amount: discountedAmount(product.price.amount, value) })}` : '1 to 90'} />
      <div className="field-row">
        <TextField label="Starts (optional)" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={errors.startsAt} hint="Empty: now" />
        <TextField label="Ends (optional)" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} error={errors.endsAt} hint="Empty: no end" />
      </div>
      <ErrorNotice error={conflict} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Saving…' : editing ? 'Save discount' : 'Add discount'}</button>
        {editing && onCancel ? <button type="button" className="secondary" onClick={onCancel}>Cancel</button> : null}
      </div>
    </form>
  );
}
