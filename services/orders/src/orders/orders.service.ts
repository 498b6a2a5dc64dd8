import {
  AppError, cursorPart, decodeCursor, eventOf, isStaff, OrderCancelled, OrderDelivered, OrderShipped, pageOf, publishEvent,
  type AuthUser, type EventContract, type Queryable,
} from '@emporium/kit';
import { ORDER_EVENTS, type OrderDeps } from './deps.ts';
import { orderEventData, toOrderJson } from './order-json.ts';
import { appendHistory, findOrder, listOrders as selectOrders, lockOrder, purchasesOf, updateOrder } from './orders.repository.ts';
import type { OrderJson, OrderListInput, StatusChangeInput } from './orders.schemas.ts';
import { releaseNow } from './releases.ts';
import { addPendingRelease } from './releases.repository.ts';
import { canCancel, checkStatusChangeShape, planStatusChange, type OrderStatus } from './transitions.ts';

const notFound = () => new AppError('ORDER.NOT_FOUND', 404, 'Order not found');
// Another customer's order answers exactly like one that does not exist.
const visibleTo = (user: AuthUser, order: { customerId: string } | null) => order !== null && (isStaff(user) || order.customerId === user.userId);

export async function getOrder(deps: OrderDeps, user: AuthUser, orderId: string): Promise<OrderJson> {
  const order = await findOrder(deps.db, orderId);
  if (!order || !visibleTo(user, order)) throw notFound();
  return toOrderJson(order);
}

/** Customers see their own orders; staff see everyone's. Newest first, narrowed by status, search and dates. */
export async function listOrders(deps: OrderDeps, user: AuthUser, query: OrderListInput) {
  const beforeSeq = decodeCursor(query.cursor, [cursorPart.integer])?.[0];
  const rows = await selectOrders(deps.db, {
    customerId: isStaff(user) ? undefined : user.userId,
    status: query.status,
    ...searchOf(query.q),
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    beforeSeq,
    limit: query.limit + 1,
  });
  return pageOf(rows, query.limit, toOrderJson, (row) => [row.seq]);
}

/** `q` is an email when it has an @, else the first characters of an order number (as the order's pages show it). */
function searchOf(q: string | undefined): { email?: string; idPrefix?: string } {
  if (q === undefined) return {};
  if (q.includes('@')) return { email: q };
  if (/^[0-9a-f-]{4,36}$/i.test(q)) return { idPrefix: q.toLowerCase() };
  throw new AppError('REQUEST.INVALID', 400, 'Search by an order number (its first 4 characters or more) or an email', {
    errors: [{ path: '/query/q', message: 'is neither an order number nor an email' }],
  });
}

/** The owner or staff cancel a pending order; its stock and its code's use go back. */
export async function cancelOrder(deps: OrderDeps, user: AuthUser, orderId: string, note?: string): Promise<OrderJson> {
  return changeOrder(deps, orderId, (current) => {
    if (!visibleTo(user, current)) throw notFound();
    if (!canCancel(current.status)) {
      throw new AppError('ORDER.NOT_CANCELLABLE', 409, `An order that is ${current.status.replace(/_/g, ' ')} can no longer be cancelled`);
    }
    return { status: 'cancelled', note };
  });
}

/**
 * The platform cancels an order still unpaid after its time (payments/expiry.ts), through the same path as
 * any cancellation (stock, promotion use, events). False when it was paid or cancelled meanwhile: the
 * check is made again under the order's row lock, so several orders instances may expire at once.
 */
export async function expireUnpaidOrder(deps: OrderDeps, orderId: string): Promise<boolean> {
  try {
    await changeOrder(deps, orderId, (current) => {
      if (current.status !== 'pending') throw new NotDue();
      return { status: 'cancelled', note: 'payment not received' };
    });
    return true;
  } catch (err) {
    if (err instanceof NotDue) return false;
    throw err;
  }
}

class NotDue extends Error {}

/** Staff move an order along its lifecycle, or change an open order's delivery details. */
export async function changeStatus(deps: OrderDeps, orderId: string, change: StatusChangeInput): Promise<OrderJson> {
  checkStatusChangeShape(change);
  return changeOrder(deps, orderId, () => change);
}

/** Locks the order, applies the change `decide` returns, writes history and events, then returns stock for a cancellation. */
async function changeOrder(
  deps: OrderDeps,
  orderId: string,
  decide: (current: { status: OrderStatus; customerId: string }) => StatusChangeInput,
): Promise<OrderJson> {
  const { order, cancelled } = await deps.db.transaction(async (tx) => {
    const current = await lockOrder(tx, orderId);
    if (!current) throw notFound();
    const change = decide(current);
    const plan = planStatusChange(current.status, change.status);
    await updateOrder(tx, orderId, {
      status: change.status,
      carrier: change.carrier,
      trackingNumber: change.trackingNumber,
      estimatedDelivery: change.estimatedDelivery ? new Date(change.estimatedDelivery) : undefined,
    });
    if (plan === 'advance') await recordAdvance(deps, tx, orderId, change);
    return { order: (await findOrder(tx, orderId))!, cancelled: plan === 'advance' && change.status === 'cancelled' };
  });
  if (cancelled) await releaseNow(deps, orderId);
  deps.eventsWritten();
  return toOrderJson(order);
}

/** The statuses the customer hears about (out_for_delivery is not one). */
const EVENT_OF: Partial<Record<OrderStatus, EventContract>> = { shipped: OrderShipped, delivered: OrderDelivered, cancelled: OrderCancelled };

async function recordAdvance(deps: OrderDeps, tx: Queryable, orderId: string, change: StatusChangeInput): Promise<void> {
  await appendHistory(tx, orderId, change.status, change.note ?? null);
  const event = EVENT_OF[change.status];
  if (event) {
    const order = (await findOrder(tx, orderId))!;
    await publishEvent(tx, ORDER_EVENTS, eventOf(event, orderId, orderEventData(order)));
  }
  // The release is recorded with the cancellation, so stock goes back even if products is down right now.
  if (change.status === 'cancelled') await addPendingRelease(tx, orderId, 'order cancelled');
}

export const purchases = (deps: OrderDeps, customerId: string, productId: string) => purchasesOf(deps.db, customerId, productId);
