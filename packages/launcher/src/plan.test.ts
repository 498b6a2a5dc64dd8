import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plannedPorts, planProcesses, readSettings } from './plan.ts';

test('each service gets its own port, database, every peer URL and the users JWKS; the gateway routes to those that exist', () => {
  const settings = { ...readSettings({ EMPORIUM_PORT_BASE: '9000' }, '/repo'), postgres: 'postgres://postgres:pw@127.0.0.1:9050' };
  const [users, products, gateway] = planProcesses(settings, ['users', 'products']);
  assert.equal(users.env.PORT, '9001');
  assert.equal(products.env.PORT, '9002');
  assert.equal(products.env.DATABASE_URL, 'postgres://postgres:pw@127.0.0.1:9050/emporium_products');
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

test('the embedded PostgreSQL server takes a port of its own, unless EMPORIUM_POSTGRES names a server', () => {
  const embedded = readSettings({ EMPORIUM_PORT_BASE: '9000' }, '/repo');
  assert.deepEqual(plannedPorts(embedded, ['users'])[0], { name: 'postgres', port: 9050, host: '127.0.0.1' });
  const external = readSettings({ EMPORIUM_POSTGRES: 'postgres://db.local:5432' }, '/repo');
  assert.deepEqual(plannedPorts(external, ['users']).map((p) => p.name), ['users', 'gateway']);
});

test('with EMPORIUM_POSTGRES each service gets its own database on that server', () => {
  const settings = readSettings({ EMPORIUM_POSTGRES: 'postgres://app:secret@db.local:5432/', EMPORIUM_DEMO: 'false' }, '/repo');
  const [orders] = planProcesses(settings, ['orders']);
  assert.equal(orders.env.DATABASE_URL, 'postgres://app:secret@db.local:5432/emporium_orders');
  assert.equal(orders.env.DEMO_MODE, 'false');
});

test('a bad port base or database URL stops the launcher with a message naming the variable', () => {
  assert.throws(() => readSettings({ EMPORIUM_PORT_BASE: 'eighty' }, '/repo'), /EMPORIUM_PORT_BASE/);
  assert.throws(() => readSettings({ EMPORIUM_POSTGRES: 'mysql://x' }, '/repo'), /EMPORIUM_POSTGRES/);
});
