// The payment step of an order: right after placing it, or from a pending order's "Pay now".
import { Link } from 'react-router';
import type { Order } from '../../api/types.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notice.tsx';
import { formatMoney, orderNumber } from '../../format.ts';
import { useOrderPayments } from '../../payments/useOrderPayments.ts';
import { PayForm } from './PayForm.tsx';

export function PayPage({ id, justPlaced }: { id: string; justPlaced: boolean }) {
  const { order, payments } = useOrderPayments(id);
  if ((order.loading && !order.data) || (payments.loading && !payments.data)) return <Loading />;
  if (!order.data || !payments.data) return <ErrorNotice error={order.error ?? payments.error} retry={order.error ? order.reload : payments.reload} />;
  const current = order.data;
  const orderHref = `/orders/${encodeURIComponent(current.id)}`;

  if (current.status !== 'pending') {
    return (
      <section className="narrow">
        <h1>Pay for order <span className="order-id">{orderNumber(current.id)}</span></h1>
        <p>{current.status === 'cancelled' ? 'This order was cancelled, so there is nothing to pay.' : 'This order is paid. Thank you!'}</p>
        <Link to={orderHref}>See your order</Link>
      </section>
    );
  }
  return (
    <section className="pay-page">
      {justPlaced ? <SuccessNotice>Thank you! Your order is placed. We keep the items for you while you pay.</SuccessNotice> : null}
      <h1>Pay for your order</h1>
      <p className="muted">Order <span className="order-id">{orderNumber(current.id)}</span> · <strong>{formatMoney(current.total)}</strong> to pay</p>
      <div className="pay-columns">
        <PayForm order={current} payments={payments.data.items} />
        <OrderSummary order={current} />
      </div>
      <p><Link to={orderHref}>Pay later: see your order</Link></p>
    </section>
  );
}

function OrderSummary({ order }: { order: Order }) {
  return (
    <aside className="card pay-summary" aria-labelledby="pay-summary-title">
      <h2 id="pay-summary-title">Your order</h2>
      <ul className="summary-lines">
        {order.items.map((line) => <li key={line.productId}>{line.quantity} × {line.name}</li>)}
      </ul>
      <Breakdown figures={order} />
    </aside>
  );
}
