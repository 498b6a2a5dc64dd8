// Tax rates: a percent per country and whether shipping is taxed too. A country without a rate pays no tax.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { taxRates as ratesApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { TaxRate } from '../../api/types.ts';
import { CountrySelect } from '../../components/CountrySelect.tsx';
import { TextField } from '../../components/Field.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { countryName } from '../../countries.ts';
import { useLoad } from '../../data.ts';
import { parsePercentInput } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { RowActions } from './RowActions.tsx';

export function TaxRatesPage() {
  const list = useLoad(['tax-rates'], () => ratesApi.list());
  const [editing, setEditing] = useState<TaxRate | null>(null);
  const action = useAction();
  const rates = [...(list.data?.items ?? [])].sort((a, b) => countryName(a.country).localeCompare(countryName(b.country)));
  const saved = (rate: TaxRate) => {
    list.setData({ items: [...rates.filter((r) => r.country !== rate.country), rate] });
    setEditing(null);
  };
  const remove = (rate: TaxRate) =>
    void action.run(async () => {
      if (!window.confirm(`Delete the tax rate of ${countryName(rate.country)}? Orders there will pay no tax.`)) return;
      await ratesApi.remove(rate.country);
      list.setData({ items: rates.filter((r) => r.country !== rate.country) });
    });

  return (
    <section>
      <h1>Tax rates</h1>
      <p className="muted">Orders shipped to a country without a rate pay no tax.</p>
      <ErrorNotice error={list.error ?? action.error} retry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && !rates.length ? <Empty>No tax rates yet.</Empty> : null}
      {rates.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead><tr><th scope="col">Country</th><th scope="col">Rate</th><th scope="col">Shipping taxed</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {rates.map((rate) => (
                <tr key={rate.country} data-testid="tax-rate-row">
                  <td>{countryName(rate.country)} <span className="muted">({rate.country})</span></td>
                  <td>{rate.percent}%</td>
                  <td>{rate.taxShipping ? 'Yes' : 'No'}</td>
                  <td>
                    <RowActions onEdit={() => setEditing(rate)} onDelete={() => remove(rate)} busy={action.busy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <TaxRateForm key={editing?.country ?? 'new'} editing={editing} onSaved={saved} onCancel={() => setEditing(null)} />
    </section>
  );
}

function TaxRateForm({ editing, onSaved, onCancel }: { editing: TaxRate | null; onSaved: (rate: TaxRate) => void; onCancel: () => void }) {
  const [country, setCountry] = useState(editing?.country ?? '');
  const [percent, setPercent] = useState(editing ? String(editing.percent) : '');
  const [taxShipping, setTaxShipping] = useState(editing?.taxShipping ?? false);
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = parsePercentInput(percent, { min: 0, max: 50, decimals: 3 });
    const local = [
      ...(!country ? [{ path: '/params/country', message: 'Choose a country' }] : []),
      ...(value === null ? [{ path: '/body/percent', message: 'Enter a percent from 0 to 50 (up to three decimals)' }] : []),
    ];
    if (local.length) return action.setError(new ApiError(400, { status: 400, errors: local }));
    void action.run(async () => onSaved(await ratesApi.set({ country, percent: value!, taxShipping })));
  };
  return (
    <form className="card tax-form" onSubmit={submit} noValidate>
      <h2>{editing ? `Change the rate of ${countryName(editing.country)}` : 'Set a tax rate'}</h2>
      <div className="field-row">
        <CountrySelect label="Country" value={country} onChange={setCountry} error={errors.country} disabled={Boolean(editing)} />
        <TextField label="Rate (%)" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} error={errors.percent} hint="e.g. 8.25" />
      </div>
      <label className="choice">
        <input type="checkbox" checked={taxShipping} onChange={(e) => setTaxShipping(e.target.checked)} />
        <span>Shipping is taxed too</span>
      </label>
      <ErrorNotice error={action.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Saving…' : 'Save rate'}</button>
        {editing ? <button type="button" className="secondary" onClick={onCancel}>Cancel</button> : null}
      </div>
    </form>
  );
}
