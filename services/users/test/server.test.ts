import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, createTestServiceCredential } from '@emporium/kit/testing';
import { TEST_KEY_ENCRYPTION_KEY } from './helpers.ts';

const server = fileURLToPath(new URL('../src/server.ts', import.meta.url));
// Stops the server when this test process dies without stopping it (a timeout, a kill): no orphans.
const orphanGuard = fileURLToPath(new URL('../../../packages/launcher/src/orphan-guard.ts', import.meta.url));
const secrets = { admin: 'admin-secret-0', registered: 'register-secret-1', wrong: 'wrong-secret-2', changed: 'changed-secret-3' };

// The real process on a real port: what it logs while people sign up, fail, sign in and change passwords.
describe('the users server process', () => {
  let child: ChildProcess;
  let logs = '';
  let base = '';
  let cleanup: () => Promise<void>;

  before(async () => {
    const database = await createTestDatabase();
    cleanup = database.cleanup;
    child = spawn(process.execPath, ['--import', 'tsx', '--import', orphanGuard, server], {
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'debug',
        DEMO_MODE: 'true',
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_PASSWORD: secrets.admin,
        AUTH_KEY_ENCRYPTION_KEY: TEST_KEY_ENCRYPTION_KEY,
        ...createTestServiceCredential().env,
        ...(database.url ? { DATABASE_URL: database.url } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout!.on('data', (chunk) => (logs += chunk));
    child.stderr!.on('data', (chunk) => (logs += chunk));
    while (!base) {
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(logs);
      if (listening) base = listening[1];
      else if (child.exitCode !== null) throw new Error(`server exited:\n${logs}`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await cleanup();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  test('it answers ready, signs people in, and never logs a password, hash or token', async () => {
    assert.equal((await fetch(`${base}/health/ready`)).status, 200);
    const registered = await (await post('/api/auth/register', { email: 'log@example.com', password: secrets.registered, name: 'Log' })).json();
    assert.equal((await post('/api/auth/login', { email: 'log@example.com', password: secrets.wrong })).status, 401);
    assert.equal((await post('/api/auth/login', { email: 'admin@example.com', password: secrets.admin })).status, 200);
    assert.equal((await post('/api/auth/login', { email: 'customer@emporium.test', password: 'customer-demo' })).status, 200);
    const patched = await fetch(`${base}/api/users/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${registered.accessToken}` },
      body: JSON.stringify({ password: secrets.changed, currentPassword: secrets.registered }),
    });
    assert.equal(patched.status, 200);
    assert.equal((await post('/api/auth/refresh', { refreshToken: registered.refreshToken })).status, 401);

    assert.match(logs, /employee@emporium\.test/, 'the demo accounts are announced');
    assert.match(logs, /sign-in failed/);
    for (const secret of [...Object.values(secrets), 'customer-demo', 'employee-demo', 'admin-demo', TEST_KEY_ENCRYPTION_KEY, registered.accessToken, registered.refreshToken]) {
      assert.ok(!logs.includes(secret), `the logs contain a secret: ${secret.slice(0, 12)}...`);
    }
    assert.doesNotMatch(logs, /\$argon2/);
  });

  test('behind the local gateway, x-forwarded-for is the client address the limits count', async () => {
    const attempt = (address: string) => post('/api/auth/login', { email: 'nat@example.com', password: secrets.wrong }, { 'x-forwarded-for': address });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('203.0.113.9')).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    assert.match(logs, /"clientAddress":"203\.0\.113\.9"/);
  });

  test('SIGTERM ends it cleanly', async () => {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
