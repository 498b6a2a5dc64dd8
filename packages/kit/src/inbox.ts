import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db, Queryable } from './db.ts';
import type { EventEnvelope } from './outbox.ts';

export interface EventHandler {
  /**
   * True when each event carries the whole current state of its key (a price, a rating):
   * then an event older than one already applied for that key is skipped.
   */
  snapshot?: boolean;
  apply(tx: Queryable, event: EventEnvelope<any>): Promise<void>;
}

const Envelope = Type.Object({
  id: Type.String({ format: 'uuid' }),
  source: Type.String(),
  type: Type.String(),
  key: Type.String(),
  seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  occurredAt: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});

/** Applies one event at most once: the inbox row and the handler's writes share a transaction. */
export async function applyEvent(db: Db, handlers: Record<string, EventHandler>, event: EventEnvelope): Promise<boolean> {
  const handler = handlers[event.type];
  if (!handler) return false;
  return db.transaction(async (tx) => {
    const fresh = await tx.query(
      'INSERT INTO inbox (event_id, source, type) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
      [event.id, event.source, event.type],
    );
    if (fresh.length === 0) return false;
    if (handler.snapshot) {
      const newer = await tx.query(
        `INSERT INTO inbox_versions (source, type, key, seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source, type, key) DO UPDATE SET seq = EXCLUDED.seq WHERE inbox_versions.seq < EXCLUDED.seq
         RETURNING seq`,
        [event.source, event.type, event.key, event.seq],
      );
      if (newer.length === 0) return false;
    }
    await handler.apply(tx, event);
    return true;
  });
}

/** `POST /internal/events`: where other services' relays deliver. Not routed by the gateway. */
export function registerInbox(app: FastifyInstance, db: Db, handlers: Record<string, EventHandler>): void {
  app.post(
    '/internal/events',
    { schema: { hide: true, body: Type.Object({ events: Type.Array(Envelope, { maxItems: 1000 }) }) } },
    async (request) => {
      const { events } = request.body as { events: EventEnvelope[] };
      let applied = 0;
      for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
        if (await applyEvent(db, handlers, event)) applied++;
      }
      return { received: events.length, applied };
    },
  );
}
