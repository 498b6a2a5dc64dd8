// My orders, newest first.
import { useEffect, useState } from 'react';
import { orders as ordersApi } from '../../api/endpoints.ts';
import type { Order } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { RequireUser } from '../../components/RequireUser.tsx';
import { StatusBadge } from '../../components/Timeline.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { useAction, useLoad } from '../../hooks.ts';
import { Link } from '../../router.tsx';

export function OrdersPage() {
  return <RequireUser><Orders /></RequireUser>;
}

function Orders() {
  const first = useLoad(() => ordersApi.list({ limit: 20 }), []);
  const [items, setItems] = useState<Order[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const more = useAction();
  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setCursor(first.data.nextCursor);
  }, [first.data]);
  const loadMore = () =>
    more.run(async () => {
      const page = await ordersApi.list({ limit: 20, cursor: cursor ?? undefined });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    });

  return (
    <section className="narrow">
      <h1>My orders</h1>
      <ErrorNotice error={first.error} retry={first.reload} />
      {first.loading && !items.length ? <Loading /> : null}
      {!first.loading && !first.error && !items.length ? <Empty>No orders yet. <Link href="/">Start shopping</Link></Empty> : null}
      <ul className="order-list">
        {items.map((order) => (
          <li key={order.id} className="order-row" data-testid="order-row">
            <Link href={`/orders/${encodeURIComponent(order.id)}`} className="order-row-link">
              <span className="order-row-title">
                Order of {formatDate(order.createdAt)}
                <span className="muted"> · {order.items.length} item{order.items.length === 1 ? '' : 's'}</span>
              </span>
              <span className="order-row-names muted">{order.items.map((item) => item.name).join(', ')}</span>
            </Link>
            <StatusBadge status={order.status} />
            <strong>{formatMoney(order.total)}</strong>
          </li>
        ))}
      </ul>
      <ErrorNotice error={more.error} />
      {cursor ? <button type="button" className="secondary" onClick={() => void loadMore()} disabled={more.busy}>Load more</button> : null}
    </section>
  );
}
