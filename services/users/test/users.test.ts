import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, setRole, startUsers, type Session, type TestUsers } from './helpers.ts';

const home = { name: 'Ann Smith', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const work = { name: 'Ann Smith', line1: '9 Office Rd', line2: 'Floor 3', city: 'Shelbyville', postalCode: '54321', country: 'US' };

let users: TestUsers;
let admin: Session;
let employee: Session;
let customer: Session;
before(async () => {
  users = await startUsers({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'admin password' });
  admin = (await users.login('root@example.com', 'admin password')).json();
  employee = await users.register('staff@example.com', 'staff password', 'Staff');
  await setRole(users.db, employee.user.id, 'employee');
  employee = (await users.login('staff@example.com', 'staff password')).json();
  customer = await users.register('ann@example.com', 'ann password', 'Ann');
});
after(() => users.close());

const me = (session: Session) => users.call({ url: '/api/users/me', headers: bearer(session.accessToken) });
const patchMe = (session: Session, payload: unknown, address?: string) =>
  users.call({ method: 'PATCH', url: '/api/users/me', payload: payload as object, headers: { ...bearer(session.accessToken), ...(address ? { 'x-forwarded-for': address } : {}) } });

describe('GET and PATCH /api/users/me', () => {
  test('me is the user plus addresses, never a hash', async () => {
    const res = await me(customer);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(Object.keys(res.json()).sort(), ['addresses', 'createdAt', 'email', 'emailVerified', 'id', 'name', 'role']);
    assert.deepEqual(res.json().addresses, []);
  });

  test('without a valid token: 401 for reading and for changing', async () => {
    assert.equal((await users.call({ url: '/api/users/me' })).statusCode, 401);
    assert.equal((await users.call({ url: '/api/users/me', headers: bearer('not.a.token') })).statusCode, 401);
    assert.equal((await users.call({ method: 'PATCH', url: '/api/users/me', payload: { name: 'x' } })).statusCode, 401);
  });

  test('a valid token for an account that no longer exists is a 401', async () => {
    const gone = await users.register('gone@example.com');
    await users.db.query('DELETE FROM users WHERE id = $1', [gone.user.id]);
    assert.equal((await me(gone)).statusCode, 401);
  });

  test('the name changes, trimmed', async () => {
    const res = await patchMe(customer, { name: '  Ann B.  ' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().name, 'Ann B.');
    assert.equal((await me(customer)).json().name, 'Ann B.');
  });

  test('addresses replace the whole list; new ones get ids, given ids are kept', async () => {
    const first = (await patchMe(customer, { addresses: [home, work] })).json().addresses;
    assert.equal(first.length, 2);
    assert.ok(first.every((a: { id: string }) => typeof a.id === 'string' && a.id.length > 0));
    assert.deepEqual({ ...first[1], id: undefined }, { ...work, id: undefined });
    const kept = { ...first[1], city: 'Capital City' };
    const second = (await patchMe(customer, { addresses: [kept] })).json().addresses;
    assert.deepEqual(second, [kept]);
    assert.deepEqual((await me(customer)).json().addresses, [kept]);
    assert.deepEqual((await patchMe(customer, { addresses: [] })).json().addresses, []);
  });

  for (const [what, payload, path] of [
    ['an unknown field', { nickname: 'x' }, '/body/nickname'],
    ['an address without a city', { addresses: [{ ...home, city: undefined }] }, '/body/addresses/0/city'],
    ['an address with an unknown field', { addresses: [{ ...home, phone: '555' }] }, '/body/addresses/0/phone'],
    ['two addresses with one id', { addresses: [{ ...home, id: 'a' }, { ...work, id: 'a' }] }, '/body/addresses/1/id'],
    ['21 addresses', { addresses: Array.from({ length: 21 }, () => home) }, '/body/addresses'],
    ['a blank name', { name: ' ' }, '/body/name'],
    ['a short new password', { password: 'short', currentPassword: 'ann password' }, '/body/password'],
    ['a new password without the current one', { password: 'new password' }, '/body/currentPassword'],
  ] as const) {
    test(`PATCH me with ${what} is a 400 and changes nothing`, async () => {
      const before = (await me(customer)).json();
      const res = await patchMe(customer, payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.json().errors.some((e: { path: string }) => e.path === path), res.body);
      assert.deepEqual((await me(customer)).json(), before);
    });
  }

  test('an empty PATCH is a 400', async () => {
    assert.equal((await patchMe(customer, {})).statusCode, 400);
  });

  test('a wrong current password is a 403 and the password stays', async () => {
    const res = await patchMe(customer, { password: 'new password', currentPassword: 'not my password' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'USER.WRONG_PASSWORD');
    assert.equal((await users.login('ann@example.com', 'ann password')).statusCode, 200);
  });

  test('wrong current passwords count against the sign-in limit', async () => {
    const guessed = await users.register('guessed@example.com', 'the password');
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await patchMe(guessed, { password: 'new password', currentPassword: `guess ${i}` }, '10.9.0.1')).statusCode);
    assert.deepEqual(results, [403, 403, 403, 403, 403, 429]);
  });

  test('changing the password: the new one signs in, the old one not, and every refresh token is revoked', async () => {
    const session = await users.register('changer@example.com', 'old password');
    const elsewhere = (await users.login('changer@example.com', 'old password')).json();
    const res = await patchMe(session, { password: 'new password', currentPassword: 'old password' });
    assert.equal(res.statusCode, 200);
    assert.equal((await users.login('changer@example.com', 'old password')).statusCode, 401);
    assert.equal((await users.login('changer@example.com', 'new password')).statusCode, 200);
    for (const old of [session, elsewhere]) {
      assert.equal((await users.call({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: old.refreshToken } })).statusCode, 401);
    }
  });

  test('passwords are stored as argon2id with m >= 19456 KiB, t >= 2, p = 1', async () => {
    const [row] = await users.db.query(`SELECT password_hash FROM users WHERE email = 'changer@example.com'`);
    const params = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.password_hash);
    assert.ok(params, 'an argon2id hash');
    assert.ok(Number(params[1]) >= 19456 && Number(params[2]) >= 2 && Number(params[3]) === 1);
  });
});

