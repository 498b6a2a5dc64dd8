// One of my orders: its payment, timeline, lines, address; pay while pending, cancel before it ships;
// review what was bought.
import { Link } from 'react-router';
import { orders as ordersApi } from '../../api/endpoints.ts';
import type { Order, Payment } from '../../api/types.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notice.tsx';
import { OrderLines, ShippingTo } from '../../components/OrderDetails.tsx';
import { StatusBadge, Timeline } from '../../components/Timeline.tsx';
import { formatDateTime, formatMoney, orderNumber } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { awaitedTransfer, currentPayment, refundable } from '../../payments/payments.ts';
import { useOrderPayments } from '../../payments/useOrderPayments.ts';
import { OrderPayment } from './OrderPayment.tsx';

/** What the page says after the step that led here (placing, paying, choosing a bank transfer). */
export type Arrival = 'placed' | 'paid' | 'transfer' | null;

const arrivals: Record<Exclude<Arrival, null>, string> = {
  placed: 'Thank you! Your order is placed.',
  paid: 'Thank you! Your payment is received.',
  transfer: 'Thank you! Please pay by bank transfer as shown below; we confirm your order when the money arrives.',
};

/** The thanks of the step that led here, while it is still true (the address keeps it across reloads). */
function arrivalNotice(arrival: Arrival, order: Order, payments: Payment[] | undefined): string | null {
  if (!arrival || !payments) return null;
  const still = {
    placed: order.status === 'pending',
    paid: order.status !== 'cancelled' && currentPayment(payments)?.status === 'succeeded',
    transfer: order.status === 'pending' && awaitedTransfer(payments) !== null,
  };
  return still[arrival] ? arrivals[arrival] : null;
}

/** Before the question: a paid order's money goes back, so the customer hears how much. */
function cancelQuestion(order: Order, payments: Payment[]): string {
  const paid = currentPayment(payments);
  if (order.status !== 'paid' || paid?.status !== 'succeeded') return 'Cancel this order?';
  return `Cancel this order? Your payment is refunded: ${formatMoney(refundable(paid))} goes back to the way you paid.`;
}

export function OrderPage({ id, arrival }: { id: string; arrival: Arrival }) {
  const { order, payments } = useOrderPayments(id);
  const cancel = useAction();
  if (order.loading && !order.data) return <Loading />;
  if (!order.data) return <ErrorNotice error={order.error} retry={order.reload} />;
  const current = order.data;
  const cancelOrder = () =>
    void cancel.run(async () => {
      if (!window.confirm(cancelQuestion(current, payments.data?.items ?? []))) return;
      order.setData(await ordersApi.cancel(current.id));
      payments.reload();
    });

  return (
    <section className="order-page narrow">
      <Link to="/orders">← My orders</Link>
      <SuccessNotice>{arrivalNotice(arrival, current, payments.data?.items)}</SuccessNotice>
      <h1>Order <span className="order-id">{orderNumber(current.id)}</span> <StatusBadge status={current.status} /></h1>
      <p className="muted">Placed {formatDateTime(current.createdAt)}</p>
      {payments.data ? <OrderPayment order={current} payments={payments.data.items} /> : <ErrorNotice error={payments.error} retry={payments.reload} />}
      <Timeline order={current} />
      <ShippingTo order={current} />
      <OrderLines order={current} linkProducts />
      <Breakdown figures={current} />
      <ErrorNotice error={cancel.error} />
      {current.status === 'pending' || current.status === 'paid' ? (
        <button type="button" className="danger" onClick={cancelOrder} disabled={cancel.busy}>Cancel order</button>
      ) : null}
    </section>
  );
}
