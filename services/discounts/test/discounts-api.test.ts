import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { manualClock, seedDiscount, startDiscounts, type TestDiscounts } from './setup.ts';

describe('discount rules API without the products service', () => {
  let t: TestDiscounts;
  const time = manualClock('2026-06-01T12:00:00Z');
  before(async () => {
    // PRODUCTS_URL points at a port nobody listens on; the window scheduler runs often against the test's clock.
    t = await startDiscounts({ clock: time.clock, env: { WINDOW_SCHEDULER_MS: '20' } });
  });
  after(() => t.close());

  const post = (payload: unknown, authorization?: string) =>
    t.app.inject({ method: 'POST', url: '/api/discounts', payload: payload as object, headers: authorization ? { authorization } : {} });

  test('no token is 401 and a customer is 403 on every discount route, before the body is looked at', async () => {
    const routes = [
      { method: 'GET' as const, url: '/api/discounts' },
      { method: 'POST' as const, url: '/api/discounts', payload: { nonsense: true } },
      { method: 'PATCH' as const, url: '/api/discounts/x', payload: {} },
      { method: 'DELETE' as const, url: '/api/discounts/x' },
    ];
    for (const route of routes) {
      const anonymous = await t.app.inject(route);
      assert.equal(anonymous.statusCode, 401, `${route.method} ${route.url}`);
      assert.match(anonymous.headers['content-type'] as string, /problem\+json/);
      const customer = await t.app.inject({ ...route, headers: { authorization: t.customer } });
      assert.equal(customer.statusCode, 403, `${route.method} ${route.url}`);
    }
  });

  test('bad bodies are 400 problems naming the field, and nothing is written', async () => {
    const cases: [unknown, string][] = [
      [{ productId: 'p1' }, '/body/percent'],
      [{ productId: 'p1', percent: 0.5 }, '/body/percent'],
      [{ productId: 'p1', percent: 90.01 }, '/body/percent'],
      [{ productId: 'p1', percent: 12.345 }, '/body/percent'],
      [{ productId: 'p1', percent: 'ten' }, '/body/percent'],
      [{ productId: 'p1', percent: 10, startsAt: 'tomorrow' }, '/body/startsAt'],
      [{ productId: 'p1', percent: 10, startsAt: '2026-06-02T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' }, '/body/endsAt'],
      [{ productId: 'p1', percent: 10, startsAt: '2026-06-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' }, '/body/endsAt'],
      [{ productId: 'p1', percent: 10, color: 'red' }, '/body/color'],
      [{ productId: 'a,b', percent: 10 }, '/body/productId'],
      [{ percent: 10 }, '/body/productId'],
    ];
    for (const [payload, path] of cases) {
      const res = await post(payload, t.employee);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      assert.ok(paths.some((p: string) => p.startsWith(path)), `${JSON.stringify(payload)} -> ${paths}`);
    }
    const list = await t.app.inject({ url: '/api/discounts', headers: { authorization: t.employee } });
    assert.deepEqual(list.json(), { items: [], nextCursor: null });
  });

  test('with the products service down, a create is a 503 problem and writes nothing', async () => {
    const res = await post({ productId: 'p1', percent: 10 }, t.employee);
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().code, 'DEPENDENCY.UNAVAILABLE');
    assert.equal((await t.db.query('SELECT count(*)::int AS n FROM discounts'))[0].n, 0);
    assert.equal((await t.db.query('SELECT count(*)::int AS n FROM outbox'))[0].n, 0);
  });

  test('changing or deleting an unknown discount is a 404 problem', async () => {
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/discounts/nope', payload: { percent: 10 }, headers: { authorization: t.employee } });
    assert.equal(patch.statusCode, 404);
    assert.equal(patch.json().code, 'DISCOUNT.NOT_FOUND');
    const del = await t.app.inject({ method: 'DELETE', url: '/api/discounts/nope', headers: { authorization: t.employee } });
    assert.equal(del.statusCode, 404);
  });

  test('an empty or malformed change is a 400 even for a known discount', async () => {
    const rule = await seedDiscount(t.db, { productId: 'p-patch', percentBps: 1000 });
    for (const payload of [{}, { percent: 12.345 }, { productId: 'other' }]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/discounts/${rule.id}`, payload, headers: { authorization: t.employee } });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    const backwards = await t.app.inject({
      method: 'PATCH', url: `/api/discounts/${rule.id}`, payload: { startsAt: '2026-06-02T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' }, headers: { authorization: t.employee },
    });
    assert.equal(backwards.statusCode, 400);
    await t.db.query('DELETE FROM discounts');
  });

  test('the list is newest first, filtered by product, and pages with a cursor without gaps or repeats', async () => {
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(await seedDiscount(t.db, {
        productId: i % 2 === 0 ? 'p-even' : 'p-odd', percentBps: 100 * (i + 1), createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 3)), // ties on createdAt
      }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await t.app.inject({ url: `/api/discounts${query}`, headers: { authorization: t.employee } });
      assert.equal(res.statusCode, 200);
      const page = res.json();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((d: { id: string }) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [...made].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1)).map((d) => d.id);
    assert.deepEqual(seen, expected);

    const odd = await t.app.inject({ url: '/api/discounts?productId=p-odd', headers: { authorization: t.employee } });
    assert.deepEqual(odd.json().items.map((d: { productId: string }) => d.productId), ['p-odd', 'p-odd', 'p-odd']);
    const one = odd.json().items[0];
    assert.deepEqual(Object.keys(one).sort(), ['createdAt', 'endsAt', 'id', 'percent', 'productId', 'startsAt', 'updatedAt']);
    assert.equal(one.startsAt, null);

    const bad = await t.app.inject({ url: '/api/discounts?cursor=garbage', headers: { authorization: t.employee } });
    assert.equal(bad.statusCode, 400);
    const forged = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
    assert.equal((await t.app.inject({ url: `/api/discounts?cursor=${forged}`, headers: { authorization: t.employee } })).statusCode, 400);
  });

  const patch = (id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/discounts/${id}`, payload, headers: { authorization: t.employee } });
  const eventsFor = async (productId: string) =>
    (await t.db.query("SELECT data FROM outbox WHERE key = $1 AND type = 'discount.changed' ORDER BY seq", [productId])).map((r) => r.data.discount);

  test('a change that would overlap another rule is a 409 naming it; touching windows are fine (an end equal to the next start)', async () => {
    const june = await seedDiscount(t.db, { productId: 'p-win', percentBps: 1000, startsAt: new Date('2026-06-10T00:00:00Z'), endsAt: new Date('2026-06-20T00:00:00Z') });
    const july = await seedDiscount(t.db, { productId: 'p-win', percentBps: 2000, startsAt: new Date('2026-07-01T00:00:00Z'), endsAt: null });
    const clash = await patch(july.id, { startsAt: '2026-06-19T23:59:59.999Z' });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().code, 'DISCOUNT.OVERLAP');
    assert.equal(clash.json().conflictingDiscountId, june.id);
    assert.match(clash.json().detail, new RegExp(june.id));
    const openStart = await patch(june.id, { startsAt: null, endsAt: null });
    assert.equal(openStart.statusCode, 409, 'an always-on rule overlaps every other');

    const touching = await patch(july.id, { startsAt: '2026-06-20T00:00:00Z', percent: 12.5 });
    assert.equal(touching.statusCode, 200);
    assert.deepEqual({ ...(touching.json() as object), updatedAt: undefined }, {
      id: july.id, productId: 'p-win', percent: 12.5, startsAt: '2026-06-20T00:00:00.000Z', endsAt: null, createdAt: july.createdAt.toISOString(), updatedAt: undefined,
    });
    assert.equal(touching.json().updatedAt, time.clock().toISOString());
    // Each change publishes what is in force now (12:00 on June 1st: neither rule yet).
    assert.deepEqual(await eventsFor('p-win'), [null]);
  });

  test('changing the rule in force publishes its new terms, and deleting it publishes null; both are 2xx without products', async () => {
    const rule = await seedDiscount(t.db, { productId: 'p-live', percentBps: 1500 });
    assert.equal((await patch(rule.id, { percent: 30, endsAt: '2026-06-30T00:00:00Z' })).statusCode, 200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/discounts/${rule.id}`, headers: { authorization: t.employee } });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.deepEqual(await eventsFor('p-live'), [{ id: rule.id, percent: 30, endsAt: '2026-06-30T00:00:00.000Z' }, null]);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/discounts/${rule.id}`, headers: { authorization: t.employee } })).statusCode, 404);
  });

  test("the app's own scheduler publishes a window's start once the clock reaches it", async () => {
    const rule = await seedDiscount(t.db, { productId: 'p-later', percentBps: 500, startsAt: new Date('2026-06-01T13:00:00Z') });
    time.set('2026-06-01T13:00:00Z');
    const until = Date.now() + 20_000;
    while ((await eventsFor('p-later')).length === 0 && Date.now() < until) await sleep(20);
    assert.deepEqual(await eventsFor('p-later'), [{ id: rule.id, percent: 5, endsAt: null }]);
  });
});
