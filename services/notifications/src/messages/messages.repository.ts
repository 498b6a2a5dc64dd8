import type { Queryable, Row } from '@emporium/kit';

export type MessageStatus = 'queued' | 'sent' | 'failed';

export interface MessageRecord {
  id: string;
  seq: number;
  eventId: string;
  template: string;
  recipientId: string | null;
  to: string | null;
  subject: string;
  text: string;
  html: string;
  status: MessageStatus;
  error: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

export type NewMessage = Pick<MessageRecord, 'id' | 'eventId' | 'template' | 'recipientId' | 'to' | 'subject' | 'text' | 'html'>;

const COLUMNS = 'id, seq, event_id, template, recipient_id, to_address, subject, text_body, html_body, status, error, attempts, created_at, sent_at';

const toRecord = (row: Row): MessageRecord => ({
  id: row.id,
  seq: Number(row.seq),
  eventId: row.event_id,
  template: row.template,
  recipientId: row.recipient_id,
  to: row.to_address,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body,
  status: row.status,
  error: row.error,
  attempts: Number(row.attempts),
  createdAt: new Date(row.created_at),
  sentAt: row.sent_at === null ? null : new Date(row.sent_at),
});

/** False when the event already made its message (the inbox guards too; this holds if it ever does not). */
export async function insertMessage(tx: Queryable, message: NewMessage): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO messages (id, event_id, template, recipient_id, to_address, subject, text_body, html_body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
    [message.id, message.eventId, message.template, message.recipientId, message.to, message.subject, message.text, message.html],
  );
  return rows.length > 0;
}

/**
 * Leases due messages for `leaseSeconds` and counts the attempt: another instance skips them, and a
 * crash mid-send frees them when the lease ends.
 */
export async function leaseDue(db: Queryable, limit: number, leaseSeconds: number): Promise<MessageRecord[]> {
  const rows = await db.query(
    `UPDATE messages SET leased_until = now() + make_interval(secs => $2), attempts = attempts + 1
      WHERE id IN (SELECT id FROM messages
                    WHERE status = 'queued' AND next_attempt_at <= now() AND (leased_until IS NULL OR leased_until <= now())
                    ORDER BY next_attempt_at, seq LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING ${COLUMNS}`,
    [limit, leaseSeconds],
  );
  return rows.map(toRecord);
}

export async function setAddress(db: Queryable, id: string, to: string): Promise<void> {
  await db.query('UPDATE messages SET to_address = $2 WHERE id = $1', [id, to]);
}

export async function markSent(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE messages SET status = 'sent', sent_at = now(), error = NULL, leased_until = NULL WHERE id = $1`, [id]);
}

export async function scheduleRetry(db: Queryable, id: string, delayMs: number, error: string): Promise<void> {
  await db.query(
    `UPDATE messages SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), leased_until = NULL, error = $3 WHERE id = $1`,
    [id, delayMs, error],
  );
}

export async function markFailed(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(`UPDATE messages SET status = 'failed', error = $2, leased_until = NULL WHERE id = $1`, [id, error]);
}

/** Newest first; `to` matches the address exactly (addresses are stored lower-cased by users). */
export async function listMessages(db: Queryable, filter: { to?: string; beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM messages
      WHERE ($1::text IS NULL OR to_address = $1) AND ($2::bigint IS NULL OR seq < $2)
      ORDER BY seq DESC LIMIT $3`,
    [filter.to ?? null, filter.beforeSeq ?? null, filter.limit],
  );
  return rows.map(toRecord);
}
