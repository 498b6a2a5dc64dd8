// A promotion code's fields: the code, what it takes off, from when until when, and how often it may be used.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { promotions as promotionsApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Body, Money, Promotion, PromotionInput, PromotionType } from '../../api/types.ts';
import { SelectField, TextField } from '../../components/Field.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { fromLocalInput, getShopCurrency, moneyInputText, parseMoneyInput, parsePercentInput, toLocalInput } from '../../format.ts';
import { useAction } from '../../hooks.ts';

const isMoney = (value: unknown): value is Money => typeof value === 'object' && value !== null && 'amount' in value;

function initial(promotion: Promotion | null, currency: string) {
  const value = promotion?.value;
  return {
    code: promotion?.code ?? '', type: (promotion?.type ?? 'percent') as PromotionType,
    value: isMoney(value) ? moneyInputText(value.amount, currency) : value != null ? String(value) : '',
    minSubtotal: promotion?.minSubtotal ? moneyInputText(promotion.minSubtotal.amount, currency) : '',
    startsAt: toLocalInput(promotion?.startsAt), endsAt: toLocalInput(promotion?.endsAt),
    usageLimit: promotion?.usageLimit != null ? String(promotion.usageLimit) : '',
    perCustomerLimit: promotion?.perCustomerLimit != null ? String(promotion.perCustomerLimit) : '',
  };
}
type Draft = ReturnType<typeof initial>;

/** What the form says, checked: the input to send, or the field errors found before sending. */
function toInput(form: Draft, currency: string): PromotionInput | ApiError {
  const money = (text: string) => (text.trim() ? parseMoneyInput(text, currency) : undefined);
  const count = (text: string) => (!text.trim() ? undefined : /^\d{1,9}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : null);
  const value = form.type === 'percent' ? parsePercentInput(form.value, { min: 1, max: 90, decimals: 2 })
    : form.type === 'fixed' ? parseMoneyInput(form.value, currency) : undefined;
  const fields = { minSubtotal: money(form.minSubtotal), usageLimit: count(form.usageLimit), perCustomerLimit: count(form.perCustomerLimit) };
  const errors = [
    ...(!/^[A-Za-z0-9_-]{3,32}$/.test(form.code.trim()) ? [{ path: '/body/code', message: '3 to 32 letters, digits, - or _' }] : []),
    ...(value === null ? [{ path: '/body/value', message: form.type === 'percent' ? 'Enter a percent from 1 to 90' : 'Enter an amount like 5.00' }] : []),
    ...(fields.minSubtotal === null ? [{ path: '/body/minSubtotal', message: 'Enter an amount like 50.00, or leave it empty' }] : []),
    ...(fields.usageLimit === null ? [{ path: '/body/usageLimit', message: 'A whole number, 1 or more, or empty for no limit' }] : []),
    ...(fields.perCustomerLimit === null ? [{ path: '/body/perCustomerLimit', message: 'A whole number, 1 or more, or empty for no limit' }] : []),
  ];
  if (errors.length) return new ApiError(400, { status: 400, errors });
  const input: PromotionInput = { code: form.code.trim().toUpperCase(), type: form.type };
  if (value !== undefined) input.value = form.type === 'fixed' ? { amount: value!, currency } : value!;
  if (fields.minSubtotal !== undefined) input.minSubtotal = { amount: fields.minSubtotal!, currency };
  const startsAt = fromLocalInput(form.startsAt);
  const endsAt = fromLocalInput(form.endsAt);
  return { ...input, ...(startsAt ? { startsAt } : {}), ...(endsAt ? { endsAt } : {}),
    ...(fields.usageLimit ? { usageLimit: fields.usageLimit } : {}), ...(fields.perCustomerLimit ? { perCustomerLimit: fields.perCustomerLimit } : {}) };
}

/** A change clears, with null, the optional fields the employee emptied. */
function changeOf(input: PromotionInput, promotion: Promotion): Body<'patchPromotionsById'> {
  const cleared = (['value', 'minSubtotal', 'startsAt', 'endsAt', 'usageLimit', 'perCustomerLimit'] as const)
    .filter((key) => promotion[key] != null && input[key] === undefined);
  return { ...input, ...Object.fromEntries(cleared.map((key) => [key, null])) };
}

interface FormProps {
  promotion: Promotion | null;
  onSaved: (promotion: Promotion) => void;
  onCancel: () => void;
}

export function PromotionForm({ promotion, onSaved, onCancel }: FormProps) {
  const currency = getShopCurrency();
  const [form, setForm] = useState(() => initial(promotion, currency));
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(form, currency);
    if (input instanceof ApiError) return action.setError(input);
    void action.run(async () => onSaved(promotion ? await promotionsApi.update(promotion.id, changeOf(input, promotion)) : await promotionsApi.create(input)));
  };
  const conflict = action.error instanceof ApiError && action.error.status === 409
    ? new ApiError(409, { status: 409, detail: `The code ${form.code.trim().toUpperCase()} exists already.` }) : action.error;

  return (
    <form className="card promotion-form" onSubmit={submit} noValidate>
      <h2>{promotion ? `Change ${promotion.code}` : 'New promotion code'}</h2>
      <div className="field-row">
        <TextField label="Code" value={form.code} onChange={set('code')} error={errors.code} required autoComplete="off" hint="Letters, digits, - and _" />
        <SelectField label="Type" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as PromotionType, value: '' })} error={errors.type}>
          <option value="percent">Percent off</option>
          <option value="fixed">Amount off</option>
          <option value="free_shipping">Free shipping</option>
        </SelectField>
        {form.type !== 'free_shipping' ? (
          <TextField label={form.type === 'percent' ? 'Percent off' : `Amount off (${currency})`} inputMode="decimal" value={form.value}
            onChange={set('value')} error={errors.value ?? errors['value.amount']} required />
        ) : null}
      </div>
      <div className="field-row">
        <TextField label={`Minimum order (${currency})`} hint="Empty: any order" inputMode="decimal" value={form.minSubtotal} onChange={set('minSubtotal')} error={errors.minSubtotal ?? errors['minSubtotal.amount']} />
        <TextField label="Total uses" inputMode="numeric" value={form.usageLimit} onChange={set('usageLimit')} error={errors.usageLimit} hint="Empty: no limit" />
        <TextField label="Uses per customer" inputMode="numeric" value={form.perCustomerLimit} onChange={set('perCustomerLimit')} error={errors.perCustomerLimit} hint="Empty: no limit" />
      </div>
      <div className="field-row">
        <TextField label="Starts" type="datetime-local" value={form.startsAt} onChange={set('startsAt')} error={errors.startsAt} hint="Empty: now" />
        <TextField label="Ends" type="datetime-local" value={form.endsAt} onChange={set('endsAt')} error={errors.endsAt} hint="Empty: no end" />
      </div>
      <ErrorNotice error={conflict} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Saving…' : promotion ? 'Save code' : 'Create code'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
