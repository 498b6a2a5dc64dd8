import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plannedPorts, planProcesses, readSettings, type Settings } from './plan.ts';

/** Settings as the launcher has them once a database server runs (the embedded one, unless one was named). */
const withServer = (settings: Settings): Settings => ({ ...settings, postgres: settings.postgres ?? 'postgres://postgres:pw@127.0.0.1:9050' });

test('each service gets its own port, database, every peer URL and the users JWKS; the gateway routes to those that exist', () => {
  const settings = { ...readSettings({ EMPORIUM_PORT_BASE: '9000' }, '/repo'), postgres: 'postgres://postgres:pw@127.0.0.1:9050' };
  const [users, products, gateway] = planProcesses(withServer(settings), ['users', 'products']);
  assert.equal(users.env.PORT, '9001');
  assert.equal(products.env.PORT, '9002');
  assert.equal(products.env.DATABASE_URL, 'postgres://postgres:pw@127.0.0.1:9050/emporium_products');
  assert.equal(products.env.REVIEWS_URL, 'http://127.0.0.1:9005');
  assert.equal(products.env.AUTH_JWKS_URL, 'http://127.0.0.1:9001/.well-known/jwks.json');
  assert.equal(products.env.DEMO_MODE, 'true');
  assert.equal(gateway.name, 'gateway');
  assert.equal(gateway.env.PORT, '9000');
  assert.equal(gateway.env.UPSTREAMS, 'users,products');
  assert.equal(gateway.env.PRODUCTS_URL, 'http://127.0.0.1:9002');
});

test('notifications listens on base+7 (payments keeps base+6) and links its emails to the gateway', () => {
  const settings = readSettings({ EMPORIUM_PORT_BASE: '9000' }, '/repo');
  const [users, notifications, gateway] = planProcesses(withServer(settings), ['users', 'notifications']);
  assert.equal(notifications.env.PORT, '9007');
  assert.equal(notifications.env.SHOP_URL, 'http://localhost:9000');
  assert.equal(users.env.NOTIFICATIONS_URL, 'http://127.0.0.1:9007');
  assert.equal(gateway.env.UPSTREAMS, 'users,notifications');
});

test('payments listens on base+6 with its own database, and orders and the gateway know where it is', () => {
  const settings = readSettings({ EMPORIUM_PORT_BASE: '9000' }, '/repo');
  const [orders, payments, gateway] = planProcesses(withServer(settings), ['orders', 'payments']);
  assert.equal(payments.env.PORT, '9006');
  assert.match(payments.env.DATABASE_URL, /\/emporium_payments$/);
  assert.equal(payments.env.ORDERS_URL, 'http://127.0.0.1:9004');
  assert.equal(orders.env.PAYMENTS_URL, 'http://127.0.0.1:9006');
  assert.equal(gateway.env.PAYMENTS_URL, 'http://127.0.0.1:9006');
  assert.equal(gateway.env.UPSTREAMS, 'orders,payments');
});

test('the embedded PostgreSQL server takes a port of its own, unless EMPORIUM_POSTGRES names a server', () => {
  const embedded = readSettings({ EMPORIUM_PORT_BASE: '9000' }, '/repo');
  assert.deepEqual(plannedPorts(embedded, ['users'])[0], { name: 'postgres', port: 9050, host: '127.0.0.1' });
  const external = readSettings({ EMPORIUM_POSTGRES: 'postgres://db.local:5432' }, '/repo');
  assert.deepEqual(plannedPorts(external, ['users']).map((p) => p.name), ['users', 'gateway']);
});

test('every service shares one service token secret, new at each start, and the gateway gets none', () => {
  const settings = readSettings({}, '/repo');
  const [users, orders, gateway] = planProcesses(withServer(settings), ['users', 'orders']);
  assert.ok(settings.serviceTokenSecret.length >= 32);
  assert.equal(users.env.SERVICE_TOKEN_SECRET, settings.serviceTokenSecret);
  assert.equal(orders.env.SERVICE_TOKEN_SECRET, settings.serviceTokenSecret);
  assert.equal(gateway.env.SERVICE_TOKEN_SECRET, '', 'blank, so one in the shell cannot reach the gateway either');
  assert.notEqual(readSettings({}, '/repo').serviceTokenSecret, settings.serviceTokenSecret);
});

test('with EMPORIUM_POSTGRES each service gets its own database on that server', () => {
  const settings = readSettings({ EMPORIUM_POSTGRES: 'postgres://app:secret@db.local:5432/', EMPORIUM_DEMO: 'false' }, '/repo');
  const [orders] = planProcesses(withServer(settings), ['orders']);
  assert.equal(orders.env.DATABASE_URL, 'postgres://app:secret@db.local:5432/emporium_orders');
  assert.equal(orders.env.DEMO_MODE, 'false');
});

test('a bad port base or database URL stops the launcher with a message naming the variable', () => {
  assert.throws(() => readSettings({ EMPORIUM_PORT_BASE: 'eighty' }, '/repo'), /EMPORIUM_PORT_BASE/);
  assert.throws(() => readSettings({ EMPORIUM_POSTGRES: 'mysql://x' }, '/repo'), /EMPORIUM_POSTGRES/);
});

