import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from './db.ts';
import { createPeer, type Peer } from './http.ts';
import { pruneDeliveredEvents } from './outbox-retention.ts';
import type { ServiceCredential } from './service-token.ts';
import { traced } from './tracing.ts';
import { startWorkLoop } from './work-loop.ts';

/** An event as it travels between services. `seq` grows with each event a source writes. */
export interface EventEnvelope<D = Record<string, unknown>> {
  id: string;
  source: string;
  type: string;
  key: string;
  seq: number;
  occurredAt: string;
  data: D;
}

/** Which destinations receive which event types, e.g. `{products: ['discount.changed']}`. */
export type Subscriptions = Record<string, string[]>;

/**
 * Writes an event into the outbox inside the caller's transaction, one row per subscribed
 * destination, so the change and its event commit or fail together.
 */
export async function publishEvent(
  tx: Queryable,
  subscriptions: Subscriptions,
  event: { type: string; key: string; data: Record<string, unknown> },
): Promise<void> {
  await tx.query(
    outboxInsertFrom('(SELECT $1::uuid AS event_id, $2::text AS type, $3::text AS key, $4::jsonb AS data, $5::text[] AS destinations)'),
    [randomUUID(), event.type, event.key, JSON.stringify(event.data), destinationsOf(subscriptions, event.type)],
  );
}

/**
 * SQL that writes events into the outbox, one row per destination, for a caller that saves changes
 * and their events in a single statement (as one part of a WITH query). `events` is an SQL relation
 * with the columns event_id uuid, type text, key text, data jsonb and destinations text[].
 */
export const outboxInsertFrom = (events: string) =>
  `INSERT INTO outbox (event_id, destination, type, key, data)
   SELECT e.event_id, d, e.type, e.key, e.data FROM ${events} AS e, unnest(e.destinations) AS d`;

/** The destinations subscribed to an event type. */
export const destinationsOf = (subscriptions: Subscriptions, type: string): string[] =>
  Object.entries(subscriptions).filter(([, types]) => types.includes(type)).map(([name]) => name);

export interface RelayOptions {
  db: Db;
  source: string;
  /**
   * Base URL of each destination service (several comma-separated: its instances, any one of which may
   * take a delivery); events are POSTed to `<url>/internal/events`.
   */
  destinations: Record<string, string>;
  /** Shown to each destination's /internal/events. */
  credential: ServiceCredential;
  log: FastifyBaseLogger;
  intervalMs?: number;
  batchSize?: number;
  /** How long a kick waits before its round, gathering the events of concurrent changes. */
  kickDelayMs?: number;
  /** Delivered rows older than this are deleted, once an hour (default a week). */
  retentionHours?: number;
}

export interface Relay {
  /** Delivers what is due now instead of waiting for the next tick. */
  kick(): void;
  /** Runs one delivery round; tests call it to be deterministic. */
  deliverDue(): Promise<number>;
  stop(): Promise<void>;
}

interface OutboxRow {
  seq: number;
  event_id: string;
  destination: string;
  type: string;
  key: string;
  data: Record<string, unknown>;
  occurred_at: Date;
  attempts: number;
}

const LEASE_SECONDS = 30;

/** Delivers outbox rows at least once, with growing pauses for a destination that is down. */
export function startOutboxRelay(options: RelayOptions): Relay {
  const { db, source, log, intervalMs = 500, batchSize = 100, kickDelayMs = 20, retentionHours = 168 } = options;
  const peers = new Map<string, Peer>(
    Object.entries(options.destinations).map(([name, url]) => [name, createPeer({ name, url, credential: options.credential, retries: 0, breakerThreshold: 1_000_000, log })]),
  );
  let stopped = false;

  async function claimDue(): Promise<OutboxRow[]> {
    // A lease instead of a long transaction: another instance skips claimed rows, and a crash frees them after 30 s.
    // One statement (migrations/002_outbox_lease.sql): the due rows, first due first.
    return db.query<OutboxRow>(
      'SELECT seq, event_id, destination, type, key, data, occurred_at, attempts FROM outbox_lease($1, $2)',
      [batchSize, LEASE_SECONDS],
    );
  }

  async function deliver(destination: string, rows: OutboxRow[]): Promise<void> {
    const peer = peers.get(destination);
    const seqs = rows.map((r) => r.seq);
    try {
      if (!peer) throw new Error(`no URL configured for destination ${destination}`);
      const events: EventEnvelope[] = rows.map((r) => ({
        id: r.event_id, source, type: r.type, key: r.key, seq: r.seq, occurredAt: r.occurred_at.toISOString(), data: r.data,
      }));
      // Each delivery is a trace of its own: the relay's span, the call, the consumer's request and its writes.
      const res = await traced(`deliver events to ${destination}`, 'internal', {}, () =>
        peer.request({ method: 'POST', path: '/internal/events', body: { events }, idempotent: true }), {
        attributes: { 'messaging.destination.name': destination, 'messaging.batch.message_count': events.length },
      });
      if (res.status !== 200) throw new Error(`answered ${res.status}`);
      await db.query('UPDATE outbox SET delivered_at = now(), last_error = NULL WHERE seq = ANY($1::bigint[])', [seqs]);
    } catch (err) {
      const attempts = Math.max(...rows.map((r) => r.attempts));
      const delayMs = Math.min(30_000, 250 * 2 ** Math.min(attempts, 10));
      log.warn({ destination, events: rows.length, err: (err as Error).message, retryInMs: delayMs }, 'event delivery failed');
      await db.query(
        `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), leased_until = NULL, last_error = $3
          WHERE seq = ANY($1::bigint[])`,
        [seqs, delayMs, String((err as Error).message).slice(0, 500)],
      );
    }
  }

  async function deliverDue(): Promise<number> {
    const rows = await claimDue();
    const byDestination = new Map<string, OutboxRow[]>();
    for (const row of rows) byDestination.set(row.destination, [...(byDestination.get(row.destination) ?? []), row]);
    await Promise.all([...byDestination].map(([destination, batch]) => deliver(destination, batch)));
    return rows.length;
  }

  // A kick waits a moment before its round, so that under load one round carries the events of many
  // changes (a round costs two statements and a call whatever its size); 20 ms is nothing to an event.
  let soon: NodeJS.Timeout | null = null;
  function kick(): void {
    if (stopped || soon) return;
    soon = setTimeout(() => {
      soon = null;
      round();
    }, kickDelayMs);
  }

  const loop = startWorkLoop({ work: deliverDue, batchSize, intervalMs, log, name: 'outbox relay' });
  const round = loop.round;
  const pruning = setInterval(() => {
    pruneDeliveredEvents(db, retentionHours).catch((err) => log.warn({ err: (err as Error).message }, 'outbox pruning failed'));
  }, 3_600_000);
  pruning.unref();
  return {
    kick,
    deliverDue,
    async stop() {
      stopped = true;
      clearInterval(pruning);
      if (soon) clearTimeout(soon);
      await loop.stop();
      await Promise.all([...peers.values()].map((p) => p.close()));
    },
  };
}
