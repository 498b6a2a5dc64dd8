// All orders, newest first: by status, or found by order number or email between two days.
import { orders as ordersApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { OrderStatus } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { StatusBadge } from '../../components/Timeline.tsx';
import { usePagedList } from '../../data.ts';
import { dayStart, formatDateTime, formatMoney, orderNumber, statusLabels } from '../../format.ts';
import { Link, useSearchParams } from 'react-router';
import { OrderSearch, ordersHref, searchOf } from './OrderSearch.tsx';

const filters: (OrderStatus | '')[] = ['', 'pending', 'paid', 'shipped', 'out_for_delivery', 'delivered', 'cancelled'];

export function OrdersConsolePage() {
  const [params] = useSearchParams();
  const search = searchOf(params);
  const searching = Boolean(search.q || search.from || search.to);
  // The list opens on what needs doing (pending); a search looks through every status unless one is picked.
  const status = (params.get('status') ?? (searching ? '' : 'pending')) as OrderStatus | '';
  const query = { status, q: search.q || undefined, from: dayStart(search.from), to: dayStart(search.to, true) };
  const list = usePagedList(['orders', 'all', query], (cursor) => ordersApi.list({ ...query, cursor, limit: 50 }));
  const errors = fieldErrorsOf(list.error);
  return (
    <section>
      <h1>Orders</h1>
      <OrderSearch status={status} values={search} errors={errors} />
      <nav className="tabs" aria-label="Order status">
        {filters.map((value) => (
          <Link key={value || 'all'} to={ordersHref(value, search)} replace aria-current={value === status ? 'page' : undefined}>
            {value ? statusLabels[value] : 'All'}
          </Link>
        ))}
      </nav>
      {Object.keys(errors).length ? null : <ErrorNotice error={list.error} retry={list.reload} />}
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.error ? <Empty>{searching ? 'No orders match this search.' : 'No orders here.'}</Empty> : null}
      {list.items.length ? (
        <div className="table-scroll">
          <table className="data-table orders-table">
            <thead>
              <tr>
                <th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Customer</th><th scope="col">Ships to</th>
                <th scope="col">Items</th><th scope="col">Total</th><th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((order) => (
                <tr key={order.id} data-testid="console-order-row">
                  <td><Link to={`/console/orders/${encodeURIComponent(order.id)}`}>{orderNumber(order.id)}</Link></td>
                  <td>{formatDateTime(order.createdAt)}</td>
                  <td className="customer-cell">
                    <span>{order.customer.name}</span>
                    {order.customer.email ? <span className="muted">{order.customer.email}</span> : null}
                  </td>
                  <td>{order.shippingAddress.city}, {order.shippingAddress.country}</td>
                  <td>{order.items.map((item) => `${item.quantity} × ${item.name}`).join(', ')}</td>
                  <td>{formatMoney(order.total)}</td>
                  <td><StatusBadge status={order.status} /></td>
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
