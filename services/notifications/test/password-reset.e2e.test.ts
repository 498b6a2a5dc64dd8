// Password reset end to end through the gateway: real users, notifications (built-in mailbox) and
// gateway apps on real ports, the token read from the mailbox as the customer would read the email.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App, Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, eventually, freePort, openTestDb, type TestAuth } from '@emporium/kit/testing';
import { buildApp as buildGateway } from '../../../gateway/src/app.ts';
import { readConfig as gatewayConfig } from '../../../gateway/src/config.ts';
import { buildApp as buildUsers } from '../../users/src/app.ts';
import { readConfig as usersConfig } from '../../users/src/config.ts';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

interface Running {
  app: App;
  url: string;
  close(): Promise<void>;
}

async function start(build: (db: Db) => Promise<App>, port = 0): Promise<Running> {
  const { db, cleanup } = await openTestDb();
  const app = await build(db);
  const url = await app.listen({ port, host: '127.0.0.1' });
  return { app, url, close: async () => { await app.close(); await cleanup(); } };
}

describe('password reset through the gateway', () => {
  let auth: TestAuth;
  let users: Running;
  let notifications: Running;
  let gateway: Running;
  let staff: Record<string, string>;

  before(async () => {
    auth = await createTestAuth();
    const common = { AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', ...createTestServiceCredential().env };
    const notificationsPort = await freePort();
    users = await start((db) =>
      buildUsers(usersConfig({ ...common, NOTIFICATIONS_URL: `http://127.0.0.1:${notificationsPort}`, OUTBOX_INTERVAL_MS: '100' }), {
        db, signingKey: { signing: auth.key, publicJwk: JSON.parse(auth.publicJwk) },
      }),
    );
    notifications = await start(
      (db) => buildApp(readConfig({ ...common, USERS_URL: users.url, SHOP_URL: 'https://shop.test', SEND_INTERVAL_MS: '50' }), { db }),
      notificationsPort,
    );
    const app = await buildGateway(gatewayConfig({ LOG_LEVEL: 'silent', UPSTREAMS: 'users,notifications', USERS_URL: users.url, NOTIFICATIONS_URL: notifications.url }));
    gateway = { app, url: await app.listen({ port: 0, host: '127.0.0.1' }), close: () => app.close() };
    staff = { authorization: `Bearer ${await auth.token({ role: 'employee' })}` };
  });
  after(async () => {
    await gateway.close();
    await users.close();
    await notifications.close();
  });

  async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const res = await fetch(`${gateway.url}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  }

  /** The mailbox as an employee reads it, for one address. */
  const mailbox = async (to: string) => (await call(`/api/notifications?to=${encodeURIComponent(to)}`, { headers: staff })).json().items as Array<{ template: string; text: string; status: string }>;
  const tokenIn = (text: string, page: string) => new RegExp(`https://shop\\.test/${page}\\?token=([A-Za-z0-9_-]+)`).exec(text)![1];

  test('request, read the token from the mailbox, set a new password: the old one and every old session stop working, the token works once', async () => {
    const email = 'forgetful@example.test';
    const registered = await call('/api/auth/register', { body: { email, password: 'first password', name: 'Fay' } });
    assert.equal(registered.status, 201);
    const elsewhere = (await call('/api/auth/login', { body: { email, password: 'first password' } })).json();

    const verification = await eventually(() => mailbox(email), (m) => m.some((x) => x.template === 'verify_email' && x.status === 'sent'));
    const verifyToken = tokenIn(verification[0].text, 'verify-email');
    assert.equal((await call('/api/auth/verify-email', { body: { token: verifyToken } })).status, 204);

    const asked = await call('/api/auth/password-reset', { body: { email } });
    assert.deepEqual([asked.status, asked.text], [202, '']);
    const mail = await eventually(() => mailbox(email), (m) => m.some((x) => x.template === 'password_reset'));
    const token = tokenIn(mail.find((x) => x.template === 'password_reset')!.text, 'reset-password');

    assert.equal((await call('/api/auth/password-reset/confirm', { body: { token, password: 'second password' } })).status, 204);
    const reused = await call('/api/auth/password-reset/confirm', { body: { token, password: 'third password' } });
    assert.equal(reused.status, 400);
    assert.match(reused.text, /AUTH\.INVALID_EMAIL_TOKEN/);

    assert.equal((await call('/api/auth/login', { body: { email, password: 'first password' } })).status, 401);
    const signedIn = await call('/api/auth/login', { body: { email, password: 'second password' } });
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.json().user.emailVerified, true);
    for (const refreshToken of [registered.json().refreshToken, elsewhere.refreshToken]) {
      assert.equal((await call('/api/auth/refresh', { body: { refreshToken } })).status, 401);
    }
  });

  test('an unknown email gets the same 202 and no message', async () => {
    const known = await call('/api/auth/password-reset', { body: { email: 'forgetful@example.test' } });
    const unknown = await call('/api/auth/password-reset', { body: { email: 'stranger@example.test' } });
    assert.deepEqual([unknown.status, unknown.text], [known.status, known.text]);
    await eventually(() => mailbox('forgetful@example.test'), (m) => m.filter((x) => x.template === 'password_reset').length === 2);
    assert.deepEqual(await mailbox('stranger@example.test'), []);
  });
});
