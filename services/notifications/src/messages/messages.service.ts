import { cursorPart, decodeCursor, pageOf, type Db } from '@emporium/kit';
import { listMessages as selectMessages, type MessageRecord } from './messages.repository.ts';
import type { NotificationQuery } from './messages.schemas.ts';

export function toNotificationJson(message: MessageRecord) {
  return {
    id: message.id,
    to: message.to,
    template: message.template,
    subject: message.subject,
    text: message.text,
    html: message.html,
    status: message.status,
    error: message.error,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt ? message.sentAt.toISOString() : null,
  };
}

/** The mailbox (demo) or delivery log (production), newest first. */
export async function listNotifications(deps: { db: Db }, query: NotificationQuery) {
  const cursor = decodeCursor<[number]>(query.cursor, [cursorPart.natural]);
  const rows = await selectMessages(deps.db, {
    to: query.to?.trim().toLowerCase(),
    beforeSeq: cursor ? cursor[0] : undefined,
    limit: query.limit + 1,
  });
  return pageOf(rows, query.limit, toNotificationJson, (row) => [row.seq]);
}
