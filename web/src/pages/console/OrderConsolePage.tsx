// One order for an employee: its details, its payments, and the next step of its lifecycle.
import { Link } from 'react-router';
import type { Payment } from '../../api/types.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { OrderLines, ShippingTo } from '../../components/OrderDetails.tsx';
import { StatusBadge, Timeline } from '../../components/Timeline.tsx';
import { formatDateTime, orderNumber } from '../../format.ts';
import { useOrderPayments } from '../../payments/useOrderPayments.ts';
import { PaymentsPanel } from './PaymentsPanel.tsx';
import { StatusActions } from './StatusActions.tsx';

export function OrderConsolePage({ id }: { id: string }) {
  const { order, payments } = useOrderPayments(id);
  if (order.loading && !order.data) return <Loading />;
  if (!order.data) return <ErrorNotice error={order.error} retry={order.reload} />;
  const current = order.data;
  const list = payments.data?.items;
  // The captured payment replaces its row at once; the order then follows by event (polled meanwhile).
  const captured = (payment: Payment) => payments.setData({ items: (list ?? []).map((item) => (item.id === payment.id ? payment : item)) });
  return (
    <section>
      <Link to={`/console/orders?status=${current.status}`}>← Orders</Link>
      <div className="console-title">
        <h1>Order {orderNumber(current.id)} <StatusBadge status={current.status} /></h1>
      </div>
      <p className="muted">Placed {formatDateTime(current.createdAt)} · customer {current.customerId}</p>
      <div className="console-columns">
        <div>
          <Timeline order={current} />
          <ShippingTo order={current} />
          <OrderLines order={current} />
          <Breakdown figures={current} />
        </div>
        <div>
          {list ? <PaymentsPanel order={current} payments={list} onChanged={payments.reload} onCaptured={captured} />
            : <ErrorNotice error={payments.error} retry={payments.reload} />}
          <StatusActions key={current.updatedAt} order={current} payments={list ?? []} onChanged={(next) => { order.setData(next); payments.reload(); }} />
        </div>
      </div>
    </section>
  );
}
