// One of my orders: its timeline, lines, address; cancel while pending; review what was bought.
import { orders as ordersApi } from '../../api/endpoints.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notice.tsx';
import { isNotFound, NotFoundPage } from '../../components/NotFoundPage.tsx';
import { OrderLines, ShippingTo } from '../../components/OrderDetails.tsx';
import { RequireUser } from '../../components/RequireUser.tsx';
import { StatusBadge, Timeline } from '../../components/Timeline.tsx';
import { formatDateTime, orderNumber } from '../../format.ts';
import { useLoad } from '../../data.ts';
import { useAction } from '../../hooks.ts';
import { Link } from 'react-router';

export function OrderPage({ id }: { id: string }) {
  return <RequireUser><OrderView id={id} /></RequireUser>;
}

function OrderView({ id }: { id: string }) {
  const order = useLoad(['orders', 'one', id], () => ordersApi.get(id));
  const cancel = useAction();
  const justPlaced = new URLSearchParams(window.location.search).has('placed');
  if (order.loading && !order.data) return <Loading />;
  if (!order.data && isNotFound(order.error)) {
    return <NotFoundPage title="Order not found" back={{ to: '/orders', label: 'See my orders' }}>We have no order with that number in your account.</NotFoundPage>;
  }
  if (!order.data) return <ErrorNotice error={order.error} retry={order.reload} />;
  const current = order.data;
  const cancelOrder = () =>
    void cancel.run(async () => {
      if (!window.confirm('Cancel this order?')) return;
      order.setData(await ordersApi.cancel(current.id));
    });

  return (
    <section className="order-page narrow">
      <Link to="/orders">← My orders</Link>
      {justPlaced ? <SuccessNotice>Thank you! Your order is placed.</SuccessNotice> : null}
      <h1>Order <span className="order-id">#{orderNumber(current.id)}</span> <StatusBadge status={current.status} /></h1>
      <p className="muted">Placed {formatDateTime(current.createdAt)}</p>
      <Timeline order={current} />
      <ShippingTo order={current} />
      <OrderLines order={current} linkProducts />
      <Breakdown figures={current} />
      <ErrorNotice error={cancel.error} />
      {current.status === 'pending' ? (
        <button type="button" className="danger" onClick={cancelOrder} disabled={cancel.busy}>Cancel order</button>
      ) : null}
    </section>
  );
}
