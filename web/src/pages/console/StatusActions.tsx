// Moves an order one step on: ship it (carrier and tracking number), out for delivery, delivered; or cancel.
import { useState, type FormEvent } from 'react';
import { orders as ordersApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Order, OrderStatus, Payment, StatusChange } from '../../api/types.ts';
import { TextField } from '../../components/Field.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatMoney, fromLocalInput } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { currentPayment, refundable } from '../../payments/payments.ts';

// A pending order waits for its payment (only a payment makes it paid); a paid one is shipped.
const nextStep: Partial<Record<OrderStatus, { status: OrderStatus; label: string }>> = {
  paid: { status: 'shipped', label: 'Mark as shipped' },
  shipped: { status: 'out_for_delivery', label: 'Mark as out for delivery' },
  out_for_delivery: { status: 'delivered', label: 'Mark as delivered' },
};

/** What cancelling does to the money: a paid order's payment goes back to the customer (payments refunds it). */
function cancelQuestion(order: Order, payments: Payment[]): string {
  const paid = currentPayment(payments);
  if (order.status !== 'paid') return 'Cancel this order? Its stock goes back on sale.';
  const back = paid?.status === 'succeeded' ? formatMoney(refundable(paid)) : 'its payment';
  return `Cancel this paid order? Its stock goes back on sale, and ${back} will be refunded to the customer.`;
}

interface StatusActionsProps {
  order: Order;
  payments: Payment[];
  onChanged: (order: Order) => void;
}

export function StatusActions({ order, payments, onChanged }: StatusActionsProps) {
  const [carrier, setCarrier] = useState(order.carrier ?? '');
  const [trackingNumber, setTrackingNumber] = useState(order.trackingNumber ?? '');
  const [estimate, setEstimate] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const step = nextStep[order.status];

  const move = (change: StatusChange) => void action.run(async () => onChanged(await ordersApi.setStatus(order.id, change)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!step) return;
    const change: StatusChange = { status: step.status };
    if (step.status === 'shipped') Object.assign(change, { carrier: carrier.trim(), trackingNumber: trackingNumber.trim() });
    const estimatedDelivery = fromLocalInput(estimate);
    if (estimatedDelivery) change.estimatedDelivery = estimatedDelivery;
    if (note.trim()) change.note = note.trim();
    move(change);
  };
  const cancel = () => {
    if (window.confirm(cancelQuestion(order, payments))) void action.run(async () => onChanged(await ordersApi.cancel(order.id)));
  };

  const cancelButton = <button type="button" className="danger" onClick={cancel} disabled={action.busy}>Cancel order</button>;
  if (order.status === 'pending') {
    return (
      <div className="card status-actions">
        <h2>Next step</h2>
        <p>This order waits for its payment; it can be shipped once it is paid.</p>
        <ErrorNotice error={action.error} />
        <div className="form-actions">{cancelButton}</div>
      </div>
    );
  }
  if (!step) return <div className="card"><p>This order is {order.status === 'delivered' ? 'delivered' : 'cancelled'}; nothing more to do.</p></div>;
  return (
    <form className="card status-actions" onSubmit={submit} noValidate>
      <h2>Next step</h2>
      {step.status === 'shipped' ? (
        <>
          <TextField label="Carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} error={errors.carrier} required />
          <TextField label="Tracking number" value={trackingNumber} onChange={(e) => setTrackingNumber(e.target.value)} error={errors.trackingNumber} required />
        </>
      ) : null}
      {step.status !== 'delivered' ? (
        <TextField label="Estimated delivery (optional)" type="datetime-local" value={estimate} onChange={(e) => setEstimate(e.target.value)} error={errors.estimatedDelivery} />
      ) : null}
      <TextField label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} error={errors.note} />
      <ErrorNotice error={action.error} />
      {order.status === 'paid' ? <p className="hint">Cancelling a paid order refunds its payment to the customer.</p> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.busy}>{step.label}</button>
        {order.status === 'paid' ? cancelButton : null}
      </div>
    </form>
  );
}
