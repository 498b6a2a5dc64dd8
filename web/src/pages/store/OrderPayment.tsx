// Where the money of one of my orders stands: awaiting payment (with "Pay now"), a bank transfer awaited,
// the last attempt failed and why, or paid (how, when) and what was refunded.
import { Link } from 'react-router';
import type { Order, Payment } from '../../api/types.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { awaitedTransfer, currentPayment, failureMessage, paidWith } from '../../payments/payments.ts';

export function OrderPayment({ order, payments }: { order: Order; payments: Payment[] }) {
  const payment = currentPayment(payments);
  return (
    <section className="card order-payment" aria-labelledby="payment-title" data-testid="payment-status">
      <h2 id="payment-title">Payment</h2>
      {payment?.status === 'succeeded' ? <Paid order={order} payment={payment} /> : <Unpaid order={order} payments={payments} />}
    </section>
  );
}

function Paid({ order, payment }: { order: Order; payment: Payment }) {
  const refunded = payment.refundedAmount.amount;
  return (
    <>
      <p className="payment-state payment-paid">
        {order.status === 'pending' ? 'Payment received' : 'Paid'} <strong>{formatMoney(payment.amount)}</strong> by {paidWith(payment)}
        <span className="muted"> · {formatDate(payment.updatedAt)}</span>
      </p>
      {order.status === 'pending' ? <p className="muted" role="status">Confirming your order…</p> : null}
      {refunded > 0 ? (
        <p className="payment-refund" data-testid="payment-refund">
          {refunded >= payment.amount.amount ? `Refunded in full: ${formatMoney(payment.refundedAmount)}` : `Refunded ${formatMoney(payment.refundedAmount)} of ${formatMoney(payment.amount)}`}
          <span className="muted">{payment.card ? ` to your ${paidWith(payment)}; banks usually show it within a few days.` : '. The shop pays it back to you the way you paid.'}</span>
        </p>
      ) : null}
    </>
  );
}

function Unpaid({ order, payments }: { order: Order; payments: Payment[] }) {
  const payHref = `/orders/${encodeURIComponent(order.id)}/pay`;
  if (order.status === 'cancelled') return <p className="payment-state">Nothing was charged for this order.</p>;
  if (order.status !== 'pending') return <p className="payment-state">No payment is on record for this order.</p>;
  const transfer = awaitedTransfer(payments);
  if (transfer) {
    return (
      <>
        <p className="payment-state payment-waiting">Bank transfer awaiting confirmation</p>
        <p>
          Transfer <strong>{formatMoney(transfer.amount)}</strong> to the shop with <code className="transfer-reference">{order.id}</code> as
          the reference. We confirm your order when the money arrives, and keep it for you up to 7 days.
        </p>
        <Link to={payHref}>Pay by card instead</Link>
      </>
    );
  }
  const last = payments.at(-1);
  return (
    <>
      {last?.status === 'failed' ? (
        <p className="payment-state payment-failed">Your last payment did not go through: {failureMessage(last.failureCode)}</p>
      ) : last?.status === 'pending' ? (
        <p className="payment-state payment-waiting">Your card payment awaits confirmation.</p>
      ) : (
        <p className="payment-state payment-waiting">Awaiting payment of <strong>{formatMoney(order.total)}</strong></p>
      )}
      <Link className="button primary" to={payHref}>{last?.status === 'failed' ? 'Try again' : 'Pay now'}</Link>
    </>
  );
}
