// My orders, newest first.
import { orders as ordersApi } from '../../api/endpoints.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { RequireUser } from '../../components/RequireUser.tsx';
import { StatusBadge } from '../../components/Timeline.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { usePagedList } from '../../data.ts';
import { Link } from 'react-router';

export function OrdersPage() {
  return <RequireUser><Orders /></RequireUser>;
}

function Orders() {
  const list = usePagedList(['orders', 'mine'], (cursor) => ordersApi.list({ limit: 20, cursor }));
  const { items } = list;

  return (
    <section className="narrow">
      <h1>My orders</h1>
      <ErrorNotice error={list.error} retry={list.reload} />
      {list.loading && !items.length ? <Loading /> : null}
      {!list.loading && !list.error && !items.length ? <Empty>No orders yet. <Link to="/">Start shopping</Link></Empty> : null}
      <ul className="order-list">
        {items.map((order) => (
          <li key={order.id} className="order-row" data-testid="order-row">
            <Link to={`/orders/${encodeURIComponent(order.id)}`} className="order-row-link">
              <span className="order-row-title">
                Order of {formatDate(order.createdAt)}
                <span className="muted"> · {order.items.length} item{order.items.length === 1 ? '' : 's'}</span>
              </span>
              <span className="order-row-names muted">{order.items.map((item) => item.name).join(', ')}</span>
            </Link>
            <StatusBadge status={order.status} />
            <strong>{formatMoney(order.total)}</strong>
            <Breakdown figures={order} compact testId={`order-breakdown-${order.id}`} />
          </li>
        ))}
      </ul>
      {list.nextCursor ? <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loading}>Load more</button> : null}
    </section>
  );
}
