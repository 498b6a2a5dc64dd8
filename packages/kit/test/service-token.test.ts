import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { buildService, createServiceCredential, generateServiceSecret, SERVICE_TOKEN_HEADER, type App } from '../src/index.ts';

const secret = generateServiceSecret();
const hmac = new TextEncoder().encode(secret);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token signed with the right secret but with claims of the test's choosing. */
const forged = (claims: { aud?: string; typ?: string; iat?: number; exp?: number }) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: claims.typ ?? 'svc+jwt' })
    .setIssuer('emporium-services')
    .setAudience(claims.aud ?? 'emporium-internal')
    .setSubject('intruder')
    .setIssuedAt(claims.iat ?? nowSeconds())
    .setExpirationTime(claims.exp ?? nowSeconds() + 60)
    .sign(hmac);

describe('service tokens', () => {
  test('a caller reuses one token and renews it before it expires', async () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    const credential = createServiceCredential({ service: 'orders', secret, now: () => now });
    const first = (await credential.headers())[SERVICE_TOKEN_HEADER];
    now += 30_000;
    assert.equal((await credential.headers())[SERVICE_TOKEN_HEADER], first, 'cached while fresh');
    now += 31_000; // 61 s: less than 30 s of its 90 s left
    const renewed = (await credential.headers())[SERVICE_TOKEN_HEADER];
    assert.notEqual(renewed, first);
    assert.equal(await credential.verify(renewed), 'orders');
  });

  test('a token is refused when expired, too old, for another audience or type, or signed with another secret', async () => {
    const callee = createServiceCredential({ service: 'products', secret });
    const other = createServiceCredential({ service: 'orders', secret: generateServiceSecret() });
    const refusals = {
      expired: await forged({ iat: nowSeconds() - 200, exp: nowSeconds() - 100 }),
      'too old, however long its exp': await forged({ iat: nowSeconds() - 600, exp: nowSeconds() + 3600 }),
      'user audience': await forged({ aud: 'emporium' }),
      'access token type': await forged({ typ: 'at+jwt' }),
      'another secret': (await other.headers())[SERVICE_TOKEN_HEADER],
      garbage: 'not.a.token',
    };
    for (const [why, token] of Object.entries(refusals)) await assert.rejects(callee.verify(token!), why);
    assert.equal(await callee.verify(await forged({})), 'intruder', 'the forger above holds the secret: a control');
  });

  test('a secret shorter than 32 characters is refused', () => {
    assert.throws(() => createServiceCredential({ service: 'x', secret: 'short' }), /32/);
  });
});

describe('the internal guard of buildService', () => {
  let service: App;
  let gateway: App;
  const caller = createServiceCredential({ service: 'orders', secret });
  before(async () => {
    service = await buildService({ name: 'guarded', logLevel: 'silent', serviceCredential: createServiceCredential({ service: 'guarded', secret }) });
    gateway = await buildService({ name: 'no-credential', logLevel: 'silent' });
    for (const app of [service, gateway]) {
      app.post('/internal/things', async (request) => ({ caller: request.serviceCaller }));
      app.get('/api/things', async () => ({ open: true }));
    }
  });
  after(async () => {
    await service.close();
    await gateway.close();
  });

  test('without a token every /internal path is a 401 problem, known, unknown or disguised by percent-encoding', async () => {
    for (const url of ['/internal/things', '/internal/nothing-here', '/internal', '/%69nternal/things', '/INTERNAL/things', '//internal/things?x=1']) {
      const res = await service.inject({ method: 'POST', url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(res.json().code, 'AUTH.SERVICE_UNAUTHENTICATED');
    }
    assert.equal((await service.inject({ url: '/api/things' })).statusCode, 200, 'public routes are not concerned');
  });

  test('with a valid token the route runs and knows its caller; a process without a credential accepts none', async () => {
    const headers = await caller.headers();
    const res = await service.inject({ method: 'POST', url: '/internal/things', headers });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { caller: 'orders' });
    assert.equal((await service.inject({ method: 'POST', url: '/internal/nothing-here', headers })).statusCode, 404);
    assert.equal((await gateway.inject({ method: 'POST', url: '/internal/things', headers })).statusCode, 401);
  });
});
