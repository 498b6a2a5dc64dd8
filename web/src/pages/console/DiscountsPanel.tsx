// A product's discounts: each window, whether it is on now, and the price it makes.
import { useState } from 'react';
import { discounts as discountsApi } from '../../api/endpoints.ts';
import type { Discount, Product } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { discountedAmount, formatDateTime, formatMoney, formatPercent } from '../../format.ts';
import { useLoad } from '../../data.ts';
import { useAction } from '../../hooks.ts';
import { DiscountForm } from './DiscountForm.tsx';

function windowState(discount: Discount, now = Date.now()): string {
  const starts = discount.startsAt ? Date.parse(discount.startsAt) : -Infinity;
  const ends = discount.endsAt ? Date.parse(discount.endsAt) : Infinity;
  if (now < starts) return 'Scheduled';
  if (now >= ends) return 'Ended';
  return 'Active';
}

export function DiscountsPanel({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const list = useLoad(['discounts', product.id], () => discountsApi.list(product.id));
  const remove = useAction();
  // The list answers at once; the product's own copy of its discount follows by event a moment later.
  const active = list.data?.items.find((discount) => windowState(discount) === 'Active');
  const now = list.data ? (active ? { percent: active.percent } : null) : product.discount;
  const [editing, setEditing] = useState<Discount | null>(null);
  const changed = () => {
    setEditing(null);
    list.reload();
    onChanged();
  };
  const deleteDiscount = (discount: Discount) =>
    void remove.run(async () => {
      if (!window.confirm(`Delete the ${formatPercent(discount.percent)} discount?`)) return;
      await discountsApi.remove(discount.id);
      changed();
    });

  return (
    <section className="card discounts-panel" aria-labelledby="discounts-title">
      <h2 id="discounts-title">Discounts</h2>
      <p className="muted">
        Price now: <strong>{formatMoney(now ? { ...product.price, amount: discountedAmount(product.price.amount, now.percent) } : product.price)}</strong>
        {now ? ` (-${formatPercent(now.percent)} of ${formatMoney(product.price)})` : ' (no discount in force)'}
      </p>
      <ErrorNotice error={list.error ?? remove.error} retry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && !list.data.items.length ? <Empty>No discounts yet.</Empty> : null}
      {list.data?.items.length ? (
        <table className="data-table">
          <thead>
            <tr><th scope="col">Discount</th><th scope="col">From</th><th scope="col">Until</th><th scope="col">Price</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {list.data.items.map((discount) => (
              <tr key={discount.id} data-testid="discount-row">
                <td>-{formatPercent(discount.percent)}</td>
                <td>{discount.startsAt ? formatDateTime(discount.startsAt) : 'now'}</td>
                <td>{discount.endsAt ? formatDateTime(discount.endsAt) : 'no end'}</td>
                <td>{formatMoney({ ...product.price, amount: discountedAmount(product.price.amount, discount.percent) })}</td>
                <td>{windowState(discount)}</td>
                <td>
                  <span className="row-actions">
                    <button type="button" className="link-button" onClick={() => setEditing(discount)}>Edit</button>
                    <button type="button" className="link-button danger-text" onClick={() => deleteDiscount(discount)}>Delete</button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <DiscountForm key={editing?.id ?? 'new'} product={product} editing={editing} onSaved={changed} onCancel={() => setEditing(null)} />
    </section>
  );
}
