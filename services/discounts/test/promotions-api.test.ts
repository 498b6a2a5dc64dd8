import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from '@emporium/kit/testing';
import { manualClock, startDiscounts, type TestDiscounts } from './setup.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('promotion codes API', () => {
  let t: TestDiscounts;
  const time = manualClock('2026-06-01T12:00:00Z');
  before(async () => {
    t = await startDiscounts({ clock: time.clock });
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, authorization = t.employee) =>
    t.app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });
  const internal = (url: string, payload?: object) => t.service.inject(t.app, { method: 'POST', url, ...(payload ? { payload } : {}) });
  // Orders checks and uses codes in batches; each entry is answered with what its single call would have had.
  const batch = async (url: string, field: string, entries: object[]) => {
    const res = await internal(url, { [field]: entries });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().results as { status: number; body: any }[]).map((r) => ({ statusCode: r.status, json: () => r.body }));
  };
  const check = async (use: object) => (await batch('/internal/promotions/check/batch', 'uses', [use]))[0];
  const redeem = async (entry: object) => (await batch('/internal/promotions/redemptions/batch', 'redemptions', [entry]))[0];

  test('staff only: no token 401, a customer 403', async () => {
    for (const [method, url] of [['GET', '/api/promotions'], ['POST', '/api/promotions'], ['PATCH', '/api/promotions/x'], ['DELETE', '/api/promotions/x']] as const) {
      assert.equal((await t.app.inject({ method, url })).statusCode, 401);
      assert.equal((await call(method, url, {}, t.customer)).statusCode, 403);
    }
  });

  test('a code is stored upper-cased and is unique whatever its case; each type takes its own value', async () => {
    const created = await call('POST', '/api/promotions', { code: 'Summer-25', type: 'percent', value: 12.5, usageLimit: 100 });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual({ ...(created.json() as object), id: undefined, createdAt: undefined, updatedAt: undefined }, {
      id: undefined, code: 'SUMMER-25', type: 'percent', value: 12.5, minSubtotal: null, startsAt: null, endsAt: null,
      usageLimit: 100, perCustomerLimit: null, timesUsed: 0, active: true, createdAt: undefined, updatedAt: undefined,
    });
    const again = await call('POST', '/api/promotions', { code: 'summer-25', type: 'free_shipping' });
    assert.equal(again.statusCode, 409);
    assert.equal((await call('POST', '/api/promotions', { code: 'FIVE_OFF', type: 'fixed', value: usd(500), minSubtotal: usd(2000) })).statusCode, 201);
    assert.equal((await call('POST', '/api/promotions', { code: 'SHIPFREE', type: 'free_shipping' })).statusCode, 201);
    const bad: [object, string][] = [
      [{ code: 'AB', type: 'free_shipping' }, '/body/code'],
      [{ code: 'NO SPACES', type: 'free_shipping' }, '/body/code'],
      [{ code: 'PCT', type: 'percent' }, '/body/value'],
      [{ code: 'PCT', type: 'percent', value: usd(5) }, '/body/value'],
      [{ code: 'PCT', type: 'percent', value: 10.555 }, '/body/value'],
      [{ code: 'PCT', type: 'percent', value: 95 }, '/body/value'],
      [{ code: 'FIX', type: 'fixed', value: 10 }, '/body/value'],
      [{ code: 'SHIP', type: 'free_shipping', value: 10 }, '/body/value'],
      [{ code: 'WIN', type: 'free_shipping', startsAt: '2026-07-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' }, '/body/endsAt'],
    ];
    for (const [body, path] of bad) {
      const res = await call('POST', '/api/promotions', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(res.json().errors.some((e: { path: string }) => e.path.startsWith(path)), `${JSON.stringify(body)}: ${res.body}`);
    }
    assert.equal((await call('POST', '/api/promotions', { code: 'EUR', type: 'fixed', value: { amount: 5, currency: 'EUR' } })).statusCode, 400);
  });

  test('a change is checked as a whole; another code taken is a 409; a list pages newest first; delete', async () => {
    const made = (await call('POST', '/api/promotions', { code: 'CHANGE-ME', type: 'percent', value: 5 })).json();
    assert.equal((await call('PATCH', `/api/promotions/${made.id}`, { type: 'fixed' })).statusCode, 400, 'a fixed code needs its amount');
    const fixed = await call('PATCH', `/api/promotions/${made.id}`, { type: 'fixed', value: usd(250), code: 'changed' });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.deepEqual([fixed.json().code, fixed.json().value], ['CHANGED', usd(250)]);
    assert.equal((await call('PATCH', `/api/promotions/${made.id}`, { code: 'summer-25' })).statusCode, 409);
    assert.equal((await call('PATCH', '/api/promotions/nope', { code: 'X-1' })).statusCode, 404);
    const first = (await call('GET', '/api/promotions?limit=2')).json();
    assert.equal(first.items.length, 2);
    const second = (await call('GET', `/api/promotions?limit=2&cursor=${first.nextCursor}`)).json();
    const codes = [...first.items, ...second.items].map((p: { code: string }) => p.code);
    // The test's clock stands still, so every code has the same creation time and the id breaks the tie.
    assert.deepEqual([...codes].sort(), ['CHANGED', 'FIVE_OFF', 'SHIPFREE', 'SUMMER-25']);
    assert.equal((await call('DELETE', `/api/promotions/${made.id}`)).statusCode, 204);
    assert.equal((await call('DELETE', `/api/promotions/${made.id}`)).statusCode, 404);
  });

  test('redeeming counts once per order, releasing gives back once, and a code outside its window is not active', async () => {
    const code = (await call('POST', '/api/promotions', { code: 'ONCE-EACH', type: 'percent', value: 10, usageLimit: 2, perCustomerLimit: 1 })).json();
    const use = { code: 'once-each', customerId: 'c1', subtotal: usd(1000) };
    assert.equal((await check(use)).statusCode, 200);
    for (let i = 0; i < 2; i++) assert.equal((await redeem({ ...use, orderId: 'o1' })).statusCode, 200);
    const list = async () => (await call('GET', '/api/promotions?limit=100')).json().items.find((p: { id: string }) => p.id === code.id);
    assert.equal((await list()).timesUsed, 1, 'the same order redeeming again counts nothing');
    const second = await redeem({ ...use, orderId: 'o2' });
    assert.deepEqual([second.statusCode, second.json().reason], [422, 'used_up'], 'one use per customer');
    assert.equal((await redeem({ ...use, customerId: 'c2', orderId: 'o3' })).statusCode, 200);
    assert.equal((await list()).active, false, 'used up');
    for (let i = 0; i < 2; i++) assert.equal((await internal('/internal/promotions/redemptions/o1/release')).statusCode, 204);
    assert.equal((await internal('/internal/promotions/redemptions/never-used/release')).statusCode, 204);
    assert.deepEqual([(await list()).timesUsed, (await list()).active], [1, true]);
    // Two orders of one customer in the same batch, one use each allowed: each entry decided alone, under the same locks.
    const both = await batch('/internal/promotions/redemptions/batch', 'redemptions', [{ ...use, orderId: 'o4' }, { ...use, orderId: 'o5' }]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 422]);
    assert.equal((await list()).timesUsed, 2);
    const later = (await call('POST', '/api/promotions', { code: 'LATER', type: 'free_shipping', startsAt: '2026-07-01T00:00:00Z' })).json();
    assert.equal(later.active, false);
    time.set('2026-07-02T00:00:00Z');
    assert.equal((await check({ ...use, code: 'later' })).statusCode, 200);
  });

  test('a code deleted while an order uses it: that order is refused as for an unknown code, the others in its batch go through', async () => {
    const gone = (await call('POST', '/api/promotions', { code: 'GOING', type: 'percent', value: 5 })).json();
    await call('POST', '/api/promotions', { code: 'STAYING', type: 'percent', value: 5 });
    const use = { customerId: 'c9', subtotal: usd(1000) };
    let sent!: ReturnType<typeof batch>;
    // The deletion holds the code's row until it commits: the use of it reads the code as it was before, then waits
    // on that row (the foreign key) and meets the deletion only when it commits.
    await t.db.transaction(async (tx) => {
      await tx.query('DELETE FROM promotions WHERE id = $1', [gone.id]);
      sent = batch('/internal/promotions/redemptions/batch', 'redemptions', [
        { ...use, code: 'going', orderId: 'o-gone' }, { ...use, code: 'staying', orderId: 'o-stays' },
      ]);
      await eventually(async () => (await t.db.query('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted'))[0].n, (n) => n > 0, 10_000);
    });
    const answers = await sent;
    assert.deepEqual([answers[0].statusCode, answers[0].json().reason], [422, 'unknown']);
    assert.equal(answers[1].statusCode, 200);
  });
});
