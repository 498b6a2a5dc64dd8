import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrateService, type Db } from '@emporium/kit';
import { openTestDb } from '@emporium/kit/testing';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { windowOf, type Window } from '../src/discounts/discount-rules.ts';
import { deleteDiscount, findActive, findOverlapping } from '../src/discounts/discounts.repository.ts';
import { seedDiscount } from './setup.ts';

/**
 * The rules, stated independently of the SQL that enforces them: a window is active from its start
 * (inclusive) until its end (exclusive), and two windows overlap when each starts before the other
 * ends, so a window ending exactly when the next one starts does not overlap it.
 */
function isActiveAt(window: Window, instant: Date): boolean {
  return (window.startsAt === null || window.startsAt <= instant) && (window.endsAt === null || instant < window.endsAt);
}
function windowsOverlap(a: Window, b: Window): boolean {
  const aStartsBeforeBEnds = a.startsAt === null || b.endsAt === null || a.startsAt < b.endsAt;
  const bStartsBeforeAEnds = b.startsAt === null || a.endsAt === null || b.startsAt < a.endsAt;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

const at = (hour: number) => new Date(Date.UTC(2026, 5, 1, hour));
const w = (start: number | null, end: number | null): Window => ({ startsAt: start === null ? null : at(start), endsAt: end === null ? null : at(end) });

/** Any window on a small grid of hours, so touching and nested windows come up often. */
const anyWindow = fc
  .tuple(fc.option(fc.integer({ min: 0, max: 12 })), fc.option(fc.integer({ min: 0, max: 12 })))
  .filter(([s, e]) => s === null || e === null || e > s)
  .map(([s, e]) => w(s, e));

describe('discount windows (the rules themselves)', () => {
  test('touching windows do not overlap: one ending at 10:00 and the next starting at 10:00 are both allowed', () => {
    assert.equal(windowsOverlap(w(8, 10), w(10, 12)), false);
    assert.equal(windowsOverlap(w(10, 12), w(8, 10)), false);
    assert.equal(windowsOverlap(w(null, 10), w(10, null)), false);
  });

  test('windows sharing any instant overlap, open ends included', () => {
    assert.equal(windowsOverlap(w(8, 11), w(10, 12)), true);
    assert.equal(windowsOverlap(w(8, 12), w(9, 10)), true);
    assert.equal(windowsOverlap(w(null, null), w(3, 4)), true);
    assert.equal(windowsOverlap(w(null, 5), w(4, null)), true);
    assert.equal(windowsOverlap(w(5, null), w(null, 6)), true);
  });

  test('overlap means exactly "some instant is inside both"', () => {
    fc.assert(
      fc.property(anyWindow, anyWindow, (a, b) => {
        const hours = Array.from({ length: 27 }, (_, i) => new Date(at(0).getTime() + (i - 1) * 1_800_000)); // -0:30 .. 12:30 every 30 min
        const shared = hours.some((h) => isActiveAt(a, h) && isActiveAt(b, h));
        assert.equal(windowsOverlap(a, b), shared);
        assert.equal(windowsOverlap(a, b), windowsOverlap(b, a));
      }),
      { numRuns: 2_000 },
    );
  });

  test('a window is active from its start (inclusive) until its end (exclusive)', () => {
    assert.equal(isActiveAt(w(8, 10), new Date(at(8).getTime() - 1)), false);
    assert.equal(isActiveAt(w(8, 10), at(8)), true);
    assert.equal(isActiveAt(w(8, 10), new Date(at(10).getTime() - 1)), true);
    assert.equal(isActiveAt(w(8, 10), at(10)), false);
    assert.equal(isActiveAt(w(null, null), at(3)), true);
  });

  test('an end that is not after the start is a 400 naming /body/endsAt', () => {
    for (const [s, e] of [['2026-06-01T10:00:00Z', '2026-06-01T10:00:00Z'], ['2026-06-01T10:00:00Z', '2026-06-01T09:00:00Z']]) {
      assert.throws(() => windowOf(s, e), (err: { status: number; extra: { errors: { path: string }[] } }) => err.status === 400 && err.extra.errors[0].path === '/body/endsAt');
    }
    assert.deepEqual(windowOf('2026-06-01T10:00:00+02:00', null), { startsAt: new Date('2026-06-01T08:00:00Z'), endsAt: null });
  });
});

describe('overlap and activity in SQL', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
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

  test('the repository finds a clash exactly when windowsOverlap says so, and the active rule exactly when isActiveAt does', async () => {
    await fc.assert(
      fc.asyncProperty(anyWindow, anyWindow, fc.integer({ min: 0, max: 12 }), async (existing, candidate, hour) => {
        const rule = await seedDiscount(db, { productId: 'p-sql', percentBps: 1000, ...existing });
        try {
          const clash = await findOverlapping(db, 'p-sql', candidate, null);
          assert.equal(clash?.id ?? null, windowsOverlap(existing, candidate) ? rule.id : null);
          assert.equal(await findOverlapping(db, 'p-sql', candidate, rule.id), null, 'a rule never clashes with itself');
          const active = await findActive(db, ['p-sql'], at(hour));
          assert.equal(active.length, isActiveAt(existing, at(hour)) ? 1 : 0);
        } finally {
          await deleteDiscount(db, rule.id);
        }
      }),
      { numRuns: 150 },
    );
  });
});
