// Promotion codes: what each takes off, its window and limits, and how often it was used.
import { useState } from 'react';
import { promotions as promotionsApi } from '../../api/endpoints.ts';
import type { Promotion } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { usePagedList } from '../../data.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { PromotionForm } from './PromotionForm.tsx';
import { RowActions } from './RowActions.tsx';

export function promotionOffer(promotion: Pick<Promotion, 'type' | 'value'>): string {
  const { value } = promotion;
  if (promotion.type === 'free_shipping') return 'Free shipping';
  if (value && typeof value === 'object') return `${formatMoney(value)} off`;
  return `${value}% off`;
}

export function promotionState(promotion: Promotion, now = Date.now()): string {
  if (promotion.startsAt && Date.parse(promotion.startsAt) > now) return 'Scheduled';
  if (promotion.endsAt && Date.parse(promotion.endsAt) <= now) return 'Ended';
  if (promotion.usageLimit != null && promotion.timesUsed >= promotion.usageLimit) return 'Used up';
  return 'Active';
}

const validity = (p: Promotion) =>
  !p.startsAt && !p.endsAt ? 'Always' : `${p.startsAt ? formatDateTime(p.startsAt) : 'now'} – ${p.endsAt ? formatDateTime(p.endsAt) : 'no end'}`;

export function PromotionsPage() {
  const list = usePagedList(['promotions'], (cursor) => promotionsApi.list({ cursor, limit: 50 }));
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
  const action = useAction();
  const saved = (promotion: Promotion) => {
    if (editing === 'new') list.reload();
    else list.editItems((item) => (item.id === promotion.id ? promotion : item));
    setEditing(null);
  };
  const remove = (promotion: Promotion) =>
    void action.run(async () => {
      if (!window.confirm(`Delete the code ${promotion.code}? Placed orders keep what it took off.`)) return;
      await promotionsApi.remove(promotion.id);
      list.editItems((item) => (item.id === promotion.id ? null : item));
    });

  return (
    <section>
      <div className="console-title">
        <h1>Promotion codes</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>New code</button>
      </div>
      {editing ? (
        <PromotionForm key={editing === 'new' ? 'new' : editing.id} promotion={editing === 'new' ? null : editing} onSaved={saved} onCancel={() => setEditing(null)} />
      ) : null}
      <ErrorNotice error={list.error ?? action.error} retry={list.reload} />
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.error ? <Empty>No promotion codes yet.</Empty> : null}
      {list.items.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr><th scope="col">Code</th><th scope="col">Offer</th><th scope="col">Minimum</th><th scope="col">Valid</th><th scope="col">Used</th><th scope="col">Per customer</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {list.items.map((promotion) => (
                <tr key={promotion.id} data-testid="promotion-row">
                  <td><code>{promotion.code}</code></td>
                  <td>{promotionOffer(promotion)}</td>
                  <td>{promotion.minSubtotal ? formatMoney(promotion.minSubtotal) : '–'}</td>
                  <td>{validity(promotion)}</td>
                  <td>{promotion.timesUsed}{promotion.usageLimit != null ? ` of ${promotion.usageLimit}` : ''}</td>
                  <td>{promotion.perCustomerLimit ?? '–'}</td>
                  <td>{promotionState(promotion)}</td>
                  <td>
                    <RowActions onEdit={() => setEditing(promotion)} onDelete={() => remove(promotion)} busy={action.busy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.nextCursor ? <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loading}>Load more</button> : null}
    </section>
  );
}
