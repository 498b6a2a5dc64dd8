import { AppError } from '@emporium/kit';

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'out_for_delivery', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

// `paid` comes only from a succeeded payment (payments/payment-events.ts), never from a staff request.
const NEXT: Record<OrderStatus, OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['out_for_delivery'],
  out_for_delivery: ['delivered'],
  delivered: [],
  cancelled: [],
};

export const isFinal = (status: OrderStatus) => NEXT[status].length === 0;
export const canCancel = (status: OrderStatus) => NEXT[status].includes('cancelled');

export interface StatusChange {
  status: OrderStatus;
  carrier?: string;
  trackingNumber?: string;
}

/** The part of a change that is about its shape alone (checked before the order is looked up: 400 before 404). */
export function checkStatusChangeShape(change: StatusChange): void {
  if (change.status === 'shipped' && (!change.carrier || !change.trackingNumber)) {
    const errors = [
      ...(change.carrier ? [] : [{ path: '/body/carrier', message: 'is required when the status is shipped' }]),
      ...(change.trackingNumber ? [] : [{ path: '/body/trackingNumber', message: 'is required when the status is shipped' }]),
    ];
    throw new AppError('REQUEST.INVALID', 400, 'A shipped order needs a carrier and a tracking number', { errors });
  }
}

/**
 * What a requested status means for an order now: `advance` moves it along the lifecycle (a history
 * entry); `update` keeps an open order's status and only changes its details (estimated delivery,
 * carrier, tracking number). Anything else is a 409.
 */
export function planStatusChange(from: OrderStatus, to: OrderStatus): 'advance' | 'update' {
  if (to === 'paid' && from !== 'paid') {
    throw new AppError('ORDER.INVALID_TRANSITION', 409, 'An order becomes paid only through a succeeded payment', { from, to });
  }
  if (NEXT[from].includes(to)) return 'advance';
  if (from === to && !isFinal(from)) return 'update';
  throw new AppError('ORDER.INVALID_TRANSITION', 409, `An order that is ${from.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}`, {
    from,
    to,
  });
}
