import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { migrateService } from '@emporium/kit';
import { openTestDb } from '@emporium/kit/testing';
import pino from 'pino';
import { seedDemoCheckout } from '../src/demo/checkout.ts';
import { addPendingRelease, countPendingReleases } from '../src/orders/releases.repository.ts';
import { startSweeper } from '../src/orders/releases.ts';
import { listMethods } from '../src/shipping/shipping.repository.ts';

const log = pino({ level: 'silent' });
const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

describe('orders with several instances on one database', () => {
  test('instances starting at once on an empty database seed the demo checkout once, without an error', async () => {
    const t = await openTestDb();
    try {
      await migrateService(t.db, migrations);
      await Promise.all([1, 2, 3].map(() => seedDemoCheckout(t.db, log)));
      assert.equal((await listMethods(t.db, { includeInactive: true })).length, 3);
    } finally {
      await t.db.close();
      await t.cleanup();
    }
  });

  test("two instances' sweepers send each recorded release once, even when the calls are slow", async () => {
    const t = await openTestDb();
    try {
      await migrateService(t.db, migrations);
      for (let i = 0; i < 20; i++) await addPendingRelease(t.db, `order-${i}`, 'test');
      const sent: string[] = [];
      // Slower than the old one-second lease: a second sweeper would have sent the same release again.
      const releaseHolds = async (id: string) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        sent.push(id);
      };
      const [first, second] = [1, 2].map(() => startSweeper({ db: t.db, releaseHolds, log, intervalMs: 600_000, claimStaleSeconds: 600, keyTtlHours: 24 }));
      // The first takes them all and needs 3 s; the second sweeps again and again meanwhile.
      let done = false;
      const firstRound = first.sweep().finally(() => { done = true; });
      while (!done) {
        await second.sweep();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await firstRound;
      await Promise.all([first.stop(), second.stop()]);
      assert.equal(sent.length, 20);
      assert.equal(new Set(sent).size, 20, 'no release sent twice');
      assert.equal(await countPendingReleases(t.db), 0);
    } finally {
      await t.db.close();
      await t.cleanup();
    }
  });
});
