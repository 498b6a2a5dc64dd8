import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { migrate } from '@emporium/kit';
import { migrateUpTo, openTestDb } from '@emporium/kit/testing';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

test('reservations made before their lines moved into the reservation row keep every line', async () => {
  const { db, cleanup } = await openTestDb();
  try {
    await migrateUpTo(db, migrations, '005');
    await db.exec(`
      INSERT INTO products (id, name, description, category, price_amount, currency, stock, discounted_amount)
      VALUES ('kettle', 'Kettle', '', 'kitchen', 1000, 'USD', 7, 1000), ('mug', 'Mug', '', 'kitchen', 500, 'USD', 2, 500);
      INSERT INTO reservations (id, status, expires_at) VALUES ('r1', 'held', now() + interval '1 minute'), ('r2', 'committed', now());
      INSERT INTO reservation_lines (reservation_id, product_id, quantity) VALUES ('r1', 'mug', 1), ('r1', 'kettle', 3), ('r2', 'mug', 2);`);

    assert.deepEqual(await migrate(db, migrations, 'service'), readdirSync(migrations).filter((f) => f >= '005').sort());
    const rows = await db.query('SELECT id, product_ids, quantities FROM reservations ORDER BY id');
    assert.deepEqual(rows, [
      { id: 'r1', product_ids: ['kettle', 'mug'], quantities: [3, 1] },
      { id: 'r2', product_ids: ['mug'], quantities: [2] },
    ]);
  } finally {
    await db.close();
    await cleanup();
  }
});
