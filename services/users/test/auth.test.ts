import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hash, type Algorithm } from '@node-rs/argon2';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { bearer, sharing, startUsers, type TestUsers } from './helpers.ts';

describe('register, login, refresh and logout', () => {
  let users: TestUsers;
  before(async () => {
    users = await startUsers();
  });
  after(() => users.close());

  const refresh = (refreshToken: string) => users.call({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });

  test('registering answers 201 with the user, an access token and a refresh token', async () => {
    const res = await users.call({ method: 'POST', url: '/api/auth/register', payload: { email: 'Ann@Example.com', password: 'long enough', name: '  Ann  ' } });
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['accessToken', 'refreshToken', 'user']);
    assert.deepEqual(Object.keys(body.user).sort(), ['createdAt', 'email', 'emailVerified', 'id', 'name', 'role']);
    assert.equal(body.user.email, 'ann@example.com');
    assert.equal(body.user.name, 'Ann');
    assert.equal(body.user.role, 'customer');
    assert.ok(!Number.isNaN(Date.parse(body.user.createdAt)));
    const me = await users.call({ url: '/api/users/me', headers: bearer(body.accessToken) });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, body.user.id);
  });

  test('the access token is an EdDSA at+jwt for emporium from emporium-users, valid 15 minutes', async () => {
    const { user, accessToken } = await users.register('claims@example.com', 'long enough', 'Cleo');
    const header = decodeProtectedHeader(accessToken);
    assert.equal(header.alg, 'EdDSA');
    assert.equal(header.typ, 'at+jwt');
    const jwks = (await users.call({ url: '/.well-known/jwks.json' })).json();
    assert.equal(header.kid, jwks.keys[0].kid);
    const claims = decodeJwt(accessToken);
    assert.equal(claims.iss, 'emporium-users');
    assert.equal(claims.aud, 'emporium');
    assert.equal(claims.sub, user.id);
    assert.equal(claims.role, 'customer');
    assert.equal(claims.name, 'Cleo');
    assert.equal(claims.exp! - claims.iat!, 900);
  });

  test('the JWKS holds public keys only and is not in the OpenAPI document', async () => {
    const jwks = await users.call({ url: '/.well-known/jwks.json' });
    assert.equal(jwks.statusCode, 200);
    const [key] = jwks.json().keys;
    assert.equal(key.kty, 'OKP');
    assert.equal(key.crv, 'Ed25519');
    assert.equal(key.d, undefined);
    const paths = Object.keys((await users.call({ url: '/openapi.json' })).json().paths);
    assert.ok(!paths.some((p) => p.includes('well-known')));
    assert.ok(paths.includes('/api/auth/login'));
  });

  test('an email is taken whatever its case: 409', async () => {
    await users.register('dup@example.com');
    const res = await users.call({ method: 'POST', url: '/api/auth/register', payload: { email: 'DUP@example.COM', password: 'long enough', name: 'Dup' } });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'USER.EMAIL_TAKEN');
  });

  test('two registrations of one email at once: one 201, one 409', async () => {
    const payload = { email: 'race@example.com', password: 'long enough', name: 'Race' };
    const results = await Promise.all([1, 2].map(() => users.call({ method: 'POST', url: '/api/auth/register', payload })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
  });

  for (const [what, payload, path] of [
    ['a 7-character password', { email: 'p@example.com', password: '1234567', name: 'P' }, '/body/password'],
    ['a 257-character password', { email: 'p@example.com', password: 'x'.repeat(257), name: 'P' }, '/body/password'],
    ['an email without @', { email: 'nobody.example.com', password: 'long enough', name: 'P' }, '/body/email'],
    ['a blank name', { email: 'p@example.com', password: 'long enough', name: '   ' }, '/body/name'],
    ['a missing name', { email: 'p@example.com', password: 'long enough' }, '/body/name'],
    ['a role in the body', { email: 'p@example.com', password: 'long enough', name: 'P', role: 'admin' }, '/body/role'],
  ] as const) {
    test(`registering with ${what} is a 400 naming the field, and creates nothing`, async () => {
      const res = await users.call({ method: 'POST', url: '/api/auth/register', payload });
      assert.equal(res.statusCode, 400);
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
      assert.ok(res.json().errors.some((e: { path: string }) => e.path === path), res.body);
      assert.deepEqual(await users.db.query(`SELECT id FROM users WHERE email = 'p@example.com'`), []);
    });
  }

  test('logging in answers 200 with a new pair, whatever the case of the email', async () => {
    const { user } = await users.register('login@example.com', 'right password');
    const res = await users.login('  LOGIN@example.com ', 'right password');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user.id, user.id);
    assert.equal((await users.call({ url: '/api/users/me', headers: bearer(res.json().accessToken) })).statusCode, 200);
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    await users.register('known@example.com', 'right password');
    const wrong = await users.login('known@example.com', 'wrong password', '10.0.0.1');
    const unknown = await users.login('unknown@example.com', 'wrong password', '10.0.0.2');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
    assert.equal(wrong.json().code, 'AUTH.INVALID_CREDENTIALS');
  });

  test('a login without a password is a 400', async () => {
    const res = await users.call({ method: 'POST', url: '/api/auth/login', payload: { email: 'known@example.com' } });
    assert.equal(res.statusCode, 400);
  });

  test('a refresh token works once and gives a new working pair', async () => {
    const first = await users.register('rotate@example.com');
    const res = await refresh(first.refreshToken);
    assert.equal(res.statusCode, 200);
    const second = res.json();
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(second.user.id, first.user.id);
    assert.equal((await users.call({ url: '/api/users/me', headers: bearer(second.accessToken) })).statusCode, 200);
    assert.equal((await refresh(second.refreshToken)).statusCode, 200);
  });

  test('reusing a rotated refresh token revokes its whole family, but not other sessions', async () => {
    const first = await users.register('reuse@example.com', 'right password');
    const other = (await users.login('reuse@example.com', 'right password')).json();
    const second = (await refresh(first.refreshToken)).json();
    const reused = await refresh(first.refreshToken);
    assert.equal(reused.statusCode, 401);
    assert.equal(reused.json().code, 'AUTH.INVALID_REFRESH_TOKEN');
    assert.equal((await refresh(second.refreshToken)).statusCode, 401, 'the thief\'s (or owner\'s) newer token dies too');
    assert.equal((await refresh(other.refreshToken)).statusCode, 200, 'another login is another family');
  });

  test('two refreshes racing with one token: one wins, and the family is revoked', async () => {
    const first = await users.register('race-refresh@example.com');
    const results = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    const winner = results.find((r) => r.statusCode === 200);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 401]);
    assert.equal((await refresh(winner!.json().refreshToken)).statusCode, 401);
  });

  test('an unknown, an expired or a malformed refresh token is a 401', async () => {
    assert.equal((await refresh('not-a-token')).statusCode, 401);
    const session = await users.register('expired@example.com');
    await users.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [session.user.id]);
    assert.equal((await refresh(session.refreshToken)).statusCode, 401);
    assert.equal((await users.call({ method: 'POST', url: '/api/auth/refresh', payload: {} })).statusCode, 400);
  });

  test('finding 5: a refresh family ends REFRESH_FAMILY_MAX_DAYS after its sign-in, however often it is rotated', async () => {
    const session = await users.register('family-end@example.com');
    const rotated = (await refresh(session.refreshToken)).json();
    const rows = await users.db.query(
      'SELECT expires_at, family_expires_at, created_at FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at',
      [session.user.id],
    );
    assert.equal(rows.length, 2);
    assert.equal(new Date(rows[1].family_expires_at).getTime(), new Date(rows[0].family_expires_at).getTime(), 'rotation keeps the family\'s end');
    const days = (new Date(rows[0].family_expires_at).getTime() - new Date(rows[0].created_at).getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 90) < 0.01, `default 90 days, got ${days}`);
    // The sign-in began long ago: its family is over even though this token was made a moment ago.
    await users.db.query(`UPDATE refresh_tokens SET family_expires_at = now() - interval '1 second' WHERE user_id = $1`, [session.user.id]);
    assert.equal((await refresh(rotated.refreshToken)).statusCode, 401);
  });

  test('finding 5: a token made near the family\'s end expires with the family, not REFRESH_TOKEN_TTL_DAYS later', async () => {
    const short = await startUsers({ REFRESH_FAMILY_MAX_DAYS: '1', REFRESH_TOKEN_TTL_DAYS: '30' }, { db: sharing(users.db) });
    try {
      const session = await short.register('short-family@example.com');
      const next = await short.call({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } });
      assert.equal(next.statusCode, 200);
      const rows = await users.db.query('SELECT expires_at, family_expires_at FROM refresh_tokens WHERE user_id = $1', [session.user.id]);
      for (const row of rows) assert.equal(new Date(row.expires_at).getTime(), new Date(row.family_expires_at).getTime());
    } finally {
      await short.close();
    }
  });

  test('refresh tokens are stored only as SHA-256 digests', async () => {
    const session = await users.register('digest@example.com');
    const rows = await users.db.query('SELECT token_hash FROM refresh_tokens WHERE user_id = $1', [session.user.id]);
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].token_hash, session.refreshToken);
    assert.match(rows[0].token_hash, /^[0-9a-f]{64}$/);
  });

  test('logout revokes the session: its refresh token stops working; 204 even for an unknown token', async () => {
    const session = await users.register('logout@example.com');
    const res = await users.call({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await refresh(session.refreshToken)).statusCode, 401);
    assert.equal((await users.call({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: 'unknown' } })).statusCode, 204);
    assert.equal((await users.call({ method: 'POST', url: '/api/auth/logout', payload: {} })).statusCode, 400);
  });

  test('a refresh after a role change carries the new role', async () => {
    const session = await users.register('promoted@example.com');
    await users.db.query(`UPDATE users SET role = 'employee' WHERE id = $1`, [session.user.id]);
    const next = (await refresh(session.refreshToken)).json();
    assert.equal(next.user.role, 'employee');
    assert.equal(decodeJwt(next.accessToken).role, 'employee');
  });

  test('a hash made with weaker settings is redone at the next sign-in', async () => {
    const { user } = await users.register('old-hash@example.com', 'right password');
    const weak = await hash('right password', { algorithm: 2 as Algorithm, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await users.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, weak]);
    assert.equal((await users.login('old-hash@example.com', 'right password')).statusCode, 200);
    const [row] = await users.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal((await users.login('old-hash@example.com', 'right password')).statusCode, 200);
  });
});
