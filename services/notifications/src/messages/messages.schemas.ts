import { ListQuery, Page } from '@emporium/kit';
import { Type, type Static } from 'typebox';

export const Notification = Type.Object({
  id: Type.String(),
  to: Type.Union([Type.String(), Type.Null()], { description: "The recipient's address; null only while it is being looked up" }),
  template: Type.String({ description: 'verify_email, password_reset, order_placed, order_paid, order_shipped, order_delivered, order_cancelled' }),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')]),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt failed' }),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const NotificationPage = Page(Notification);

export const NotificationQuery = Type.Object({
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'Only messages to this address (any case)' })),
  ...ListQuery,
});
export type NotificationQuery = Static<typeof NotificationQuery>;
