import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planProcesses, readSettings } from './plan.ts';

test('each service gets its own port, data folder, every peer URL and the users JWKS; the gateway routes to those that exist', () => {
  const settings = readSettings({ EMPORIUM_PORT_BASE: '9000', EMPORIUM_DATA_DIR: '/srv/emporium' }, '/repo');
  const [users, products, gateway] = planProcesses(settings, ['users', 'products']);
  assert.equal(users.env.PORT, '9001');
  assert.equal(products.env.PORT, '9002');
  assert.equal(products.env.DATA_DIR, '/srv/emporium/products');
  assert.equal(products.env.DATABASE_URL, undefined);
  assert.equal(products.env.REVIEWS_URL, 'http://127.0.0.1:9005');
  assert.equal(products.env.AUTH_JWKS_URL, 'http://127.0.0.1:9001/.well-known/jwks.json');
  assert.equal(products.env.DEMO_MODE, 'true');
  assert.equal(users.env.ADMIN_EMAIL, 'admin@emporium.test');
  assert.equal(products.env.ADMIN_PASSWORD, undefined, 'only users learns the admin password');
  assert.equal(gateway.name, 'gateway');
  assert.equal(gateway.env.PORT, '9000');
  assert.equal(gateway.env.UPSTREAMS, 'users,products');
  assert.equal(gateway.env.PRODUCTS_URL, 'http://127.0.0.1:9002');
});

test('every service shares one service token secret, new at each start, and the gateway gets none', () => {
  const settings = readSettings({}, '/repo');
  const [users, orders, gateway] = planProcesses(settings, ['users', 'orders']);
  assert.ok(settings.serviceTokenSecret.length >= 32);
  assert.equal(users.env.SERVICE_TOKEN_SECRET, settings.serviceTokenSecret);
  assert.equal(orders.env.SERVICE_TOKEN_SECRET, settings.serviceTokenSecret);
  assert.equal(gateway.env.SERVICE_TOKEN_SECRET, '', 'blank, so one in the shell cannot reach the gateway either');
  assert.notEqual(readSettings({}, '/repo').serviceTokenSecret, settings.serviceTokenSecret);
});

test('with EMPORIUM_POSTGRES each service gets its own database on that server instead of a folder', () => {
  const settings = readSettings({ EMPORIUM_POSTGRES: 'postgres://app:secret@db.local:5432/', EMPORIUM_DEMO: 'false' }, '/repo');
  const [orders] = planProcesses(settings, ['orders']);
  assert.equal(orders.env.DATABASE_URL, 'postgres://app:secret@db.local:5432/emporium_orders');
  assert.equal(orders.env.DATA_DIR, undefined);
  assert.equal(orders.env.DEMO_MODE, 'false');
});

test('a bad port base or database URL stops the launcher with a message naming the variable', () => {
  assert.throws(() => readSettings({ EMPORIUM_PORT_BASE: 'eighty' }, '/repo'), /EMPORIUM_PORT_BASE/);
  assert.throws(() => readSettings({ EMPORIUM_POSTGRES: 'mysql://x' }, '/repo'), /EMPORIUM_POSTGRES/);
});
