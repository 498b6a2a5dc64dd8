// One order for an employee: its details and the next step of its lifecycle.
import { orders as ordersApi } from '../../api/endpoints.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { OrderLines, ShippingTo } from '../../components/OrderDetails.tsx';
import { StatusBadge, Timeline } from '../../components/Timeline.tsx';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../data.ts';
import { Link } from 'react-router';
import { StatusActions } from './StatusActions.tsx';

export function OrderConsolePage({ id }: { id: string }) {
  const order = useLoad(['orders', 'one', id], () => ordersApi.get(id));
  if (order.loading && !order.data) return <Loading />;
  if (!order.data) return <ErrorNotice error={order.error} retry={order.reload} />;
  const current = order.data;
  return (
    <section>
      <Link to={`/console/orders?status=${current.status}`}>← Orders</Link>
      <div className="console-title">
        <h1>Order #{current.id.slice(-8)} <StatusBadge status={current.status} /></h1>
      </div>
      <p className="muted">Placed {formatDateTime(current.createdAt)} · customer {current.customerId}</p>
      <div className="console-columns">
        <div>
          <Timeline order={current} />
          <ShippingTo order={current} />
          <OrderLines order={current} />
          <Breakdown figures={current} />
        </div>
        <StatusActions key={current.updatedAt} order={current} onChanged={order.setData} />
      </div>
    </section>
  );
}
