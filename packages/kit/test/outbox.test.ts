import { untilPasses, freePort } from '../src/testing.ts';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, describe, test } from 'node:test';
import pino from 'pino';
import { buildService, createServiceCredential, generateServiceSecret, migrate, pruneDeliveredEvents, publishEvent, registerInbox, startOutboxRelay, type App, type Db, type EventEnvelope, type Relay } from '../src/index.ts';
import { openTestDb } from '../src/testing.ts';

const kitMigrations = fileURLToPath(new URL('../migrations', import.meta.url));
const log = pino({ level: 'silent' });
// The consumer checks the tokens the relay shows it, as every service does.
const credential = createServiceCredential({ service: 'shop', secret: generateServiceSecret() });
const SUBSCRIPTIONS = { catalog: ['price.changed', 'item.sold'], audit: ['item.sold'] };



/**
 * A consumer built from the kit itself: its inbox applies `price.changed` as a snapshot (latest
 * price per key) and records every `item.sold` it applies, so doubles would show.
 */
async function startConsumer(db: Db, port: number): Promise<{ app: App; received: EventEnvelope[] }> {
  const app = await buildService({ name: 'consumer', db: { ...db, close: async () => {} }, logLevel: 'silent', serviceCredential: credential });
  const received: EventEnvelope[] = [];
  app.addHook('preHandler', async (request) => {
    if (request.url === '/internal/events') received.push(...(request.body as { events: EventEnvelope[] }).events);
  });
  registerInbox(app, db, {
    'price.changed': {
      snapshot: true,
      async apply(tx, event) {
        await tx.query('INSERT INTO prices (key, amount) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET amount = EXCLUDED.amount', [event.key, event.data.amount]);
      },
    },
    'item.sold': {
      async apply(tx, event) {
        await tx.query('INSERT INTO sales (event_id, key) VALUES ($1, $2)', [event.id, event.key]);
      },
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { app, received };
}

describe('outbox relay and inbox', () => {
  // One database plays both sides, as a service that publishes and consumes does: the producer's
  // outbox and the consumer's inbox are different tables. (One embedded database opens much faster than two.)
  let producer: Db;
  let consumerDb: Db;
  let cleanup: () => Promise<void>;

  before(async () => {
    const t = await openTestDb();
    producer = consumerDb = t.db;
    cleanup = t.cleanup;
    await migrate(t.db, kitMigrations, 'kit');
    await t.db.exec('CREATE TABLE prices (key text PRIMARY KEY, amount int NOT NULL); CREATE TABLE sales (event_id uuid NOT NULL, key text NOT NULL)');
  });
  after(async () => {
    await producer.close();
    await cleanup();
  });
  beforeEach(async () => {
    await producer.exec('DELETE FROM outbox; DELETE FROM inbox; DELETE FROM inbox_versions; DELETE FROM prices; DELETE FROM sales');
  });

  const publish = (type: string, key: string, data: Record<string, unknown>) =>
    producer.transaction((tx) => publishEvent(tx, SUBSCRIPTIONS, { type, key, data }));
  const prices = async () => Object.fromEntries((await consumerDb.query('SELECT key, amount FROM prices ORDER BY key')).map((r) => [r.key, r.amount]));
  const sales = async () => (await consumerDb.query('SELECT key FROM sales ORDER BY key')).map((r) => r.key);

  test('delivered rows older than the retention period are pruned; undelivered ones stay however old', async () => {
    for (let i = 0; i < 3; i++) await publish('item.sold', `order-${i}`, {});
    // order-0: delivered 8 days ago; order-1: delivered an hour ago; order-2: never delivered, written 30 days ago.
    await producer.exec(`
      UPDATE outbox SET delivered_at = now() - interval '8 days' WHERE key = 'order-0';
      UPDATE outbox SET delivered_at = now() - interval '1 hour' WHERE key = 'order-1';
      UPDATE outbox SET occurred_at = now() - interval '30 days' WHERE key = 'order-2';`);
    assert.equal(await pruneDeliveredEvents(producer, 168), 2, 'both destinations of order-0');
    const left = await producer.query('SELECT DISTINCT key FROM outbox ORDER BY key');
    assert.deepEqual(left.map((r) => r.key), ['order-1', 'order-2']);
    assert.equal(await pruneDeliveredEvents(producer, 168), 0);
  });

  test('an event commits with its transaction or not at all, one outbox row per subscribed destination', async () => {
    await publish('item.sold', 'order-1', { n: 1 });
    await publish('price.changed', 'p1', { amount: 100 });
    await publish('nobody.cares', 'x', {});
    await assert.rejects(
      producer.transaction(async (tx) => {
        await publishEvent(tx, SUBSCRIPTIONS, { type: 'item.sold', key: 'order-2', data: {} });
        throw new Error('the change failed');
      }),
    );
    const rows = await producer.query('SELECT destination, type, key FROM outbox');
    assert.deepEqual(rows.map((r) => `${r.destination}:${r.type}:${r.key}`).sort(), ['audit:item.sold:order-1', 'catalog:item.sold:order-1', 'catalog:price.changed:p1']);
  });

  test('a running destination gets every event once; one that is down holds back only its own rows', async () => {
    const consumer = await startConsumer(consumerDb, 0);
    const relay = startOutboxRelay({ db: producer, source: 'shop', credential, destinations: { catalog: listening(consumer.app), audit: `http://127.0.0.1:${await freePort()}` }, log, intervalMs: 60_000 });
    try {
      await publish('price.changed', 'p1', { amount: 100 });
      await publish('price.changed', 'p1', { amount: 150 });
      await publish('price.changed', 'p2', { amount: 200 });
      await publish('item.sold', 'order-1', {});
      await publish('item.sold', 'order-2', {});
      assert.equal(await relay.deliverDue(), 7);
      assert.deepEqual(await prices(), { p1: 150, p2: 200 });
      assert.deepEqual(await sales(), ['order-1', 'order-2']);
      const rows = await producer.query('SELECT destination, delivered_at, last_error, attempts FROM outbox ORDER BY seq');
      for (const row of rows.filter((r) => r.destination === 'catalog')) assert.ok(row.delivered_at && row.last_error === null);
      for (const row of rows.filter((r) => r.destination === 'audit')) assert.ok(!row.delivered_at && /audit .*unavailable/.test(row.last_error) && row.attempts === 1);
    } finally {
      await relay.stop();
      await consumer.app.close();
    }
  });

  test('with the destination down and then back on its port, retries deliver everything: nothing lost, nothing applied twice', async () => {
    const port = await freePort();
    const relay = startOutboxRelay({ db: producer, source: 'shop', credential, destinations: { catalog: `http://127.0.0.1:${port}`, audit: `http://127.0.0.1:${port}` }, log, intervalMs: 50 });
    let consumer: Awaited<ReturnType<typeof startConsumer>> | null = null;
    try {
      const latest: Record<string, number> = {};
      for (let i = 0; i < 12; i++) {
        const key = `p${i % 3}`;
        latest[key] = 1_000 + i;
        await publish('price.changed', key, { amount: latest[key] });
        await publish('item.sold', `order-${String(i).padStart(2, '0')}`, {});
        relay.kick();
      }
      await untilPasses(async () => {
        const [pending] = await producer.query("SELECT count(*)::int AS n FROM outbox WHERE destination = 'catalog' AND last_error IS NULL");
        assert.equal(pending.n, 0, 'every catalog row failed at least once');
      });
      await producer.exec("DELETE FROM outbox WHERE destination = 'audit'"); // one consumer database here: audit is not this test's concern
      consumer = await startConsumer(consumerDb, port);
      await untilPasses(async () => {
        const [rows] = await producer.query('SELECT count(*)::int AS total, count(delivered_at)::int AS delivered FROM outbox');
        assert.equal(rows.delivered, rows.total);
      }, 60_000);
      assert.deepEqual(await prices(), latest);
      assert.deepEqual(await sales(), Array.from({ length: 12 }, (_, i) => `order-${String(i).padStart(2, '0')}`));
      const [inbox] = await consumerDb.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_ids FROM inbox');
      assert.deepEqual(inbox, { n: 24, distinct_ids: 24 });
    } finally {
      await relay.stop();
      await consumer?.app.close();
    }
  });

  test('a destination with two instances, one of them dead: every event reaches the other, once', async () => {
    const alive = await startConsumer(consumerDb, 0);
    const deadPort = await freePort();
    const relay = startOutboxRelay({
      db: producer, source: 'shop', credential, log, intervalMs: 60_000,
      destinations: { catalog: `http://127.0.0.1:${deadPort},${listening(alive.app)}` },
    });
    try {
      for (let round = 0; round < 3; round++) {
        await producer.transaction((tx) => publishEvent(tx, { catalog: ['item.sold'] }, { type: 'item.sold', key: `order-${round}`, data: {} }));
        assert.equal(await relay.deliverDue(), 1, `round ${round} delivered at once, whichever instance came first`);
      }
      const [rows] = await producer.query('SELECT count(*)::int AS total, count(delivered_at)::int AS delivered, count(last_error)::int AS failed FROM outbox');
      assert.deepEqual(rows, { total: 3, delivered: 3, failed: 0 });
      assert.deepEqual(await sales(), ['order-0', 'order-1', 'order-2']);
      assert.equal(alive.received.length, 3);
    } finally {
      await relay.stop();
      await alive.app.close();
    }
  });

  test('a delivery repeated because its acknowledgement was lost is applied once', async () => {
    const consumer = await startConsumer(consumerDb, 0);
    const relay = startOutboxRelay({ db: producer, source: 'shop', credential, destinations: { catalog: listening(consumer.app) }, log, intervalMs: 60_000 });
    try {
      await producer.transaction(async (tx) => {
        await publishEvent(tx, { catalog: ['item.sold'] }, { type: 'item.sold', key: 'order-9', data: {} });
        await publishEvent(tx, { catalog: ['price.changed'] }, { type: 'price.changed', key: 'p9', data: { amount: 900 } });
      });
      assert.equal(await relay.deliverDue(), 2);
      // As if the relay died between the consumer's 200 and marking the rows delivered.
      await producer.exec('UPDATE outbox SET delivered_at = NULL, leased_until = NULL');
      assert.equal(await relay.deliverDue(), 2);
      assert.equal(consumer.received.length, 4, 'the consumer did receive everything twice');
      assert.deepEqual(await sales(), ['order-9']);
      assert.deepEqual(await prices(), { p9: 900 });
    } finally {
      await relay.stop();
      await consumer.app.close();
    }
  });

  test('kick delivers at once instead of waiting for the next tick', async () => {
    const consumer = await startConsumer(consumerDb, 0);
    const relay = startOutboxRelay({ db: producer, source: 'shop', credential, destinations: { catalog: listening(consumer.app) }, log, intervalMs: 600_000 });
    try {
      await producer.transaction((tx) => publishEvent(tx, { catalog: ['price.changed'] }, { type: 'price.changed', key: 'p7', data: { amount: 70 } }));
      relay.kick();
      await untilPasses(async () => assert.deepEqual(await prices(), { p7: 70 }));
    } finally {
      await relay.stop();
      await consumer.app.close();
    }
  });

  test('snapshots: an older event after a newer one is skipped, a batch applies in seq order, other events all apply', async () => {
    const consumer = await startConsumer(consumerDb, 0);
    const envelope = (type: string, key: string, seq: number, data: Record<string, unknown>) => ({
      id: randomUUID(), source: 'shop', type, key, seq, occurredAt: new Date().toISOString(), data,
    });
    const send = async (...events: EventEnvelope[]) => {
      const res = await consumer.app.inject({ method: 'POST', url: '/internal/events', headers: await credential.headers(), payload: { events } });
      assert.equal(res.statusCode, 200);
      return res.json().applied;
    };
    try {
      assert.equal(await send(envelope('price.changed', 'p1', 10, { amount: 300 })), 1);
      assert.equal(await send(envelope('price.changed', 'p1', 5, { amount: 100 })), 0);
      // Sent newest first in one batch: applied oldest first, so the newest is what stays.
      assert.equal(await send(envelope('price.changed', 'p2', 21, { amount: 2 }), envelope('price.changed', 'p2', 20, { amount: 1 })), 2);
      assert.deepEqual(await prices(), { p1: 300, p2: 2 });
      // Another source's seq is its own: its first event for the same key applies.
      assert.equal(await send({ ...envelope('price.changed', 'p1', 1, { amount: 5 }), source: 'other' }), 1);
      assert.equal(await send(envelope('item.sold', 'order-b', 9, {}), envelope('item.sold', 'order-a', 3, {})), 2);
      assert.deepEqual(await sales(), ['order-a', 'order-b']);
      const unknownType = envelope('nobody.cares', 'x', 1, {});
      assert.equal(await send(unknownType), 0);
    } finally {
      await consumer.app.close();
    }
  });
});

function listening(app: App): string {
  const address = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}
