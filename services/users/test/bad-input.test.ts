// Issue 14, findings 1 and 6, at the users service: bounded validation and strict types.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startUsers, type TestUsers } from './helpers.ts';

describe('users refuses bad input with a 400, in time linear in its size', () => {
  let t: TestUsers;
  before(async () => (t = await startUsers()));
  after(() => t.close());

  const register = (email: string, extra: Record<string, unknown> = {}) =>
    t.call({ method: 'POST', url: '/api/auth/register', payload: { email, password: 'correct horse', name: 'Ann', ...extra } });

  test('finding 1: a 100k-character email is refused at its first violation, before its pattern runs', async () => {
    // Before the fix, the quadratic pattern ran on it too (tens of seconds of a blocked event loop) and reported twice.
    const res = await register(`a@${'b.'.repeat(50_000)}@`);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().errors, [{ path: '/body/email', message: 'must NOT have more than 254 characters' }]);
  });

  test('finding 1: the linear email pattern still tells an address from a non-address', async () => {
    for (const email of ['a@b', 'a@b.', 'a@.b', 'a@b..c', 'a b@c.de', 'a@b@c.de', `a@${'b.'.repeat(100)}@`]) {
      assert.equal((await register(email)).statusCode, 400, email);
    }
    for (const email of ['ann@example.com', 'first.last+tag@mail.example.co.uk']) {
      assert.equal((await register(email)).statusCode, 201, email);
    }
  });

  test('finding 6: a NUL in a login or a registration is a 400, not a 500', async () => {
    const login = await t.login('a\u0000b@example.com', 'correct horse');
    assert.equal(login.statusCode, 400);
    assert.match(login.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal((await register('nul@example.com', { name: 'A\u0000nn' })).statusCode, 400);
  });

  test('finding 6: a name of the wrong JSON type is refused, never converted', async () => {
    assert.equal((await register('typed@example.com', { name: 123 })).statusCode, 400);
    const session = await t.register('typed2@example.com');
    const res = await t.call({ method: 'PATCH', url: '/api/users/me', headers: bearer(session.accessToken), payload: { name: 123 } });
    assert.equal(res.statusCode, 400);
    const me = await t.call({ url: '/api/users/me', headers: bearer(session.accessToken) });
    assert.equal(me.json().name, 'Test User');
  });
});
