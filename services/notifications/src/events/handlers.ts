import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventHandler, Queryable } from '@emporium/kit';
import { insertMessage } from '../messages/messages.repository.ts';
import { passwordReset, verifyEmail, type AccountTokenData } from '../templates/account.ts';
import type { Rendered, Shop } from '../templates/layout.ts';
import { orderCancelled, orderDelivered, orderPaid, orderPlaced, orderShipped, type OrderEventData } from '../templates/orders.ts';

/** users' account events: the address and the token travel in the event (docs/ARCHITECTURE.md, Events). */
interface AccountEventData extends AccountTokenData {
  userId: string;
  email: string;
}

type Template<D> = (shop: Shop, data: D) => Rendered;

/** A message for the address the event names. */
function toAddress(template: string, render: Template<AccountEventData>, shop: Shop): EventHandler {
  return {
    async apply(tx, event: EventEnvelope<AccountEventData>) {
      if (typeof event.data.email !== 'string' || typeof event.data.token !== 'string') return;
      await save(tx, event, template, { to: event.data.email, recipientId: event.data.userId ?? null }, render(shop, event.data));
    },
  };
}

/** A message for the customer the order belongs to: the delivery loop asks users for the address. */
function toCustomer(template: string, render: Template<OrderEventData>, shop: Shop): EventHandler {
  return {
    async apply(tx, event: EventEnvelope<OrderEventData>) {
      // Events from before orders carried the order's details are skipped: there is nothing to write.
      if (typeof event.data.customerId !== 'string' || !Array.isArray(event.data.items) || !event.data.total) return;
      await save(tx, event, template, { to: null, recipientId: event.data.customerId }, render(shop, event.data));
    },
  };
}

async function save(tx: Queryable, event: EventEnvelope<unknown>, template: string, recipient: { to: string | null; recipientId: string | null }, rendered: Rendered) {
  await insertMessage(tx, { id: randomUUID(), eventId: event.id, template, ...recipient, ...rendered });
}

/** Every event this service turns into a message, each applied once by the kit's inbox. */
export function notificationHandlers(shop: Shop): Record<string, EventHandler> {
  return {
    'user.registered': toAddress('verify_email', verifyEmail, shop),
    'user.verification_requested': toAddress('verify_email', verifyEmail, shop),
    'user.password_reset_requested': toAddress('password_reset', passwordReset, shop),
    'order.placed': toCustomer('order_placed', orderPlaced, shop),
    'order.paid': toCustomer('order_paid', orderPaid, shop),
    'order.shipped': toCustomer('order_shipped', orderShipped, shop),
    'order.delivered': toCustomer('order_delivered', orderDelivered, shop),
    'order.cancelled': toCustomer('order_cancelled', orderCancelled, shop),
  };
}
