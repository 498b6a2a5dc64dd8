import type { Queryable } from './db.ts';

/**
 * Deletes outbox rows delivered more than `retentionHours` ago, a thousand at a time (each batch its
 * own statement, so no long lock). Undelivered rows stay however old they are. Kept that long because
 * a delivered row is the producer's record of what it told whom, worth having when a consumer is
 * investigated; without pruning, a busy shop's outbox grows by every event it ever sent.
 */
export async function pruneDeliveredEvents(db: Queryable, retentionHours: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await db.query(
      `DELETE FROM outbox WHERE seq IN (
         SELECT seq FROM outbox WHERE delivered_at < now() - make_interval(hours => $1::int) LIMIT 1000)
       RETURNING seq`,
      [retentionHours],
    );
    deleted += rows.length;
    if (rows.length < 1000) return deleted;
  }
}