test('finding 3: outside demo mode no admin with a published password is asked for, and the gateway keeps its own default host', () => {
  const settings = readSettings({ EMPORIUM_DEMO: 'false' }, '/repo');
  const [users, gateway] = planProcesses(withServer(settings), ['users']);
  assert.equal(users.env.DEMO_MODE, 'false');
  assert.equal(users.env.ADMIN_EMAIL, undefined);
  assert.equal(users.env.ADMIN_PASSWORD, undefined);
  assert.equal(gateway.env.HOST, undefined);
});

test('finding 3: ADMIN_EMAIL/ADMIN_PASSWORD reach the users service only, and only when set', () => {
  const settings = readSettings({ ADMIN_EMAIL: 'boss@shop.example', ADMIN_PASSWORD: 'a long secret' }, '/repo');
  const [users, products] = planProcesses(withServer(settings), ['users', 'products']);
  assert.equal(users.env.ADMIN_EMAIL, 'boss@shop.example');
  assert.equal(users.env.ADMIN_PASSWORD, 'a long secret');
  assert.equal(products.env.ADMIN_PASSWORD, undefined, 'only users learns the admin password');
  assert.equal(planProcesses(withServer(readSettings({}, '/repo')), ['users'])[0].env.ADMIN_EMAIL, undefined, 'demo mode: users makes its demo admin itself');
});

test('finding 3: in demo mode the gateway listens on 127.0.0.1 unless EMPORIUM_HOST says otherwise', () => {
  const demo = readSettings({}, '/repo');
  assert.equal(planProcesses(withServer(demo), []).at(-1)!.env.HOST, '127.0.0.1');
  assert.match(demo.gatewayHostReason, /demo/);
  const open = readSettings({ EMPORIUM_HOST: '0.0.0.0' }, '/repo');
  assert.equal(planProcesses(withServer(open), []).at(-1)!.env.HOST, '0.0.0.0');
  assert.match(open.gatewayHostReason, /EMPORIUM_HOST/);
});

test('finding 5: the key that seals the signing key reaches the users service only', () => {
  const settings = readSettings({ AUTH_KEY_ENCRYPTION_KEY: 'ab'.repeat(32) }, '/repo');
  const [users, products, gateway] = planProcesses(withServer(settings), ['users', 'products']);
  assert.equal(users.env.AUTH_KEY_ENCRYPTION_KEY, 'ab'.repeat(32));
  assert.equal(products.env.AUTH_KEY_ENCRYPTION_KEY, undefined);
  assert.equal(gateway.env.AUTH_KEY_ENCRYPTION_KEY, undefined);
});

test('EMPORIUM_REPLICAS=2: two instances of every service, the second 100 ports up, each peer and the gateway told of both', () => {
  const settings = readSettings({ EMPORIUM_PORT_BASE: '9000', EMPORIUM_REPLICAS: '2' }, '/repo');
  const specs = planProcesses(withServer(settings), ['users', 'orders']);
  assert.deepEqual(specs.map((s) => `${s.label}:${s.port}`), ['users-1:9001', 'users-2:9101', 'orders-1:9004', 'orders-2:9104', 'gateway:9000']);
  const [, users2, orders1, orders2, gateway] = specs;
  assert.equal(orders1.env.DATABASE_URL, orders2.env.DATABASE_URL, 'the instances of a service share its database');
  assert.equal(users2.env.ORDERS_URL, 'http://127.0.0.1:9004,http://127.0.0.1:9104');
  assert.equal(gateway.env.ORDERS_URL, 'http://127.0.0.1:9004,http://127.0.0.1:9104');
  assert.equal(orders2.env.AUTH_JWKS_URL, 'http://127.0.0.1:9001/.well-known/jwks.json,http://127.0.0.1:9101/.well-known/jwks.json');
  const ports = plannedPorts(settings, ['users', 'orders']).map((p) => p.port);
  assert.equal(new Set(ports).size, ports.length, 'no two processes share a port');
  assert.ok(ports.includes(9050) && ports.filter((p) => p === 9050).length === 1, 'the embedded database keeps base+50');
});

test('EMPORIUM_REPLICAS=orders=3,products=2: those services that many times, the rest once; bad values are refused by name', () => {
  const settings = readSettings({ EMPORIUM_PORT_BASE: '9000', EMPORIUM_REPLICAS: 'orders=3,products=2' }, '/repo');
  const specs = planProcesses(withServer(settings), ['products', 'orders', 'payments']);
  assert.deepEqual(specs.map((s) => s.label), ['products-1', 'products-2', 'orders-1', 'orders-2', 'orders-3', 'payments', 'gateway']);
  assert.equal(specs[0].env.ORDERS_URL, 'http://127.0.0.1:9004,http://127.0.0.1:9104,http://127.0.0.1:9204');
  assert.equal(specs[0].env.PAYMENTS_URL, 'http://127.0.0.1:9006');
  for (const bad of ['0', '10', 'two', 'gateway=2', 'orders', 'orders=x', 'shop=2']) {
    assert.throws(() => readSettings({ EMPORIUM_REPLICAS: bad }, '/repo'), /EMPORIUM_REPLICAS/, bad);
  }
  assert.throws(() => readSettings({ EMPORIUM_PORT_BASE: '65400', EMPORIUM_REPLICAS: '3' }, '/repo'), /no room/);
});
