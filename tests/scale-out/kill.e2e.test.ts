// Issue 18's proof: the platform with two instances of every service (the launcher, EMPORIUM_REPLICAS=2),
// customers ordering, paying and cancelling at a steady pace, and one instance each of orders, products and
// payments killed with SIGKILL in turn. Then, from the services' own databases: every order that got a 201
// exists exactly once, no Idempotency-Key made two orders, stock is conserved, and no job or event took
// effect twice (no double release, no event applied twice, none lost).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { openDb, type Db } from '@emporium/kit';
import { eventually } from '@emporium/kit/testing';
import { startPlatform, type Platform } from '../bad-input/platform.ts';
import { register, shop, type Tally } from './shoppers.ts';

const SHOPPERS = 8;
const ORDER_EVERY_MS = 400;
const PHASE_MS = 9_000;
const STOCK = 100_000;
const VICTIMS = ['orders-1', 'products-2', 'payments-1'];

describe('two instances of every service, one of orders, products and payments killed in turn', { timeout: 400_000 }, () => {
  let platform: Platform;
  const db: Record<string, Db> = {};
  const tally: Tally = { placed: [], gaveUp: 0, refused: 0, retried: {} };
  const killed: string[] = [];

  before(async () => {
    platform = await startPlatform(process.env.TEST_DATABASE_URL!, {
      name: 'kill',
      replicas: '2',
      env: {
        // Short enough for the test to see the platform settle: claims and charges of a killed instance are
        // taken over after 10 s, and the sweepers look every second.
        CLAIM_STALE_SECONDS: '10', CHARGE_STALE_SECONDS: '10', SWEEP_INTERVAL_MS: '1000', RESERVATION_SWEEP_MS: '1000',
      },
    });
    for (const name of ['orders', 'products', 'payments', 'notifications']) db[name] = await openDb({ url: platform.databases[name], poolSize: 2 });
  }, { timeout: 360_000 });
  after(async () => {
    await Promise.all(Object.values(db).map((d) => d.close()));
    await platform?.stop();
  });

  /** The pid the launcher last printed for a process (the banner, or "is back ... (pid N)"). */
  const pidOf = (label: string) => {
    const pids = [...platform.output().matchAll(new RegExp(`^\\s+${label}\\s+http://\\S+.*pid (\\d+)$|${label} is back on port \\d+ \\(pid (\\d+)\\)`, 'gm'))];
    return Number(pids.at(-1)?.slice(1).find(Boolean));
  };

  test('orders placed through the kills: each exactly once, stock conserved, nothing done twice or lost', async () => {
    const page = await (await fetch(`${platform.url}/api/products?limit=6`)).json();
    const productIds: string[] = page.items.map((p: { id: string }) => p.id);
    await db.products.query('UPDATE products SET stock = $2 WHERE id = ANY($1)', [productIds, STOCK]);
    const customers = await Promise.all(Array.from({ length: SHOPPERS }, (_, i) => register(platform.url, i)));

    let stopped = false;
    const shopping = customers.map((c) => shop({ gateway: platform.url, ...c, productIds, tally }, ORDER_EVERY_MS, () => stopped));
    for (const victim of VICTIMS) {
      await sleep(PHASE_MS);
      const pid = pidOf(victim);
      assert.ok(pid > 0, `the launcher printed ${victim}'s pid`);
      process.kill(pid, 'SIGKILL');
      killed.push(`${victim} (pid ${pid})`);
    }
    await sleep(PHASE_MS);
    stopped = true;
    await Promise.all(shopping);
    for (const victim of VICTIMS) {
      assert.match(platform.output(), new RegExp(`${victim} is back on port`), `the launcher restarted ${victim}`);
      // The gateway or a peer noticed the dead instance and took it out of rotation.
      const origin = new RegExp(`^\\s+${victim}\\s+(http://\\S+)`, 'm').exec(platform.output())![1];
      const noticed = readdirSync(platform.logs).some((file) =>
        readFileSync(join(platform.logs, file), 'utf8').split('\n').some((line) => line.includes('out of rotation') && line.includes(`"instance":"${origin}"`)));
      assert.ok(noticed, `a caller took ${victim} (${origin}) out of rotation`);
    }

    const placedIds = tally.placed.flatMap((p) => [...p.orderIds]);
    console.log(`# ${tally.placed.length} orders placed, ${tally.refused} refused, ${tally.gaveUp} given up; retried: ${JSON.stringify(tally.retried)}; killed ${killed.join(', ')}`);
    assert.ok(tally.placed.length >= SHOPPERS * 20, `a steady stream of orders was placed (${tally.placed.length})`);
    assert.equal(tally.gaveUp, 0, 'every order got its answer within the retry budget');
    for (const p of tally.placed) assert.equal(p.orderIds.size, 1, `key ${p.key} named ${[...p.orderIds].join(', ')}`);

    // Settled: no release waiting, no claim or charge in flight, no hold left, every event delivered.
    await eventually(async () => {
      const [o] = await db.orders.query(`SELECT (SELECT count(*) FROM pending_releases)::int AS releases,
        (SELECT count(*) FROM idempotency_keys WHERE state = 'in_flight')::int AS claims,
        (SELECT count(*) FROM outbox WHERE delivered_at IS NULL)::int AS undelivered`);
      const [p] = await db.products.query("SELECT count(*)::int AS held FROM reservations WHERE status = 'held'");
      const [pay] = await db.payments.query('SELECT (SELECT count(*) FROM payments WHERE charging)::int AS charging, (SELECT count(*) FROM outbox WHERE delivered_at IS NULL)::int AS undelivered');
      return { ...o, held: p.held, charging: pay.charging, paymentEvents: pay.undelivered };
    }, (s) => Object.values(s).every((n) => n === 0), 90_000);

    // Every 201 is one order, and every order belongs to exactly one key: no key made two.
    const orders = await db.orders.query('SELECT o.id, o.status, k.key FROM orders o LEFT JOIN idempotency_keys k ON k.order_id = o.id');
    const byId = new Map(orders.map((o) => [o.id, o]));
    for (const id of placedIds) assert.ok(byId.has(id), `order ${id} that got a 201 exists`);
    assert.deepEqual(orders.filter((o) => !o.key), [], 'no order without its own key');
    const keys = await db.orders.query("SELECT count(*)::int AS n FROM idempotency_keys WHERE state = 'done'");
    assert.equal(keys[0].n, orders.length, 'one order per done key');
    for (const p of tally.placed.filter((x) => x.cancelled)) assert.equal(byId.get([...p.orderIds][0])!.status, 'cancelled');
    for (const p of tally.placed.filter((x) => x.paid)) {
      await eventually(async () => (await db.orders.query('SELECT status FROM orders WHERE id = $1', [[...p.orderIds][0]]))[0].status, (s) => s === 'paid', 30_000);
    }

    // Stock: what left each product is exactly what the orders that stand hold, and every reservation of
    // an order that does not stand (cancelled, or never saved) was released, once.
    const sold = await db.orders.query(
      `SELECT l->>'productId' AS product_id, sum((l->>'quantity')::int)::int AS n
         FROM orders o, jsonb_array_elements(o.lines) AS l WHERE o.status <> 'cancelled' GROUP BY 1`,
    );
    const stock = await db.products.query('SELECT id, stock FROM products WHERE id = ANY($1)', [productIds]);
    for (const { id, stock: left } of stock) assert.equal(STOCK - left, sold.find((s) => s.product_id === id)?.n ?? 0, `stock of ${id}`);
    const standing = new Set(orders.filter((o) => o.status !== 'cancelled').map((o) => o.id));
    const reservations = await db.products.query('SELECT id, status FROM reservations');
    for (const r of reservations) assert.equal(r.status, standing.has(r.id) ? 'committed' : 'released', `reservation ${r.id}`);

    // Events: each order's lifecycle events were written once and applied once; none was lost.
    const doubles = await db.orders.query(
      `SELECT key, type, destination, count(*)::int AS n FROM outbox GROUP BY key, type, destination HAVING count(*) > 1`,
    );
    assert.deepEqual(doubles, [], 'no order event written twice');
    const history = await db.orders.query(
      "SELECT o.id, h->>'status' AS status, count(*)::int AS n FROM orders o, jsonb_array_elements(o.history) AS h GROUP BY 1, 2 HAVING count(*) > 1",
    );
    assert.deepEqual(history, [], 'no status reached twice (a payment.updated applied twice would pay twice)');
    const [placedEvents] = await db.orders.query("SELECT count(*)::int AS n FROM outbox WHERE type = 'order.placed' AND destination = 'notifications'");
    assert.equal(placedEvents.n, orders.length);
    const [mail] = await db.notifications.query("SELECT count(*)::int AS n FROM inbox WHERE type = 'order.placed'");
    assert.equal(mail.n, orders.length, 'notifications applied each order.placed once');
    const paidTwice = await db.payments.query("SELECT order_id FROM payments WHERE status = 'succeeded' GROUP BY order_id HAVING count(*) > 1");
    assert.deepEqual(paidTwice, [], 'no order charged twice');
  });
});