describe('admin: GET /api/users and PATCH /api/users/{id}', () => {
  const list = (session: Session | null, query = '') => users.call({ url: `/api/users${query}`, headers: session ? bearer(session.accessToken) : {} });
  const setUserRole = (session: Session | null, id: string, payload: unknown) =>
    users.call({ method: 'PATCH', url: `/api/users/${id}`, payload: payload as object, headers: session ? bearer(session.accessToken) : {} });

  test('anonymous 401; customer and employee 403', async () => {
    assert.equal((await list(null)).statusCode, 401);
    assert.equal((await list(customer)).statusCode, 403);
    assert.equal((await list(employee)).statusCode, 403);
    assert.equal((await setUserRole(null, customer.user.id, { role: 'admin' })).statusCode, 401);
    assert.equal((await setUserRole(customer, customer.user.id, { role: 'admin' })).statusCode, 403);
    assert.equal((await setUserRole(employee, customer.user.id, { role: 'admin' })).statusCode, 403);
    assert.equal((await me(customer)).json().role, 'customer');
  });

  test('403 comes before 400: a customer with a bad body is still a 403', async () => {
    assert.equal((await setUserRole(customer, customer.user.id, { role: 'king' })).statusCode, 403);
  });

  test('the admin pages through every user, newest first, with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(admin, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200);
      const page = res.json();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    const [{ n }] = await users.db.query('SELECT count(*)::int AS n FROM users');
    assert.equal(seen.length, n);
    assert.equal(new Set(seen).size, n);
    const all = (await list(admin, '?limit=100')).json().items;
    assert.deepEqual(all.map((u: { id: string }) => u.id), seen);
    assert.ok(Date.parse(all[0].createdAt) >= Date.parse(all[all.length - 1].createdAt));
  });

  test('the list filters by role and by part of the email or name', async () => {
    const employees = (await list(admin, '?role=employee')).json().items;
    assert.deepEqual(employees.map((u: { email: string }) => u.email), ['staff@example.com']);
    const found = (await list(admin, '?q=ANN@')).json().items;
    assert.deepEqual(found.map((u: { email: string }) => u.email), ['ann@example.com']);
  });

  test('a bad limit or cursor is a 400', async () => {
    assert.equal((await list(admin, '?limit=0')).statusCode, 400);
    assert.equal((await list(admin, '?limit=101')).statusCode, 400);
    assert.equal((await list(admin, '?cursor=nonsense')).statusCode, 400);
    assert.equal((await list(admin, `?cursor=${Buffer.from('["x"]').toString('base64url')}`)).statusCode, 400);
    assert.equal((await list(admin, '?role=king')).statusCode, 400);
  });

  test('the admin changes a role; the user is returned; the next sign-in carries it', async () => {
    const promoted = await users.register('future-staff@example.com', 'some password');
    const res = await setUserRole(admin, promoted.user.id, { role: 'employee' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ...promoted.user, role: 'employee' });
    assert.equal((await users.login('future-staff@example.com', 'some password')).json().user.role, 'employee');
  });

  test('finding 5: changing a role revokes every refresh token of the account; setting the same role again revokes nothing', async () => {
    const staff = await users.register('demoted-staff@example.com', 'staff password');
    assert.equal((await setUserRole(admin, staff.user.id, { role: 'employee' })).statusCode, 200);
    const phone = (await users.login('demoted-staff@example.com', 'staff password')).json();
    const laptop = (await users.login('demoted-staff@example.com', 'staff password')).json();
    const refresh = (token: string) => users.call({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: token } });
    assert.equal((await setUserRole(admin, staff.user.id, { role: 'employee' })).statusCode, 200);
    const kept = await refresh(phone.refreshToken);
    assert.equal(kept.statusCode, 200, 'the same role: nothing changed, the session lives');
    assert.equal((await setUserRole(admin, staff.user.id, { role: 'customer' })).statusCode, 200);
    for (const token of [kept.json().refreshToken, laptop.refreshToken]) assert.equal((await refresh(token)).statusCode, 401);
    assert.equal((await users.login('demoted-staff@example.com', 'staff password')).json().user.role, 'customer');
  });

  test('an unknown user is a 404; a bad role or an extra field a 400', async () => {
    assert.equal((await setUserRole(admin, 'no-such-user', { role: 'employee' })).statusCode, 404);
    assert.equal((await setUserRole(admin, customer.user.id, { role: 'king' })).statusCode, 400);
    assert.equal((await setUserRole(admin, customer.user.id, { role: 'employee', name: 'x' })).statusCode, 400);
    assert.equal((await setUserRole(admin, customer.user.id, {})).statusCode, 400);
  });

  test('the last admin cannot step down (409), but can once there is another', async () => {
    const res = await setUserRole(admin, admin.user.id, { role: 'customer' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'USER.LAST_ADMIN');
    const deputy = await users.register('deputy@example.com');
    assert.equal((await setUserRole(admin, deputy.user.id, { role: 'admin' })).statusCode, 200);
    assert.equal((await setUserRole(admin, admin.user.id, { role: 'employee' })).statusCode, 200);
  });
});
