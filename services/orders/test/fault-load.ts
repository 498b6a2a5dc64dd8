// Shared by the fault tests: real products and discounts processes, orders in this process, and a stream of orders.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestAuth, type TestAuth } from '@emporium/kit/testing';
import {
  createProduct, eventually, orderBody, placeOrder, service, startDiscountsApp, startOrdersApp, startProductsApp, stockOf, unitsInOpenOrders, type Started,
} from './harness.ts';
import { serviceProcess, type ServiceProcess } from './processes.ts';

const ALLOWED_REFUSALS = new Set(['DEPENDENCY.UNAVAILABLE', 'DEPENDENCY.FAILED', 'ORDER.RESERVATION_LOST', 'ORDER.ABANDONED', 'PRODUCT.INSUFFICIENT_STOCK']);

export interface FaultShop {
  /** The peer the test kills and restarts: a real process. */
  victim: ServiceProcess;
  productsUrl: string;
  orders: Started;
  employee: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The victim as a process, the other peer as an app in this process (it stays up), orders as an app with a
 * quick sweeper. Everything boots at once: on a busy machine each boot takes a while.
 */
export async function startFaultShop(auth: TestAuth, victimName: 'products' | 'discounts'): Promise<FaultShop> {
  const env = { AUTH_PUBLIC_JWK: auth.publicJwk, ...service.env };
  const ordersEnv = { PEER_TIMEOUT_MS: '500', SWEEP_INTERVAL_MS: '200', CLAIM_STALE_SECONDS: '10' };
  let victim: ServiceProcess;
  let peer: Started;
  let orders: Started;
  if (victimName === 'products') {
    victim = await serviceProcess('products', { ...env, CACHE_TTL_MS: '0', RESERVATION_SWEEP_MS: '200' });
    [peer] = await Promise.all([startDiscountsApp(auth, victim.url), victim.start()]);
    orders = await startOrdersApp(auth, { productsUrl: victim.url, discountsUrl: peer.url }, ordersEnv);
  } else {
    peer = await startProductsApp(auth);
    victim = await serviceProcess('discounts', { ...env, PRODUCTS_URL: peer.url });
    [orders] = await Promise.all([startOrdersApp(auth, { productsUrl: peer.url, discountsUrl: victim.url }, ordersEnv), victim.start()]);
  }
  return {
    victim, orders,
    productsUrl: victimName === 'products' ? victim.url : peer.url,
    employee: { authorization: `Bearer ${await auth.token({ role: 'employee' })}` },
    async close() {
      await orders.close();
      await Promise.all([victim.stop(), peer.close()]);
    },
  };
}

/** Eight customers ordering back to back, each order with a fresh key; two products, one of them running out. */
export function startLoad(shop: FaultShop, auth: TestAuth, [plenty, scarce]: string[]) {
  const acknowledged = new Set<string>();
  const unexpected: string[] = [];
  const counts = { created: 0, refused: 0 };
  let stopped = false;
  const loops = Array.from({ length: 8 }, async (_, i) => {
    const customer = { authorization: `Bearer ${await auth.token({ role: 'customer', userId: `load-${i}` })}` };
    for (let n = 0; !stopped; n++) {
      const lines = [{ productId: plenty, quantity: 1 + (n % 2) }, ...(n % 2 === 0 ? [{ productId: scarce, quantity: 1 }] : [])];
      const res = await placeOrder(shop.orders.url, customer, orderBody(lines));
      if (res.status === 201) {
        acknowledged.add(JSON.parse(res.text).id);
        counts.created++;
        continue;
      }
      const problem = /application\/problem\+json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(res.text) : null;
      if (![409, 503].includes(res.status) || !problem || !ALLOWED_REFUSALS.has(problem.code)) unexpected.push(`${res.status} ${res.text}`);
      else if (problem.code !== 'PRODUCT.INSUFFICIENT_STOCK') counts.refused++;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  return {
    /** Lets the load run until `n` more orders were created (or refused for a dead peer) than now. */
    async untilMore(what: 'created' | 'refused', n: number) {
      const target = counts[what] + n;
      await eventually(async () => counts[what], (value) => value >= target, 90_000);
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return { acknowledged, unexpected };
    },
  };
}

/** Orders placed by the fault tests: a plentiful product and one that runs out. */
export async function faultProducts(shop: FaultShop) {
  const plenty = await createProduct(shop, shop.productsUrl, { stock: 10_000 });
  const scarce = await createProduct(shop, shop.productsUrl, { stock: 40 });
  return { ids: [plenty.id, scarce.id], initial: new Map([[plenty.id, 10_000], [scarce.id, 40]]) };
}

/** After recovery: the orders saved are exactly those acknowledged, whole, and every unit is on the shelf or in an open order. */
export async function assertRecovered(shop: FaultShop, result: { acknowledged: Set<string>; unexpected: string[] }, initial: Map<string, number>) {
  assert.deepEqual(result.unexpected, [], 'every answer is a 201 or a 503/409 problem');
  const saved = (await shop.orders.db.query('SELECT id FROM orders')).map((r) => r.id).sort();
  assert.deepEqual(saved, [...result.acknowledged].sort(), 'the orders saved are exactly the orders acknowledged');
  for (const id of result.acknowledged) {
    assert.equal((await fetch(`${shop.orders.url}/api/orders/${id}`, { headers: shop.employee })).status, 200);
  }
  const halfOrders = await shop.orders.db.query(
    `SELECT o.id FROM orders o WHERE jsonb_array_length(o.lines) = 0 OR jsonb_array_length(o.history) = 0`,
  );
  assert.deepEqual(halfOrders, []);
  // Stock held by attempts that failed comes back once products answers again (released by orders' sweeper).
  for (const [productId, units] of initial) {
    await eventually(
      async () => (await stockOf(shop.productsUrl, productId)) + (await unitsInOpenOrders(shop.orders.db, productId)),
      (total) => total === units,
      60_000,
    );
  }
  // A release can reach products a moment before its pending row is crossed off: wait for both to settle.
  const left = await eventually(
    () =>
      shop.orders.db.query(
        "SELECT (SELECT count(*) FROM pending_releases)::int AS releases, (SELECT count(*) FROM idempotency_keys WHERE state = 'in_flight')::int AS claims",
      ),
    (rows) => rows[0].releases === 0 && rows[0].claims === 0,
    60_000,
  );
  assert.deepEqual(left, [{ releases: 0, claims: 0 }]);
}

/**
 * The fault test for one peer: it dies (SIGKILL) in the middle of a stream of orders and comes back.
 * One file per peer, so each gets its own time budget on a slow machine.
 */
export function describeFault(victim: 'products' | 'discounts'): void {
  describe(`faults: ${victim} dies mid-load and comes back`, () => {
    let auth: TestAuth;
    let shop: FaultShop;
    before(async () => {
      auth = await createTestAuth();
      shop = await startFaultShop(auth, victim);
    });
    after(() => shop?.close());

    test('only 201s or 503/409 problems; afterwards every acknowledged order exists, no other does, and stock is conserved', async () => {
      const { ids, initial } = await faultProducts(shop);
      const load = startLoad(shop, auth, ids);
      await load.untilMore('created', 5);
      await shop.victim.kill();
      await load.untilMore('refused', 5);
      await shop.victim.start();
      await load.untilMore('created', 5);
      await assertRecovered(shop, await load.stop(), initial);
    });
  });
}
