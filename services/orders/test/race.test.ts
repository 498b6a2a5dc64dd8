import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createProduct, orderBody, placeOrder, startShop, stockOf, unitsInOpenOrders, type Shop } from './harness.ts';

const ROUNDS = 8;

describe('concurrency: stock and idempotency under load', () => {
  let shop: Shop;
  before(async () => {
    // These races are about stock and keys under concurrency; a peer slower than the harness's 1 s on a
    // loaded machine would be a (correct) 503, which is not what they test.
    shop = await startShop({ PEER_TIMEOUT_MS: '10000' });
  });
  after(() => shop.close());

  /** Samples the product's stock until stopped; returns every value seen. */
  function watchStock(productId: string) {
    const seen: number[] = [];
    let stopped = false;
    const done = (async () => {
      while (!stopped) seen.push(await stockOf(shop.products.url, productId));
    })();
    return async () => {
      stopped = true;
      await done;
      return seen;
    };
  }

  test('when more customers than units order the last k units at once, exactly k are sold, round after round', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const k = 1 + (round % 4);
      const buyers = k + 6;
      const product = await createProduct(shop, shop.products.url, { stock: k });
      const other = await createProduct(shop, shop.products.url, { stock: 1000 });
      const stopWatching = watchStock(product.id);
      const customers = await Promise.all(Array.from({ length: buyers }, () => shop.customer()));
      // Two lines each: the scarce one and a plentiful one, so "all lines or none" is tested too.
      const results = await Promise.all(
        customers.map((c) => placeOrder(shop.orders.url, c, orderBody([{ productId: other.id, quantity: 2 }, { productId: product.id, quantity: 1 }]))),
      );
      const seen = await stopWatching();
      const statuses = results.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 201).length, k, `round ${round}: ${statuses}`);
      assert.ok(statuses.every((s) => s === 201 || s === 409), `round ${round}: ${statuses}`);
      for (const refused of results.filter((r) => r.status === 409)) assert.equal(JSON.parse(refused.text).productId, product.id);
      assert.ok(seen.every((s) => s >= 0 && s <= k), `stock went out of bounds: ${seen}`);
      assert.equal(await stockOf(shop.products.url, product.id), 0);
      assert.equal(await unitsInOpenOrders(shop.orders.db, product.id), k);
      // Conservation for the plentiful product: only the winners' two units each left the shelf.
      assert.equal(await stockOf(shop.products.url, other.id) + (await unitsInOpenOrders(shop.orders.db, other.id)), 1000);
      assert.equal(await unitsInOpenOrders(shop.orders.db, other.id), 2 * k);
    }
  });

  test('orders and cancellations racing keep stock conserved: initial = on hand + in open orders', async () => {
    const initial = 25;
    const product = await createProduct(shop, shop.products.url, { stock: initial });
    const customer = await shop.customer();
    const placed: string[] = [];
    const attempts = Array.from({ length: 24 }, async (_, i) => {
      const res = await placeOrder(shop.orders.url, customer, orderBody([{ productId: product.id, quantity: 1 + (i % 3) }]));
      if (res.status !== 201) return assert.equal(res.status, 409);
      const id = JSON.parse(res.text).id;
      placed.push(id);
      if (i % 2 === 0) {
        const cancel = await fetch(`${shop.orders.url}/api/orders/${id}/cancel`, { method: 'POST', headers: customer });
        assert.equal(cancel.status, 200);
      }
    });
    await Promise.all(attempts);
    assert.ok(placed.length > 0);
    assert.equal(await stockOf(shop.products.url, product.id) + (await unitsInOpenOrders(shop.orders.db, product.id)), initial);
  });

  test('clients resending with the same key while responses are dropped get one order per key', async () => {
    const product = await createProduct(shop, shop.products.url, { stock: 1000 });
    const clients = 10;
    const outcomes = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const customer = await shop.customer(`retrying-${i}-${randomUUID()}`);
        const key = randomUUID();
        const body = orderBody([{ productId: product.id, quantity: 1 + (i % 2) }]);
        let drops = 0;
        for (let attempt = 0; ; attempt++) {
          // The first attempts give up after a few milliseconds: the server keeps working, the client never hears back.
          const signal = attempt < 3 ? AbortSignal.timeout(2 + Math.floor(Math.random() * 40)) : undefined;
          try {
            const res = await placeOrder(shop.orders.url, customer, body, key, signal);
            if (res.status === 201) return { customer, body: res.text, drops };
            assert.equal(res.status, 409, res.text);
            assert.equal(JSON.parse(res.text).code, 'IDEMPOTENCY.IN_FLIGHT');
          } catch (err) {
            assert.match((err as Error).name, /TimeoutError|AbortError/);
            drops++;
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    assert.ok(outcomes.some((o) => o.drops > 0), 'no response was dropped; the test proved nothing');
    for (const { customer, body } of outcomes) {
      const list = await (await fetch(`${shop.orders.url}/api/orders?limit=100`, { headers: customer })).json();
      assert.equal(list.items.length, 1);
      assert.deepEqual(list.items[0], JSON.parse(body));
    }
    const units = await unitsInOpenOrders(shop.orders.db, product.id);
    assert.equal(units, outcomes.reduce((sum, _, i) => sum + 1 + (i % 2), 0));
    assert.equal(await stockOf(shop.products.url, product.id) + units, 1000);
  });
});
