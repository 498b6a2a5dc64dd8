// The access matrix, generated from every service's route table: each public route is called
// anonymously and as a customer, an employee and an admin, and must answer as its access rule
// says (401 without a token, 403 for a role it does not allow, never either for one it allows).
// New routes join by themselves. It also checks that the gateway routes every public path to the
// service that owns it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleAllows, type App, type Role } from '@emporium/kit';
import { createTestAuth, createTestDatabase, createTestServiceCredential, type TestAuth } from '@emporium/kit/testing';
import { upstreamFor } from '../gateway/src/upstreams.ts';
import { services, type ServiceName } from './services.ts';


const callers: Array<{ who: string; role: Role | null }> = [
  { who: 'anonymous', role: null },
  { who: 'customer', role: 'customer' },
  { who: 'employee', role: 'employee' },
  { who: 'admin', role: 'admin' },
];

function expectation(roles: Role[] | null, role: Role | null): 'public' | 401 | 403 | 'allowed' {
  if (roles === null) return 'public';
  if (role === null) return 401;
  return roleAllows(roles, role) ? 'allowed' : 403;
}

describe('access matrix over every public route', () => {
  const apps = new Map<ServiceName, App>();
  const cleanups: Array<() => Promise<void>> = [];
  let auth: TestAuth;
  const tokens = new Map<Role, string>();

  before(async () => {
    auth = await createTestAuth();
    for (const [name, load] of Object.entries(services) as Array<[ServiceName, (typeof services)[ServiceName]]>) {
      const { url, cleanup } = await createTestDatabase();
      cleanups.push(cleanup);
      const mod = await load();
      // Peers point at a closed port: the matrix is about who gets in, not what happens next.
      const env = {
        AUTH_PUBLIC_JWK: auth.publicJwk, DATABASE_URL: url, LOG_LEVEL: 'silent',
        USERS_URL: 'http://127.0.0.1:1', PRODUCTS_URL: 'http://127.0.0.1:1', DISCOUNTS_URL: 'http://127.0.0.1:1',
        ORDERS_URL: 'http://127.0.0.1:1', REVIEWS_URL: 'http://127.0.0.1:1', PAYMENTS_URL: 'http://127.0.0.1:1', NOTIFICATIONS_URL: 'http://127.0.0.1:1', PEER_TIMEOUT_MS: '200', ...createTestServiceCredential().env,
      };
      const { readConfig } = await import(`../services/${name}/src/config.ts`);
      const app = await (mod.buildApp as (c: unknown, o: unknown) => Promise<App>)(readConfig(env), name === 'users' ? { signingKey: { signing: auth.key, publicJwk: JSON.parse(auth.publicJwk) } } : {});
      await app.ready();
      apps.set(name, app);
    }
    // Real accounts, so routes about "me" find their user; the role claim is what is under test.
    for (const role of ['customer', 'employee', 'admin'] as Role[]) {
      const res = await apps.get('users')!.inject({
        method: 'POST', url: '/api/auth/register', payload: { email: `${role}@matrix.test`, password: 'matrix-password', name: role },
      });
      tokens.set(role, await auth.token({ role, userId: res.json().user.id }));
    }
  });

  after(async () => {
    for (const app of apps.values()) await app.close();
    for (const cleanup of cleanups) await cleanup();
  });

  test('every service has public routes, and the gateway sends each one to its owner', () => {
    for (const [name, app] of apps) {
      const publicRoutes = app.routeTable.filter((r) => r.url.startsWith('/api/'));
      assert.ok(publicRoutes.length > 0, `${name} has no /api routes`);
      for (const route of publicRoutes) {
        const path = route.url.replace(/:\w+/g, randomUUID());
        assert.equal(upstreamFor(path), name, `gateway routes ${route.method} ${route.url} elsewhere`);
      }
    }
  });

  test('each route answers each caller as its access rule says', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [name, app] of apps) {
      for (const route of app.routeTable.filter((r) => r.url.startsWith('/api/'))) {
        const url = route.url.replace(/:\w+/g, randomUUID());
        for (const { who, role } of callers) {
          const headers: Record<string, string> = role ? { authorization: `Bearer ${tokens.get(role)}` } : {};
          const payload = ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
          const res = await app.inject({ method: route.method as 'GET', url, headers, payload });
          const code = String(res.headers['content-type'] ?? '').includes('json') ? res.json().code : undefined;
          const expected = expectation(route.roles, role);
          const wrong =
            (expected === 401 && res.statusCode !== 401) ||
            (expected === 403 && res.statusCode !== 403) ||
            ((expected === 'allowed' || expected === 'public') && (res.statusCode === 401 || code === 'AUTH.FORBIDDEN'));
          checked++;
          if (wrong) failures.push(`${name} ${route.method} ${route.url} as ${who}: got ${res.statusCode} ${code ?? ''}, expected ${expected}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 100, `only ${checked} checks ran`);
  });

  test('every write is protected: no public route changes anything', () => {
    const openWrites = [...apps].flatMap(([name, app]) =>
      app.routeTable
        .filter((r) => r.url.startsWith('/api/') && r.method !== 'GET' && r.roles === null)
        .map((r) => `${name} ${r.method} ${r.url}`),
    );
    // Registration, login, refresh and logout are how one gets a token in the first place; verifying an
    // email and resetting a password are proved by the emailed token, not by a session; Stripe's webhook
    // by its signature over the body.
    const allowed = [
      'users POST /api/auth/register', 'users POST /api/auth/login', 'users POST /api/auth/refresh', 'users POST /api/auth/logout',
      'users POST /api/auth/verify-email', 'users POST /api/auth/password-reset', 'users POST /api/auth/password-reset/confirm',
      'payments POST /api/payments/webhooks/stripe',
    ];
    assert.deepEqual(openWrites.filter((w) => !allowed.includes(w)), []);
  });
});
