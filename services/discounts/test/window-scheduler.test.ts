import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { migrateService, type Db } from '@emporium/kit';
import { openTestDb } from '@emporium/kit/testing';
import pino from 'pino';
import { startWindowScheduler } from '../src/events/window-scheduler.ts';
import { manualClock, seedDiscount } from './setup.ts';

const log = pino({ level: 'silent' });

async function outboxEvents(db: Db) {
  const rows = await db.query('SELECT key, type, data FROM outbox ORDER BY seq');
  await db.query('DELETE FROM outbox');
  return rows.map((r) => ({ key: r.key, type: r.type, discount: r.data.discount }));
}

describe('window scheduler', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const time = manualClock('2026-06-01T09:00:00Z');
  const scheduler = () => startWindowScheduler({ db, clock: time.clock, log, intervalMs: 60_000, onPublished: () => {} });

  before(async () => {
    const t = await openTestDb();
    db = t.db;
    cleanup = t.cleanup;
    await migrateService(db, fileURLToPath(new URL('../migrations', import.meta.url)));
  });
  after(async () => {
    await db.close();
    await cleanup();
  });

  test('publishes discount.changed when a window starts and when it ends, once each, and survives a restart', async () => {
    const started = await seedDiscount(db, { productId: 'p0', percentBps: 500, startsAt: new Date('2026-06-01T08:00:00Z') });
    const morning = await seedDiscount(db, {
      productId: 'p1', percentBps: 2500, startsAt: new Date('2026-06-01T10:00:00Z'), endsAt: new Date('2026-06-01T11:00:00Z'),
    });
    await seedDiscount(db, { productId: 'p2', percentBps: 1000 }); // no window: never an edge

    const first = scheduler();
    // The first pass ever covers every edge up to now: p0 started before the scheduler ever ran.
    assert.deepEqual(await first.runOnce(), ['p0']);
    assert.deepEqual(await outboxEvents(db), [{ key: 'p0', type: 'discount.changed', discount: { id: started.id, percent: 5, endsAt: null } }]);

    time.set('2026-06-01T09:59:59.999Z');
    assert.deepEqual(await first.runOnce(), []);
    time.set('2026-06-01T10:00:00Z');
    assert.deepEqual(await first.runOnce(), ['p1']);
    assert.deepEqual(await outboxEvents(db), [
      { key: 'p1', type: 'discount.changed', discount: { id: morning.id, percent: 25, endsAt: '2026-06-01T11:00:00.000Z' } },
    ]);
    time.set('2026-06-01T10:30:00Z');
    assert.deepEqual(await first.runOnce(), [], 'nothing starts or ends between passes');
    await first.stop();

    // Down from 10:30 to 12:00: the end at 11:00 and a start at 11:30 are published by the first pass after the restart.
    await seedDiscount(db, { productId: 'p3', percentBps: 1500, startsAt: new Date('2026-06-01T11:30:00Z') });
    time.set('2026-06-01T12:00:00Z');
    const restarted = scheduler();
    assert.deepEqual(await restarted.runOnce(), ['p1', 'p3']);
    const events = await outboxEvents(db);
    assert.deepEqual(events.map((e) => [e.key, e.discount?.percent ?? null]), [['p1', null], ['p3', 15]]);
    assert.deepEqual(await restarted.runOnce(), [], 'a second pass at the same instant publishes nothing again');
    await restarted.stop();
  });

  test('a clock that goes back publishes nothing and keeps the last run, so no edge is published twice', async () => {
    const s = scheduler();
    time.set('2026-06-01T11:00:00Z');
    assert.deepEqual(await s.runOnce(), []);
    time.set('2026-06-01T12:00:00Z');
    assert.deepEqual(await s.runOnce(), [], 'the start at 11:30 was already published');
    assert.deepEqual(await outboxEvents(db), []);
    await s.stop();
  });
});

describe('window scheduler on several instances', () => {
  test('two instances passing at the same moments publish each window edge exactly once', async () => {
    const t = await openTestDb();
    try {
      await migrateService(t.db, fileURLToPath(new URL('../migrations', import.meta.url)));
      const time = manualClock('2026-07-01T00:00:00Z');
      const start = Date.parse('2026-07-01T00:00:00Z');
      // Twelve products, each with a window that starts and ends at its own minute.
      for (let i = 0; i < 12; i++) {
        await seedDiscount(t.db, { productId: `p${i}`, percentBps: 1000, startsAt: new Date(start + (i + 1) * 60_000), endsAt: new Date(start + (i + 13) * 60_000) });
      }
      const instances = [1, 2].map(() => startWindowScheduler({ db: t.db, clock: time.clock, log, intervalMs: 600_000, onPublished: () => {} }));
      for (let minute = 0; minute <= 26; minute++) {
        time.set(new Date(start + minute * 60_000 + 1).toISOString());
        await Promise.all(instances.map((s) => s.runOnce()));
      }
      await Promise.all(instances.map((s) => s.stop()));
      const rows = await t.db.query("SELECT key, count(*)::int AS n FROM outbox WHERE type = 'discount.changed' GROUP BY key ORDER BY key");
      assert.equal(rows.length, 12);
      for (const row of rows) assert.equal(row.n, 2, `${row.key}: one event for its start, one for its end`);
    } finally {
      await t.db.close();
      await t.cleanup();
    }
  });
});
