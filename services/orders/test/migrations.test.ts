import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { migrate } from '@emporium/kit';
import { migrateUpTo, openTestDb } from '@emporium/kit/testing';
import { findOrder, purchasesOf } from '../src/orders/orders.repository.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

test('orders saved before their lines and history moved into the order row read exactly as before', async () => {
  const { db, cleanup } = await openTestDb();
  try {
    await migrateUpTo(db, migrations, '002');
    await db.exec(`
      INSERT INTO orders (id, customer_id, status, currency, total_amount, shipping_address, estimated_delivery, created_at, updated_at)
      VALUES ('o1', 'ann', 'shipped', 'USD', 2350, '{"name": "Ann", "line1": "1 Way", "city": "Town", "postalCode": "1", "country": "US"}',
              '2026-12-04T10:00:00Z', '2026-11-27T10:00:00Z', '2026-11-28T09:30:00Z');
      INSERT INTO order_lines (order_id, position, product_id, name, image, quantity, unit_price, discount_bps, unit_discounted_price, line_total)
      VALUES ('o1', 1, 'mug', 'Mug', NULL, 1, 500, 0, 500, 500), ('o1', 0, 'kettle', 'Kettle', '/img/k.png', 2, 1000, 7500, 925, 1850);
      INSERT INTO order_history (order_id, position, status, at, note)
      VALUES ('o1', 1, 'shipped', '2026-11-28T09:30:00Z', 'by van'), ('o1', 0, 'pending', '2026-11-27T10:00:00Z', NULL);`);

    assert.deepEqual(await migrate(db, migrations, 'service'), readdirSync(migrations).filter((f) => f >= '002').sort());
    const order = await findOrder(db, 'o1');
    assert.deepEqual(order?.lines, [
      { productId: 'kettle', name: 'Kettle', image: '/img/k.png', quantity: 2, unitPrice: 1000, discountBps: 7500, unitDiscountedPrice: 925, lineTotal: 1850 },
      { productId: 'mug', name: 'Mug', image: null, quantity: 1, unitPrice: 500, discountBps: 0, unitDiscountedPrice: 500, lineTotal: 500 },
    ]);
    assert.deepEqual(order?.history, [
      { status: 'pending', at: new Date('2026-11-27T10:00:00Z'), note: null },
      { status: 'shipped', at: new Date('2026-11-28T09:30:00Z'), note: 'by van' },
    ]);
    assert.deepEqual(await purchasesOf(db, 'ann', 'mug'), { ordered: true, delivered: false });
    assert.deepEqual(await purchasesOf(db, 'ann', 'tea'), { ordered: false, delivered: false });
  } finally {
    await db.close();
    await cleanup();
  }
});
