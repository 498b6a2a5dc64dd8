// An order's way to the door: each step with its time, the carrier and tracking number, the estimate.
import type { Order, OrderStatus } from '../api/types.ts';
import { formatDate, formatDateTime, statusLabels } from '../format.ts';
import { TrackingLink } from './TrackingLink.tsx';

const steps: OrderStatus[] = ['pending', 'paid', 'shipped', 'out_for_delivery', 'delivered'];
const stepNames: Record<string, string> = { pending: 'Order placed', paid: 'Paid', shipped: 'Shipped', out_for_delivery: 'Out for delivery', delivered: 'Delivered' };

export function Timeline({ order }: { order: Order }) {
  const when = (status: OrderStatus) => [...order.history].reverse().find((entry) => entry.status === status);
  const cancelled = order.status === 'cancelled';
  const reached = steps.indexOf(order.status);
  const shown = cancelled ? (['pending', 'cancelled'] as OrderStatus[]) : steps;
  return (
    <div className="timeline-wrap">
      <ol className="timeline" aria-label="Order status">
        {shown.map((status, index) => {
          const entry = when(status) ?? (status === 'pending' ? { status, at: order.createdAt } : undefined);
          const done = cancelled ? true : index <= reached;
          const current = cancelled ? status === 'cancelled' : index === reached;
          return (
            <li key={status} className={`timeline-step${done ? ' done' : ''}${current ? ' current' : ''}${status === 'cancelled' ? ' cancelled' : ''}`}
              aria-current={current ? 'step' : undefined}>
              <span className="timeline-dot" aria-hidden="true" />
              <div>
                <strong>{stepNames[status] ?? statusLabels[status]}</strong>
                {entry ? <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> : <span className="muted">Not yet</span>}
                {status === 'shipped' && done && order.carrier ? (
                  <span className="timeline-detail">{order.carrier} · tracking <TrackingLink carrier={order.carrier} trackingNumber={order.trackingNumber} /></span>
                ) : null}
                {entry && 'note' in entry && entry.note ? <span className="timeline-detail">{entry.note}</span> : null}
              </div>
            </li>
          );
        })}
      </ol>
      {order.estimatedDelivery && !cancelled && order.status !== 'delivered' ? (
        <p className="estimate">Estimated delivery: <strong>{formatDate(order.estimatedDelivery)}</strong></p>
      ) : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`status-badge status-${status}`}>{statusLabels[status] ?? status}</span>;
}
