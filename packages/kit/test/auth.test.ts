import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '@emporium/users/src/app.ts';
import { keySourceOf, readConfig } from '@emporium/users/src/config.ts';
import { loadSigningKey } from '@emporium/users/src/keys/signing-keys.ts';
import { generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { buildService, currentUser, requireUser, type App, type SigningKey } from '../src/index.ts';
import { createTestServiceCredential, openTestDb } from '../src/testing.ts';

// Tokens made by the real users service, checked by a separate service that knows only the JWKS URL.
describe('a service verifying the users service\'s tokens through its JWKS', () => {
  let users: App;
  let shop: App;
  let cleanup: () => Promise<void>;
  let key: SigningKey;
  let publicJwk: JWK;
  let session: { user: { id: string }; accessToken: string; refreshToken: string };
  /** How far the shop's clock runs ahead of the wall clock: a token expires without the test waiting. */
  let skewMs = 0;

  before(async () => {
    const t = await openTestDb();
    cleanup = t.cleanup;
    const config = readConfig({ LOG_LEVEL: 'silent', AUTH_KEY_ENCRYPTION_KEY: 'ab'.repeat(32), ...createTestServiceCredential().env });
    users = await buildApp(config, { db: t.db });
    await users.listen({ port: 0, host: '127.0.0.1' });
    const { port } = users.server.address() as { port: number };
    ({ signing: key, publicJwk } = await loadSigningKey(t.db, keySourceOf(config)));

    shop = await buildService({
      name: 'kit-auth-test',
      logLevel: 'silent',
      auth: { jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`, issuer: 'emporium-users', audience: 'emporium', now: () => Date.now() + skewMs },
    });
    shop.get('/whoami', { onRequest: requireUser }, async (request) => currentUser(request));
    await shop.ready();

    const res = await users.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'kit@example.com', password: 'kit password', name: 'Kit' } });
    session = res.json();
  });
  after(async () => {
    await shop?.close();
    await users?.close();
    await cleanup?.();
  });

  const whoami = (app: App, token: string) => app.inject({ url: '/whoami', headers: { authorization: `Bearer ${token}` } });
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);
  const goodClaims = (): JWTPayload => ({ sub: session.user.id, role: 'customer', name: 'Kit', iss: 'emporium-users', aud: 'emporium', iat: now(), exp: now() + 900 });

  /** A token like the users service's, with one thing changed; unchanged, it is accepted (see the control test). */
  async function forge(change: { header?: Record<string, unknown>; claims?: JWTPayload; signWith?: CryptoKey | Uint8Array } = {}) {
    const header = { alg: 'EdDSA', typ: 'at+jwt', kid: key.kid, ...change.header };
    return new SignJWT({ ...goodClaims(), ...change.claims })
      .setProtectedHeader(header as { alg: string })
      .sign(change.signWith ?? key.privateKey);
  }

  test('a token from the users service is accepted, naming the user and role', async () => {
    const res = await whoami(shop, session.accessToken);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { userId: session.user.id, role: 'customer', name: 'Kit', email: 'kit@example.com' });
  });

  test('with several JWKS URLs (one per users instance), a dead first one passes the question to the next', async () => {
    const { port } = users.server.address() as { port: number };
    const twoUrls = await buildService({
      name: 'kit-auth-two-jwks',
      logLevel: 'silent',
      auth: { jwksUrl: `http://127.0.0.1:1/.well-known/jwks.json,http://127.0.0.1:${port}/.well-known/jwks.json`, issuer: 'emporium-users', audience: 'emporium' },
    });
    twoUrls.get('/whoami', { onRequest: requireUser }, async (request) => currentUser(request));
    try {
      const res = await whoami(twoUrls, session.accessToken);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().userId, session.user.id);
      assert.equal((await whoami(twoUrls, await forge({ signWith: (await generateKeyPair('EdDSA')).privateKey }))).statusCode, 401);
    } finally {
      await twoUrls.close();
    }
  });

  test('control: a token forged with the real key and nothing changed is accepted', async () => {
    assert.equal((await whoami(shop, await forge())).statusCode, 200);
  });

  test('a token accepted before is refused once it expires (remembering checked tokens never outlives them)', async () => {
    const token = await forge({ claims: { exp: now() + 2 } });
    assert.equal((await whoami(shop, token)).statusCode, 200);
    assert.equal((await whoami(shop, token)).statusCode, 200);
    skewMs = 3_100;
    try {
      const res = await whoami(shop, token);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().detail, 'The access token has expired');
    } finally {
      skewMs = 0;
    }
  });

  test('no token is a 401 on a route that needs one', async () => {
    assert.equal((await shop.inject({ url: '/whoami' })).statusCode, 401);
  });

  const otherKey = async () => (await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).privateKey;
  const cases: [string, () => Promise<string>][] = [
    ['alg none, unsigned', async () => `${b64({ alg: 'none', typ: 'at+jwt', kid: key.kid })}.${b64(goodClaims())}.`],
    ['HS256 signed with the public key bytes', () => forge({ header: { alg: 'HS256' }, signWith: Buffer.from(publicJwk.x!, 'base64url') })],
    ['HS256 signed with the JWK text', () => forge({ header: { alg: 'HS256' }, signWith: Buffer.from(JSON.stringify(publicJwk)) })],
    ['a wrong issuer', () => forge({ claims: { iss: 'someone-else' } })],
    ['a wrong audience', () => forge({ claims: { aud: 'another-shop' } })],
    ['an expired token', () => forge({ claims: { iat: now() - 1000, exp: now() - 60 } })],
    ['a tampered payload', async () => {
      const [h, p, s] = session.accessToken.split('.');
      return `${h}.${b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' })}.${s}`;
    }],
    ['a wrong typ (plain JWT)', () => forge({ header: { typ: 'JWT' } })],
    ['no typ', () => forge({ header: { typ: undefined } })],
    ['an unknown kid from another key', async () => forge({ header: { kid: 'someone-elses-key' }, signWith: await otherKey() })],
    ['another key under the real kid', async () => forge({ signWith: await otherKey() })],
    ['an unknown role', () => forge({ claims: { role: 'superuser' } })],
    ['no subject', () => forge({ claims: { sub: undefined } })],
    ['a refresh token used as an access token', async () => session.refreshToken],
  ];
  for (const [what, make] of cases) {
    test(`${what}: 401 on the other service and on the users service`, async () => {
      const token = await make();
      const res = await whoami(shop, token);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().code, 'AUTH.UNAUTHENTICATED');
      const own = await users.inject({ url: '/api/users/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(own.statusCode, 401, own.body);
    });
  }
});
