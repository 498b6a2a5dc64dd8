import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sharing, startUsers, type TestUsers } from './helpers.ts';

const statuses = (responses: { statusCode: number }[]) => responses.map((r) => r.statusCode);

async function fail(users: TestUsers, email: string, times: number, address = '10.0.0.1') {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await users.login(email, 'wrong password', address));
  return results;
}

// One database for the file; instances with other settings share it.
let users: TestUsers;
before(async () => {
  users = await startUsers();
});
after(() => users.close());
const startInstance = (env: Record<string, string>) => startUsers(env, { db: sharing(users.db) });

describe('failed sign-ins per account (default: 5 in 15 minutes)', () => {
  test('after 5 failures even the right password gets 429 with Retry-After, and no guess is checked', async () => {
    await users.register('victim@example.com', 'right password');
    assert.deepEqual(statuses(await fail(users, 'victim@example.com', 5)), [401, 401, 401, 401, 401]);
    const blocked = await users.login('victim@example.com', 'right password', '10.0.0.99');
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().code, 'AUTH.TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 900, `Retry-After ${blocked.headers['retry-after']}`);
    assert.equal(blocked.json().retryAfter, retryAfter);
  });

  test('other accounts from the same address still log in', async () => {
    await users.register('bystander@example.com', 'right password');
    await fail(users, 'target@example.com', 6, '10.0.0.2');
    assert.equal((await users.login('bystander@example.com', 'right password', '10.0.0.2')).statusCode, 200);
  });

  test('an unknown account is limited the same way as a known one', async () => {
    assert.deepEqual(statuses(await fail(users, 'ghost@example.com', 6, '10.0.0.3')), [401, 401, 401, 401, 401, 429]);
  });

  test('parallel guesses are all counted: of 10 at once, at most 5 are checked', async () => {
    await users.register('parallel@example.com', 'right password');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => users.login('parallel@example.com', 'wrong password', `10.0.1.${i}`)));
    assert.equal(statuses(results).filter((s) => s === 401).length, 5);
    assert.equal(statuses(results).filter((s) => s === 429).length, 5);
  });

  test('a successful sign-in forgives the account its earlier failures', async () => {
    await users.register('forgetful@example.com', 'right password');
    await fail(users, 'forgetful@example.com', 4, '10.0.2.1');
    assert.equal((await users.login('forgetful@example.com', 'right password', '10.0.2.1')).statusCode, 200);
    assert.deepEqual(statuses(await fail(users, 'forgetful@example.com', 5, '10.0.2.1')), [401, 401, 401, 401, 401]);
  });
});

describe('failed sign-ins per client address, across accounts', () => {
  test('a flood over many accounts from one address is stopped; other addresses are not', async () => {
    const users = await startInstance({ LOGIN_MAX_FAILURES_PER_ADDRESS: '6' });
    await users.register('someone@example.com', 'right password');
    const flood = [];
    for (let i = 0; i < 7; i++) flood.push(await users.login(`guess${i}@example.com`, 'wrong password', '192.0.2.7'));
    assert.deepEqual(statuses(flood), [401, 401, 401, 401, 401, 401, 429]);
    assert.ok(Number(flood[6].headers['retry-after']) > 0);
    assert.equal((await users.login('someone@example.com', 'right password', '192.0.2.7')).statusCode, 429);
    assert.equal((await users.login('someone@example.com', 'right password', '192.0.2.8')).statusCode, 200);
    await users.close();
  });
});

describe('limits and the client address', () => {
  test('without a trusted proxy, x-forwarded-for is ignored, so changing it does not escape the limit', async () => {
    const users = await startInstance({ TRUST_PROXY: 'false', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    try {
      const results = [];
      for (let i = 0; i < 4; i++) {
        const headers = { 'x-forwarded-for': `198.51.100.${i}` };
        results.push(await users.call({ method: 'POST', url: '/api/auth/login', payload: { email: `spoof${i}@example.com`, password: 'wrong password' }, headers, remoteAddress: '203.0.113.5' }));
      }
      assert.deepEqual(statuses(results), [401, 401, 401, 429]);
    } finally {
      await users.close();
    }
  });

  test('finding 5: behind trusted gateway pods (TRUST_PROXY as in the Kubernetes manifest), one client\'s failures do not lock out the others', async () => {
    const users = await startInstance({ TRUST_PROXY: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    try {
      await users.register('pod-user@example.com', 'right password');
      const viaGateway = (client: string, email: string, password: string) =>
        users.call({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers: { 'x-forwarded-for': client }, remoteAddress: '10.42.3.7' });
      const flood = [];
      for (let i = 0; i < 4; i++) flood.push(await viaGateway('198.51.100.66', `pod-guess${i}@example.com`, 'wrong password'));
      assert.deepEqual(statuses(flood), [401, 401, 401, 429], 'the flooding client is limited');
      assert.equal((await viaGateway('198.51.100.67', 'pod-user@example.com', 'right password')).statusCode, 200, 'another client still signs in');
    } finally {
      await users.close();
    }
  });

  test('two instances on one database count the same failures', async () => {
    const first = users;
    const second = await startInstance({});
    try {
      await first.register('shared@example.com', 'right password');
      await fail(first, 'shared@example.com', 3);
      await fail(second, 'shared@example.com', 2);
      assert.equal((await first.login('shared@example.com', 'right password')).statusCode, 429);
      assert.equal((await second.login('shared@example.com', 'right password')).statusCode, 429);
    } finally {
      await second.close();
    }
  });

  test('once the window has passed the failures, the account may sign in again', async () => {
    const users = await startInstance({ LOGIN_WINDOW_SECONDS: '60' });
    try {
      await users.register('patient@example.com', 'right password');
      await fail(users, 'patient@example.com', 5);
      const blocked = await users.login('patient@example.com', 'right password');
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) <= 60);
      // A minute passes (moved in the database rather than waited for).
      await users.db.query(`UPDATE login_failures SET at = at - interval '61 seconds' WHERE scope = 'account:patient@example.com'`);
      assert.equal((await users.login('patient@example.com', 'right password')).statusCode, 200);
    } finally {
      await users.close();
    }
  });
});
