// A shipping method's fields: name, carrier, price, free-over threshold, delivery days and countries.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { shippingMethods as methodsApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { ShippingMethod, ShippingMethodInput } from '../../api/types.ts';
import { TextField } from '../../components/Field.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { countryCode, countryName } from '../../countries.ts';
import { getShopCurrency, moneyInputText, parseMoneyInput } from '../../format.ts';
import { useAction } from '../../hooks.ts';

/** "US, canada" -> {codes: ["US", "CA"], unknown: []}: employees may type codes or names. */
export function readCountries(text: string): { codes: string[]; unknown: string[] } {
  const typed = text.split(/[,\n;]/).map((part) => part.trim()).filter(Boolean);
  const codes = [...new Set(typed.map(countryCode).filter((code) => code !== null))];
  return { codes, unknown: typed.filter((part) => !countryCode(part)) };
}

function initial(method: ShippingMethod | null, currency: string) {
  const everywhere = method?.countries.includes('*') ?? false;
  return {
    name: method?.name ?? '', carrier: method?.carrier ?? '',
    price: method ? moneyInputText(method.price.amount, currency) : '',
    freeOver: method?.freeOver ? moneyInputText(method.freeOver.amount, currency) : '',
    minDays: String(method?.minDays ?? ''), maxDays: String(method?.maxDays ?? ''),
    everywhere, countries: everywhere ? '' : (method?.countries ?? []).join(', '),
  };
}
type Draft = ReturnType<typeof initial>;

/** The input to send, or the field errors found before sending. */
function toInput(form: Draft, currency: string): ShippingMethodInput | ApiError {
  const price = parseMoneyInput(form.price, currency);
  const freeOver = form.freeOver.trim() ? parseMoneyInput(form.freeOver, currency) : undefined;
  const { codes, unknown } = readCountries(form.countries);
  const days = (text: string) => (/^\d{1,2}$/.test(text.trim()) ? Number(text) : null);
  const errors = [
    ...(price === null ? [{ path: '/body/price', message: 'Enter a price like 4.99' }] : []),
    ...(freeOver === null ? [{ path: '/body/freeOver', message: 'Enter an amount like 50.00, or leave it empty' }] : []),
    ...(days(form.minDays) === null ? [{ path: '/body/minDays', message: 'Enter a whole number of days, 0 to 60' }] : []),
    ...(days(form.maxDays) === null ? [{ path: '/body/maxDays', message: 'Enter a whole number of days, 0 to 60' }] : []),
    ...(unknown.length ? [{ path: '/body/countries', message: `Unknown: ${unknown.join(', ')}` }] : []),
    ...(!form.everywhere && !codes.length ? [{ path: '/body/countries', message: 'Name at least one country, or deliver everywhere' }] : []),
  ];
  if (errors.length) return new ApiError(400, { status: 400, errors });
  return {
    name: form.name.trim(), carrier: form.carrier.trim(), price: { amount: price!, currency },
    ...(freeOver !== undefined ? { freeOver: { amount: freeOver!, currency } } : {}),
    minDays: days(form.minDays)!, maxDays: days(form.maxDays)!, countries: form.everywhere ? ['*'] : codes,
  };
}

interface FormProps {
  method: ShippingMethod | null;
  onSaved: (method: ShippingMethod) => void;
  onCancel: () => void;
}

export function ShippingMethodForm({ method, onSaved, onCancel }: FormProps) {
  const currency = method?.price.currency ?? getShopCurrency();
  const [form, setForm] = useState(() => initial(method, currency));
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const preview = readCountries(form.countries).codes.map(countryName).join(', ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(form, currency);
    if (input instanceof ApiError) return action.setError(input);
    // Taking the threshold away is saying "null" to the API; a new method simply has none.
    const change = method && method.freeOver && !input.freeOver ? { ...input, freeOver: null } : input;
    void action.run(async () => onSaved(method ? await methodsApi.update(method.id, change) : await methodsApi.create(input)));
  };

  return (
    <form className="card method-form" onSubmit={submit} noValidate>
      <h2>{method ? `Change "${method.name}"` : 'New shipping method'}</h2>
      <div className="field-row">
        <TextField label="Name" value={form.name} onChange={set('name')} error={errors.name} required />
        <TextField label="Carrier" value={form.carrier} onChange={set('carrier')} error={errors.carrier} required />
      </div>
      <div className="field-row">
        <TextField label={`Price (${currency})`} inputMode="decimal" value={form.price} onChange={set('price')} error={errors.price ?? errors['price.amount']} required />
        <TextField label={`Free over (${currency})`} inputMode="decimal" value={form.freeOver} onChange={set('freeOver')}
          error={errors.freeOver ?? errors['freeOver.amount']} hint="Empty: never free. Measured after codes" />
      </div>
      <div className="field-row">
        <TextField label="Fastest (business days)" inputMode="numeric" value={form.minDays} onChange={set('minDays')} error={errors.minDays} required />
        <TextField label="Slowest (business days)" inputMode="numeric" value={form.maxDays} onChange={set('maxDays')} error={errors.maxDays} required />
      </div>
      <label className="choice">
        <input type="checkbox" checked={form.everywhere} onChange={(e) => setForm({ ...form, everywhere: e.target.checked })} />
        <span>Delivers to every country</span>
      </label>
      {!form.everywhere ? (
        <TextField label="Countries" value={form.countries} onChange={set('countries')} error={errors.countries ?? errors['countries.0']}
          hint={preview || 'Codes or names, separated by commas: US, Canada'} />
      ) : null}
      <ErrorNotice error={action.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Saving…' : method ? 'Save method' : 'Create method'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
