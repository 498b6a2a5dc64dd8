// Email verification and password reset at the users service; the emails themselves are the
// notifications service's (its tests), so here the token is read from the event users writes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startUsers, type TestUsers } from './helpers.ts';

describe('email verification and password reset', () => {
  let users: TestUsers;
  before(async () => {
    users = await startUsers({ NOTIFICATIONS_URL: 'http://127.0.0.1:9' });
  });
  after(() => users.close());

  /** The events users wrote for the notifications service about this address, oldest first. */
  const events = async (email: string) =>
    (await users.db.query<{ type: string; data: { token: string; email: string; userId: string } }>(
      "SELECT type, data FROM outbox WHERE destination = 'notifications' AND data->>'email' = $1 ORDER BY seq",
      [email],
    ));
  const latestToken = async (email: string, type: string) => (await events(email)).filter((e) => e.type === type).at(-1)!.data.token;
  const post = (url: string, payload?: object, headers: Record<string, string> = {}) => users.call({ method: 'POST', url, payload, headers });

  test('registration sends a verification token, kept only as a hash; it verifies the address once', async () => {
    const session = await users.register('vera@example.test');
    assert.equal(session.user.emailVerified, false);
    const [registered] = await events('vera@example.test');
    assert.equal(registered.type, 'user.registered');
    assert.equal(registered.data.userId, session.user.id);
    const token = registered.data.token;
    assert.ok(token.length >= 40);
    const stored = await users.db.query('SELECT token_hash, expires_at - created_at AS ttl FROM email_tokens WHERE user_id = $1', [session.user.id]);
    assert.notEqual(stored[0].token_hash, token);
    assert.ok(!JSON.stringify(stored).includes(token));

    assert.equal((await post('/api/auth/verify-email', { token })).statusCode, 204);
    const me = await users.call({ url: '/api/users/me', headers: bearer(session.accessToken) });
    assert.equal(me.json().emailVerified, true);
    const again = await post('/api/auth/verify-email', { token });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'AUTH.INVALID_EMAIL_TOKEN');
    assert.equal((await post('/api/auth/verify-email', { token: 'never-issued' })).statusCode, 400);
  });

  test('resend makes a new link and retires the old one; once verified it sends nothing', async () => {
    const session = await users.register('rene@example.test');
    const first = await latestToken('rene@example.test', 'user.registered');
    assert.equal((await post('/api/auth/verify-email/resend', undefined, bearer(session.accessToken))).statusCode, 202);
    const second = await latestToken('rene@example.test', 'user.verification_requested');
    assert.notEqual(second, first);
    assert.equal((await post('/api/auth/verify-email', { token: first })).statusCode, 400);
    assert.equal((await post('/api/auth/verify-email', { token: second })).statusCode, 204);
    assert.equal((await post('/api/auth/verify-email/resend', undefined, bearer(session.accessToken))).statusCode, 202);
    assert.equal((await events('rene@example.test')).length, 2);
    assert.equal((await post('/api/auth/verify-email/resend')).statusCode, 401);
  });

  test('a reset answers 202 for any email and writes an event only for an account', async () => {
    await users.register('rita@example.test', 'old password 1');
    const known = await post('/api/auth/password-reset', { email: 'Rita@Example.test' });
    const unknown = await post('/api/auth/password-reset', { email: 'nobody@example.test' });
    assert.deepEqual([known.statusCode, known.body], [202, '']);
    assert.deepEqual([unknown.statusCode, unknown.body], [202, '']);
    assert.equal((await events('rita@example.test')).filter((e) => e.type === 'user.password_reset_requested').length, 1);
    assert.equal((await events('nobody@example.test')).length, 0);
  });

  test('a reset token sets the password once, revokes every session, and cannot verify an email; an expired one is a 400', async () => {
    const session = await users.register('pat@example.test', 'old password 1');
    const other = (await users.login('pat@example.test', 'old password 1')).json();
    await post('/api/auth/password-reset', { email: 'pat@example.test' });
    const token = await latestToken('pat@example.test', 'user.password_reset_requested');
    assert.equal((await post('/api/auth/verify-email', { token })).statusCode, 400, 'a reset token is no verification token');
    assert.equal((await post('/api/auth/password-reset/confirm', { token, password: 'short' })).statusCode, 400);
    assert.equal((await post('/api/auth/password-reset/confirm', { token, password: 'new password 2' })).statusCode, 204);
    assert.equal((await post('/api/auth/password-reset/confirm', { token, password: 'new password 3' })).statusCode, 400);
    assert.equal((await users.login('pat@example.test', 'old password 1')).statusCode, 401);
    assert.equal((await users.login('pat@example.test', 'new password 2')).statusCode, 200);
    for (const refreshToken of [session.refreshToken, other.refreshToken]) {
      assert.equal((await post('/api/auth/refresh', { refreshToken })).statusCode, 401);
    }
    const me = await users.call({ url: '/api/users/me', headers: bearer(session.accessToken) });
    assert.equal(me.json().emailVerified, true, 'the link could only be read in that mailbox');

    await post('/api/auth/password-reset', { email: 'pat@example.test' });
    const late = await latestToken('pat@example.test', 'user.password_reset_requested');
    await users.db.query("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'password_reset' AND used_at IS NULL");
    assert.equal((await post('/api/auth/password-reset/confirm', { token: late, password: 'new password 4' })).statusCode, 400);
  });

  test('at most 3 reset emails per address per hour, even asked for at once; the rest answer the same 202 and the last link sent still works', async () => {
    await users.register('flood@example.test', 'old password 1');
    const asks = await Promise.all(Array.from({ length: 6 }, () => post('/api/auth/password-reset', { email: 'flood@example.test' })));
    assert.deepEqual(new Set(asks.map((res) => `${res.statusCode} ${res.body}`)), new Set(['202 ']));
    const resets = async () => (await events('flood@example.test')).filter((e) => e.type === 'user.password_reset_requested');
    assert.equal((await resets()).length, 3);

    const late = await post('/api/auth/password-reset', { email: 'flood@example.test' });
    assert.deepEqual([late.statusCode, late.body], [202, '']);
    assert.equal((await resets()).length, 3);
    const lastSent = (await resets()).at(-1)!.data.token;
    assert.equal((await post('/api/auth/password-reset/confirm', { token: lastSent, password: 'new password 2' })).statusCode, 204);

    // An hour later the address may be sent a link again.
    await users.db.query("UPDATE email_tokens SET created_at = created_at - interval '61 minutes' WHERE purpose = 'password_reset'");
    assert.equal((await post('/api/auth/password-reset', { email: 'flood@example.test' })).statusCode, 202);
    assert.equal((await resets()).length, 4);
  });

  test('resend counts the verification email sent at registration: two more within the hour, then nothing', async () => {
    const session = await users.register('again@example.test');
    for (let i = 0; i < 4; i++) {
      assert.equal((await post('/api/auth/verify-email/resend', undefined, bearer(session.accessToken))).statusCode, 202);
    }
    assert.deepEqual((await events('again@example.test')).map((e) => e.type), ['user.registered', 'user.verification_requested', 'user.verification_requested']);
    const latest = await latestToken('again@example.test', 'user.verification_requested');
    assert.equal((await post('/api/auth/verify-email', { token: latest })).statusCode, 204);
  });

  test('tokens live one hour', async () => {
    const session = await users.register('hour@example.test');
    const [row] = await users.db.query("SELECT extract(epoch FROM expires_at - created_at)::int AS seconds FROM email_tokens WHERE user_id = $1", [session.user.id]);
    assert.ok(Math.abs(row.seconds - 3600) <= 2, String(row.seconds));
  });

  test('peers read contacts on /internal with a service token only', async () => {
    const session = await users.register('contact@example.test', 'correct horse', 'Connie');
    assert.equal((await users.call({ url: `/internal/users/contacts?ids=${session.user.id},unknown` })).statusCode, 401);
  });
});
