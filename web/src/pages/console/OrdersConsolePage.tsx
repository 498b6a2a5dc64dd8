// All orders, filtered by status, newest first.
import { orders as ordersApi } from '../../api/endpoints.ts';
import type { OrderStatus } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { StatusBadge } from '../../components/Timeline.tsx';
import { formatDateTime, formatMoney, orderNumber, statusLabels } from '../../format.ts';
import { Link, useSearchParams } from 'react-router';
import { usePagedList } from '../../data.ts';

const filters: (OrderStatus | '')[] = ['', 'pending', 'paid', 'shipped', 'out_for_delivery', 'delivered', 'cancelled'];

export function OrdersConsolePage() {
  const [search] = useSearchParams();
  const status = (search.get('status') ?? 'pending') as OrderStatus | '';
  const list = usePagedList(['orders', 'all', status], (cursor) => ordersApi.list({ status, cursor, limit: 50 }));
  return (
    <section>
      <h1>Orders</h1>
      <nav className="tabs" aria-label="Order status">
        {filters.map((value) => (
          <Link key={value || 'all'} to={`/console/orders?status=${value}`} replace aria-current={value === status ? 'page' : undefined}>
            {value ? statusLabels[value] : 'All'}
          </Link>
        ))}
      </nav>
      <ErrorNotice error={list.error} retry={list.reload} />
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.error ? <Empty>No orders here.</Empty> : null}
      {list.items.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Ships to</th><th scope="col">Items</th><th scope="col">Total</th><th scope="col">Status</th></tr>
            </thead>
            <tbody>
              {list.items.map((order) => (
                <tr key={order.id} data-testid="console-order-row">
                  <td><Link to={`/console/orders/${encodeURIComponent(order.id)}`}>{orderNumber(order.id)}</Link></td>
                  <td>{formatDateTime(order.createdAt)}</td>
                  <td>{order.shippingAddress.name}, {order.shippingAddress.city}</td>
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
