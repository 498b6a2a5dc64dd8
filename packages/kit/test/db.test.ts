import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { migrateService, openDb } from '../src/index.ts';
import { openTestDb } from '../src/testing.ts';

const dir = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));

describe('database and migrations', () => {
  test('migrations apply once, in order, even when two instances start at once', async () => {
    const { db, url, cleanup } = await openTestDb();
    // A second pool stands for a second instance.
    const other = await openDb({ url });
    try {
      await Promise.all([migrateService(db, dir), migrateService(other, dir)]);
      await migrateService(db, dir);
      const rows = await db.query('SELECT id, n, label FROM things');
      assert.deepEqual(rows, [{ id: 'a', n: 1, label: null }]);
      const versions = await db.query("SELECT version FROM schema_migrations WHERE namespace = 'service' ORDER BY version");
      assert.deepEqual(versions.map((r) => r.version), ['001_things.sql', '002_more.sql']);
    } finally {
      await other.close();
      await db.close();
      await cleanup();
    }
  });

  test('a failed transaction leaves nothing behind; int8 comes back as a number', async () => {
    const { db, cleanup } = await openTestDb();
    try {
      await db.exec('CREATE TABLE t (id bigserial PRIMARY KEY, v text)');
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (v) VALUES ($1)', ['x']);
          throw new Error('abort');
        }),
      );
      assert.deepEqual(await db.query('SELECT count(*) AS n FROM t'), [{ n: 0 }]);
      await db.transaction((tx) => tx.query('INSERT INTO t (v) VALUES ($1)', ['y']));
      const [row] = await db.query('SELECT id, v FROM t');
      assert.equal(typeof row.id, 'number');
      assert.equal(row.v, 'y');
    } finally {
      await db.close();
      await cleanup();
    }
  });
});
