import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestAuth } from '@emporium/kit/testing';
import { bearer, setRole, sharing, startUsers, type TestUsers } from './helpers.ts';

let base: TestUsers;
before(async () => {
  base = await startUsers();
});
after(() => base.close());
const startInstance = (env: Record<string, string> = {}) => startUsers(env, { db: sharing(base.db) });

describe('accounts made at start', () => {
  test('ADMIN_EMAIL/ADMIN_PASSWORD create an admin who can sign in', async () => {
    const users = await startInstance({ ADMIN_EMAIL: 'Boss@Example.com', ADMIN_PASSWORD: 'boss password' });
    const res = await users.login('boss@example.com', 'boss password');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user.role, 'admin');
    await users.close();
  });

  test('finding 3: ADMIN_EMAIL naming an existing customer does not promote it, and its password does not sign in as admin', async () => {
    const customer = await base.register('promote-me@example.com', 'my own password');
    const users = await startInstance({ ADMIN_EMAIL: 'promote-me@example.com', ADMIN_PASSWORD: 'another password' });
    const res = await users.login('promote-me@example.com', 'my own password');
    assert.equal(res.json().user.role, 'customer');
    assert.equal(res.json().user.id, customer.user.id);
    assert.equal((await users.login('promote-me@example.com', 'another password')).statusCode, 401);
    await users.close();
  });

  test('finding 3: an admin made from ADMIN_EMAIL and then demoted stays demoted after a restart', async () => {
    const env = { ADMIN_EMAIL: 'demote-me@example.com', ADMIN_PASSWORD: 'first admin pw' };
    const first = await startInstance(env);
    const demoted = (await first.login('demote-me@example.com', 'first admin pw')).json();
    const other = await base.register('second-admin@example.com');
    await setRole(base.db, other.user.id, 'admin');
    const admin = (await first.login('second-admin@example.com', 'correct horse')).json();
    const res = await first.call({ method: 'PATCH', url: `/api/users/${demoted.user.id}`, payload: { role: 'customer' }, headers: bearer(admin.accessToken) });
    assert.equal(res.statusCode, 200, res.body);
    await first.close();

    const again = await startInstance(env);
    assert.equal((await again.login('demote-me@example.com', 'first admin pw')).json().user.role, 'customer');
    await again.close();
  });

  test('DEMO_MODE creates the demo admin, employee and customer once, and leaves them alone afterwards', async () => {
    const first = await startInstance({ DEMO_MODE: 'true' });
    assert.equal((await first.login('admin@emporium.test', 'admin-demo')).json().user.role, 'admin');
    const employee = await first.login('employee@emporium.test', 'employee-demo');
    const customer = await first.login('customer@emporium.test', 'customer-demo');
    assert.equal(employee.json().user.role, 'employee');
    assert.equal(customer.json().user.role, 'customer');
    await first.call({ method: 'PATCH', url: '/api/users/me', payload: { name: 'Renamed' }, headers: bearer(customer.json().accessToken) });
    await first.close();

    const again = await startInstance({ DEMO_MODE: 'true' });
    const [{ n }] = await again.db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@emporium.test'`);
    assert.equal(n, 3);
    assert.equal((await again.login('customer@emporium.test', 'customer-demo')).json().user.name, 'Renamed');
    await again.close();
  });

  test('without DEMO_MODE no demo account is made, the demo admin included', async () => {
    const count = async () => (await base.db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@emporium.test'`))[0].n;
    const before = await count();
    const users = await startInstance();
    assert.equal(await count(), before);
    await users.close();
  });
});

describe('the signing key', () => {
  test('is kept in the database: another instance publishes the same key and accepts the first one\'s tokens', async () => {
    const session = await base.register('restart@example.com');
    const other = await startInstance();
    assert.deepEqual((await other.call({ url: '/.well-known/jwks.json' })).json(), (await base.call({ url: '/.well-known/jwks.json' })).json());
    assert.equal((await other.call({ url: '/api/users/me', headers: bearer(session.accessToken) })).statusCode, 200);
    await other.close();
  });

  test('instances starting together on a database without a key make exactly one', async () => {
    await base.db.query('DELETE FROM signing_keys');
    const [a, b, c] = await Promise.all([startInstance(), startInstance(), startInstance()]);
    const [{ n }] = await base.db.query('SELECT count(*)::int AS n FROM signing_keys');
    assert.equal(n, 1);
    const session = await a.register('together@example.com');
    assert.equal((await c.call({ url: '/api/users/me', headers: bearer(session.accessToken) })).statusCode, 200);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  test('a test key given to buildApp signs, verifies and is published instead of the stored one', async () => {
    const auth = await createTestAuth();
    const users = await startUsers({}, { db: sharing(base.db), signingKey: { signing: auth.key, publicJwk: JSON.parse(auth.publicJwk) } });
    try {
      assert.equal((await users.call({ url: '/api/users', headers: bearer(await auth.token({ role: 'admin' })) })).statusCode, 200);
      assert.deepEqual((await users.call({ url: '/.well-known/jwks.json' })).json(), { keys: [JSON.parse(auth.publicJwk)] });
      const session = await users.register('test-key@example.com');
      assert.equal((await base.call({ url: '/api/users/me', headers: bearer(session.accessToken) })).statusCode, 401, 'not the stored key');
    } finally {
      await users.close();
    }
  });
});
