// What delivery costs and how long it takes, from the shop's own shipping methods, and how returns work.
import { shippingMethods as methodsApi } from '../../api/endpoints.ts';
import { deliveryDays } from '../../cart/checkout.ts';
import { useLoad } from '../../data.ts';
import { formatMoney } from '../../format.ts';

export function ShippingNote() {
  const methods = useLoad(['shipping-methods', ''], async () => (await methodsApi.list()).items);
  const items = methods.data ?? [];
  return (
    <section className="shipping-note" aria-labelledby="shipping-note-title" data-testid="shipping-note">
      <h2 id="shipping-note-title">Shipping and returns</h2>
      {items.length ? (
        <ul>
          {items.map((method) => (
            <li key={method.id}>
              <strong>{method.name}</strong> ({method.carrier}): {method.price.amount ? formatMoney(method.price) : 'free'}
              {method.freeOver ? `, free from ${formatMoney(method.freeOver)}` : ''} · {deliveryDays(method)}
              {method.countries.includes('*') ? ' · worldwide' : ''}
            </li>
          ))}
        </ul>
      ) : methods.loading ? null : <p className="muted">Delivery options and their prices are shown at checkout.</p>}
      <p className="muted">Changed your mind? Cancel the order any time before it ships; a paid order is refunded in full.</p>
    </section>
  );
}
