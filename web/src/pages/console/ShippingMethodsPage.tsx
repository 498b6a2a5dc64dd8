// Shipping methods: what each costs, how fast it is and where it delivers; create, change, retire, delete.
import { useState } from 'react';
import { shippingMethods as methodsApi } from '../../api/endpoints.ts';
import type { ShippingMethod } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { deliveryDays } from '../../cart/checkout.ts';
import { countryName } from '../../countries.ts';
import { useLoad } from '../../data.ts';
import { formatMoney } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { ShippingMethodForm } from './ShippingMethodForm.tsx';
import { RowActions } from './RowActions.tsx';

const whereTo = (method: ShippingMethod) =>
  method.countries.includes('*') ? 'Everywhere' : method.countries.map((code) => `${countryName(code)} (${code})`).join(', ');

export function ShippingMethodsPage() {
  const list = useLoad(['shipping-methods', 'console'], () => methodsApi.all());
  const [editing, setEditing] = useState<ShippingMethod | 'new' | null>(null);
  const action = useAction();
  const methods = list.data?.items ?? [];
  const replace = (saved: ShippingMethod) =>
    list.setData({ items: methods.some((m) => m.id === saved.id) ? methods.map((m) => (m.id === saved.id ? saved : m)) : [...methods, saved] });
  const toggle = (method: ShippingMethod) => void action.run(async () => replace(await methodsApi.update(method.id, { active: !method.active })));
  const remove = (method: ShippingMethod) =>
    void action.run(async () => {
      if (!window.confirm(`Delete "${method.name}"? Placed orders keep their copy of it.`)) return;
      await methodsApi.remove(method.id);
      list.setData({ items: methods.filter((m) => m.id !== method.id) });
    });

  return (
    <section>
      <div className="console-title">
        <h1>Shipping methods</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>New method</button>
      </div>
      {editing ? (
        <ShippingMethodForm key={editing === 'new' ? 'new' : editing.id} method={editing === 'new' ? null : editing}
          onSaved={(saved) => { replace(saved); setEditing(null); }} onCancel={() => setEditing(null)} />
      ) : null}
      <ErrorNotice error={list.error ?? action.error} retry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && !methods.length ? <Empty>No shipping methods yet: customers cannot place orders until there is one.</Empty> : null}
      {methods.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr><th scope="col">Method</th><th scope="col">Price</th><th scope="col">Delivery</th><th scope="col">Delivers to</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {methods.map((method) => (
                <tr key={method.id} data-testid="shipping-method-row" className={method.active ? '' : 'retired'}>
                  <td><strong>{method.name}</strong><br /><span className="muted">{method.carrier}</span></td>
                  <td>{formatMoney(method.price)}{method.freeOver ? <><br /><span className="muted">free over {formatMoney(method.freeOver)}</span></> : null}</td>
                  <td>{deliveryDays(method)}</td>
                  <td>{whereTo(method)}</td>
                  <td>{method.active ? 'Active' : 'Retired'}</td>
                  <td>
                    <RowActions onEdit={() => setEditing(method)} onDelete={() => remove(method)} busy={action.busy}>
                      <button type="button" className="link-button" onClick={() => toggle(method)} disabled={action.busy}>{method.active ? 'Retire' : 'Activate'}</button>
                    </RowActions>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
