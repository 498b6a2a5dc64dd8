// Security review of issue 14, findings 1 and 6, for every service at once: bounded validation,
// strict types, control characters refused, and the framework's own errors as problem+json.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Type } from 'typebox';
import { buildService, Id, IdParams, ListQuery, requireRole, type App } from '../src/index.ts';
import { createTestAuth, type TestAuth } from '../src/testing.ts';

const Thing = Type.Object({
  name: Type.String({ maxLength: 20, pattern: '^[a-z]+$' }),
  count: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  flag: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.String({ maxLength: 100 })),
});

const isProblem = (res: { headers: Record<string, unknown> }) => assert.match(String(res.headers['content-type']), /^application\/problem\+json/);

describe('request validation at the edge of every service', () => {
  let app: App;
  let auth: TestAuth;
  let base: string;

  before(async () => {
    auth = await createTestAuth();
    app = await buildService({ name: 'kit-validation', logLevel: 'silent', auth: auth.options });
    app.post('/things', { schema: { body: Thing } }, async (request) => request.body);
    app.get('/things', { schema: { querystring: Type.Object({ ...ListQuery, q: Type.Optional(Type.String({ maxLength: 100 })) }) } }, async (request) => request.query);
    app.get('/things/:id', { schema: { params: IdParams } }, async (request) => request.params);
    app.post('/staff/things/:id', { onRequest: requireRole('employee'), schema: { tags: ['things'], summary: 'Staff only', params: IdParams } }, async () => ({}));
    app.get('/public/things', { schema: { tags: ['things'], summary: 'Anyone', querystring: Type.Object({ ...ListQuery, sort: Type.Enum(['a', 'b'], { default: 'a' }) }) } }, async () => ({}));
    app.post('/ids', { schema: { body: Type.Object({ productId: Id() }) } }, async (request) => request.body);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(() => app.close());

  test('finding 1: a request is rejected at its first violation, so a pattern never runs on a 100k-character string', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'a'.repeat(100_000) + '!' } });
    assert.equal(res.statusCode, 400);
    isProblem(res);
    assert.deepEqual(res.json().errors, [{ path: '/body/name', message: 'must NOT have more than 20 characters' }]);
  });

  test('finding 6: a body field of the wrong JSON type is refused, never converted', async () => {
    for (const payload of [{ name: 123 }, { name: 'ok', count: '3' }, { name: 'ok', count: true }, { name: 'ok', flag: 'true' }, { name: 'ok', flag: 1 }, { name: 'ok', note: null }]) {
      const res = await app.inject({ method: 'POST', url: '/things', payload });
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} answered ${res.statusCode} ${res.body}`);
      isProblem(res);
    }
    assert.deepEqual((await app.inject({ method: 'POST', url: '/things', payload: { name: 'ok', count: 3, flag: true } })).json(), { name: 'ok', count: 3, flag: true });
  });

  test('finding 6: query strings are read as their declared types with bounds: Infinity, 1e400, NaN and 101 are a 400', async () => {
    for (const limit of ['Infinity', '-Infinity', '1e400', 'NaN', '101', '0', '2.5', 'ten']) {
      const res = await app.inject({ url: `/things?limit=${limit}` });
      assert.equal(res.statusCode, 400, `limit=${limit} answered ${res.statusCode}`);
      isProblem(res);
    }
    assert.equal((await app.inject({ url: '/things?limit=7' })).json().limit, 7);
  });

  test('finding 6: a NUL or other control character anywhere is a 400; tab, CR and LF pass in free text only', async () => {
    const refused = [
      app.inject({ url: '/things/a%00b' }),
      app.inject({ url: '/things/a%09b' }),
      app.inject({ url: '/things?q=%00' }),
      app.inject({ url: '/things?q=%1B' }),
      app.inject({ method: 'POST', url: '/things', payload: { name: 'ok', note: 'a\u0000b' } }),
      app.inject({ method: 'POST', url: '/things', payload: { name: 'ok', note: 'a\u007fb' } }),
      app.inject({ method: 'POST', url: '/things', payload: { name: 'ok', note: 'a\u0085b' } }),
      app.inject({ method: 'POST', url: '/things', payload: { name: 'ok', ['k\u0001']: 1 } }),
    ];
    for (const res of await Promise.all(refused)) {
      assert.equal(res.statusCode, 400, `${res.body}`);
      isProblem(res);
      assert.match(res.json().detail, /control character/);
    }
    const text = await app.inject({ method: 'POST', url: '/things', payload: { name: 'ok', note: 'line\r\n\tnext' } });
    assert.equal(text.statusCode, 200);
  });

  test('finding 6: an id with a comma or a space is a 400 where it enters', async () => {
    assert.equal((await app.inject({ url: '/things/a%2Cb' })).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/ids', payload: { productId: 'a b' } })).statusCode, 400);
  });

  test("finding 6: the framework's own refusals are problems: a path id over 100 characters, a malformed escape, a foreign charset", async () => {
    const long = await app.inject({ url: `/things/${'x'.repeat(101)}` });
    assert.equal(long.statusCode, 414);
    isProblem(long);
    assert.equal(long.headers['x-request-id'], long.json().requestId);
    const badEscape = await app.inject({ url: '/things/%E0%A4%A' });
    assert.equal(badEscape.statusCode, 400);
    isProblem(badEscape);
    const utf16 = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json; charset=utf-16' }, payload: '{"name":"ok"}' });
    assert.equal(utf16.statusCode, 415);
    isProblem(utf16);
    const broken = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    assert.equal(broken.statusCode, 400);
    isProblem(broken);
  });

  test('finding 6: a 100 KB header is a 431 problem', async () => {
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/things`, { headers: { 'x-filler': 'a'.repeat(100_000) } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(answer.status, 431);
    assert.match(answer.type, /^application\/problem\+json/);
    assert.equal(JSON.parse(answer.body).status, 431);
  });

  test('finding 6: the OpenAPI document marks public operations, names every operation, documents problems and keeps defaults optional', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    const staff = doc.paths['/staff/things/{id}'].post;
    const open = doc.paths['/public/things'].get;
    assert.deepEqual(open.security, []);
    assert.deepEqual(staff.security, [{ bearer: [] }]);
    assert.equal(open.operationId, 'getPublicThings');
    assert.equal(staff.operationId, 'postStaffThingsById');
    for (const op of [open, staff]) assert.ok(op.responses['4XX'].content['application/problem+json'].schema);
    const params = Object.fromEntries(open.parameters.map((p: { name: string; required?: boolean }) => [p.name, p.required ?? false]));
    assert.deepEqual(params, { limit: false, cursor: false, sort: false });
    // Optional in the document, still filled in for the handler.
    assert.equal((await app.inject({ url: '/things' })).json().limit, 20);
  });
});
