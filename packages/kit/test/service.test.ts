import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Type } from 'typebox';
import { AppError, buildService, requireRole, type App } from '../src/index.ts';
import { createTestAuth, openTestDb, type TestAuth } from '../src/testing.ts';

describe('buildService', () => {
  let app: App;
  let auth: TestAuth;
  let cleanup: () => Promise<void>;

  before(async () => {
    auth = await createTestAuth();
    const t = await openTestDb();
    cleanup = t.cleanup;
    app = await buildService({ name: 'kit-test', db: t.db, logLevel: 'silent', auth: auth.options });
    app.post(
      '/things',
      { onRequest: requireRole('employee'), schema: { body: Type.Object({ name: Type.String({ minLength: 1 }), tags: Type.Optional(Type.Array(Type.Object({ label: Type.String() }))) }) } },
      async (request) => ({ got: request.body.name, by: request.user?.userId }),
    );
    app.get('/boom', async () => {
      throw new Error('SELECT secret FROM internals');
    });
    app.get('/gone', async () => {
      throw new AppError('THING.NOT_FOUND', 404, 'No such thing');
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await cleanup();
  });

  test('an AppError becomes problem+json with its code and the request id', async () => {
    const res = await app.inject({ url: '/gone', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(res.headers['x-request-id'], 'abc-123');
    const body = res.json();
    assert.equal(body.code, 'THING.NOT_FOUND');
    assert.equal(body.status, 404);
    assert.equal(body.detail, 'No such thing');
    assert.equal(body.requestId, 'abc-123');
  });

  test('a crash is a 500 problem without internals', async () => {
    const res = await app.inject({ url: '/boom' });
    assert.equal(res.statusCode, 500);
    assert.doesNotMatch(res.body, /SELECT|secret|at .*\.ts/);
  });

  test('401 without a token, 403 with the wrong role, then 400 for a bad body', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/things', payload: {} })).statusCode, 401);
    const customer = await auth.token({ role: 'customer' });
    assert.equal((await app.inject({ method: 'POST', url: '/things', payload: {}, headers: { authorization: `Bearer ${customer}` } })).statusCode, 403);
    const employee = await auth.token({ role: 'employee', userId: 'e1' });
    const bad = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', extra: 1, tags: [{ label: 'a', more: 2 }] }, headers: { authorization: `Bearer ${employee}` } });
    assert.equal(bad.statusCode, 400);
    // Rejected at its first violation (finding 1 of issue 14): one error, not every one.
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    assert.equal(paths.length, 1);
    assert.ok(['/body/extra', '/body/tags/0/more'].includes(paths[0]));
    const ok = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x' }, headers: { authorization: `Bearer ${employee}` } });
    assert.deepEqual(ok.json(), { got: 'x', by: 'e1' });
  });

  test('an admin passes an employee check; a tampered token is a 401', async () => {
    const admin = await auth.token({ role: 'admin' });
    assert.equal((await app.inject({ method: 'POST', url: '/things', payload: { name: 'y' }, headers: { authorization: `Bearer ${admin}` } })).statusCode, 200);
    const [h, p, s] = admin.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin', sub: 'other' })).toString('base64url');
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'y' }, headers: { authorization: `Bearer ${h}.${forged}.${s}` } });
    assert.equal(res.statusCode, 401);
  });

  test('health, readiness and metrics answer', async () => {
    assert.equal((await app.inject({ url: '/health/live' })).statusCode, 200);
    const ready = await app.inject({ url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().checks.database, 'up');
    const metrics = await app.inject({ url: '/metrics' });
    assert.match(metrics.body, /http_requests_total\{.*route="\/gone".*status="404"/);
  });

  test('the route table knows what each route demands', () => {
    assert.deepEqual(app.routeTable.find((r) => r.url === '/things'), { method: 'POST', url: '/things', roles: ['employee'] });
    assert.equal(app.routeTable.find((r) => r.url === '/gone')?.roles, null);
  });

  test('an unknown route is a 404 problem', async () => {
    const res = await app.inject({ url: '/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'ROUTE.NOT_FOUND');
  });
});
