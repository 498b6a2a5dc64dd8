// Finding 2 of the security review (issue 14): `/internal/*` routes trusted the network alone, so any
// process that could reach a service's port could forge events, release sold stock or hold all of it.
// Every service here is built as in production, sharing one service token secret; the callers below
// either hold no credential, a user's access token, or a token that is expired or meant for users.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { SERVICE_TOKEN_HEADER, type App, type Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestAuth } from '@emporium/kit/testing';
import { deliveredEvent, seedReview } from '../services/reviews/test/helpers.ts';
import { services, type ServiceName } from './services.ts';

const CLOSED = 'http://127.0.0.1:1';

describe('finding 2: /internal routes need a service credential', () => {
  const service = createTestServiceCredential();
  const apps = new Map<ServiceName, App>();
  const dbs = new Map<ServiceName, Db>();
  const cleanups: Array<() => Promise<void>> = [];
  let auth: TestAuth;
  let employee: Record<string, string>;

  before(async () => {
    auth = await createTestAuth();
    employee = { authorization: `Bearer ${await auth.token({ role: 'employee' })}` };
    for (const [name, load] of Object.entries(services) as Array<[ServiceName, (typeof services)[ServiceName]]>) {
      const { db, cleanup } = await openTestDb();
      cleanups.push(cleanup);
      const env = {
        ...service.env, AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', PEER_TIMEOUT_MS: '200', OUTBOX_INTERVAL_MS: '60000',
        USERS_URL: CLOSED, PRODUCTS_URL: CLOSED, DISCOUNTS_URL: CLOSED, ORDERS_URL: CLOSED, REVIEWS_URL: CLOSED,
      };
      const { readConfig } = await import(`../services/${name}/src/config.ts`);
      const signingKey = name === 'users' ? { signingKey: { signing: auth.key, publicJwk: JSON.parse(auth.publicJwk) } } : {};
      const app = await (await load()).buildApp(readConfig(env), { db, ...signingKey } as never);
      await app.ready();
      apps.set(name, app);
      dbs.set(name, db);
    }
  });
  after(async () => {
    for (const app of apps.values()) await app.close();
    for (const cleanup of cleanups) await cleanup();
  });

  const app = (name: ServiceName) => apps.get(name)!;
  const assertRefused = (res: { statusCode: number; headers: Record<string, unknown>; json(): { code: string } }, what: string) => {
    assert.equal(res.statusCode, 401, what);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
    assert.equal(res.json().code, 'AUTH.SERVICE_UNAUTHENTICATED', what);
  };
  const createProduct = async (stock: number) => {
    const payload = { name: `Kettle ${randomUUID()}`, description: 'Boils water.', price: { amount: 5000, currency: 'USD' }, category: 'Kitchen', stock };
    const res = await app('products').inject({ method: 'POST', url: '/api/products', headers: employee, payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string };
  };
  const product = async (id: string) => (await app('products').inject({ url: `/api/products/${id}` })).json();

  test('finding 2: a forged order.delivered without a credential is refused and verifies no review', async () => {
    const review = await seedReview(dbs.get('reviews')!, 'p-forged', 'buyer-forged', 5);
    const verified = async () => (await dbs.get('reviews')!.query('SELECT verified_purchase FROM reviews WHERE id = $1', [review.id]))[0].verified_purchase;
    const payload = { events: [deliveredEvent('buyer-forged', ['p-forged'])] };
    assertRefused(await app('reviews').inject({ method: 'POST', url: '/internal/events', payload }), 'no credential');
    assert.equal(await verified(), false);
    // The same event from a service is applied: the refusal above is the credential's doing.
    assert.deepEqual((await service.inject(app('reviews'), { method: 'POST', url: '/internal/events', payload })).json(), { received: 1, applied: 1 });
    assert.equal(await verified(), true);
  });

  test('finding 2: a forged discount.changed without a credential leaves the price alone', async () => {
    const { id } = await createProduct(5);
    const forged = { id: randomUUID(), source: 'discounts', type: 'discount.changed', key: id, seq: 1, occurredAt: new Date().toISOString(), data: { productId: id, discount: { id: 'd-forged', percent: 90, endsAt: null } } };
    assertRefused(await app('products').inject({ method: 'POST', url: '/internal/events', payload: { events: [forged] } }), 'no credential');
    const after = await product(id);
    assert.equal(after.discount, null);
    assert.deepEqual(after.discountedPrice, { amount: 5000, currency: 'USD' });
  });

  test('finding 2: stock can be neither held nor released without a credential', async () => {
    const { id } = await createProduct(5);
    const hold = { reservationId: randomUUID(), items: [{ productId: id, quantity: 5 }] };
    assertRefused(await app('products').inject({ method: 'POST', url: '/internal/reservations', payload: hold }), 'hold');
    assertRefused(await app('products').inject({ method: 'POST', url: '/internal/reservations/batch', payload: { reservations: [hold] } }), 'batch hold');
    assert.equal((await product(id)).stock, 5);
    const sold = { reservationId: randomUUID(), items: [{ productId: id, quantity: 2 }], commit: true };
    assert.equal((await service.inject(app('products'), { method: 'POST', url: '/internal/reservations', payload: sold })).statusCode, 201);
    assertRefused(await app('products').inject({ method: 'POST', url: `/internal/reservations/${sold.reservationId}/release` }), 'release');
    assert.equal((await product(id)).stock, 3, 'sold units stay sold');
  });

  test('finding 2: a user\'s access token, even an admin\'s, is refused on /internal routes', async () => {
    for (const role of ['admin', 'employee', 'customer'] as const) {
      const token = await auth.token({ role });
      for (const headers of [{ authorization: `Bearer ${token}` }, { [SERVICE_TOKEN_HEADER]: token }]) {
        const res = await app('orders').inject({ url: `/internal/purchases?customerId=c1&productId=p1`, headers });
        assertRefused(res, `${role} in ${Object.keys(headers)[0]}`);
      }
    }
  });

  test('finding 2: an expired service token, or one made for another audience, is refused', async () => {
    const key = new TextEncoder().encode(service.env.SERVICE_TOKEN_SECRET);
    const now = Math.floor(Date.now() / 1000);
    const sign = (audience: string, issuedAt: number) =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'svc+jwt' }).setIssuer('emporium-services').setSubject('orders')
        .setAudience(audience).setIssuedAt(issuedAt).setExpirationTime(issuedAt + 90).sign(key);
    const tokens = { expired: await sign('emporium-internal', now - 300), 'user audience': await sign('emporium', now), fresh: await sign('emporium-internal', now) };
    const quote = (token: string) => app('discounts').inject({ method: 'POST', url: '/internal/quotes', headers: { [SERVICE_TOKEN_HEADER]: token }, payload: { items: [] } });
    assertRefused(await quote(tokens.expired), 'expired');
    assertRefused(await quote(tokens['user audience']), 'user audience');
    assert.notEqual((await quote(tokens.fresh)).statusCode, 401, 'a control: the same token, fresh and for services');
  });

  test('finding 2: every /internal route of every service, and any unknown /internal path, is a 401 without a credential', async () => {
    let internalRoutes = 0;
    for (const [name, service] of apps) {
      const routes = service.routeTable.filter((r) => r.url.startsWith('/internal/'));
      internalRoutes += routes.length;
      for (const route of [...routes, { method: 'GET', url: '/internal/no-such-route' }, { method: 'POST', url: '/internal' }]) {
        const url = route.url.replace(/:\w+/g, randomUUID());
        const payload = route.method === 'GET' ? undefined : {};
        assertRefused(await service.inject({ method: route.method as 'GET', url, payload }), `${name} ${route.method} ${route.url}`);
      }
    }
    assert.ok(internalRoutes >= 8, `only ${internalRoutes} internal routes found`);
  });
});
