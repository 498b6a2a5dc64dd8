// Orders and payments as real processes: the order becomes paid within 5 s of its payment, and a payment
// that succeeds while orders is down (killed) still makes the order paid once orders is back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestAuth, freePort, type TestAuth } from '@emporium/kit/testing';
import { createProduct, orderBody, service, startDiscountsApp, startProductsApp, type Started } from '../../orders/test/harness.ts';
import { serviceProcess, type ServiceProcess } from '../../orders/test/processes.ts';
import { card, eventually } from './harness.ts';

describe('orders and payments as processes', () => {
  let auth: TestAuth;
  let products: Started;
  let discounts: Started;
  let orders: ServiceProcess;
  let payments: ServiceProcess;
  let employee: Record<string, string>;
  let methodId: string;
  before(async () => {
    auth = await createTestAuth();
    products = await startProductsApp(auth);
    discounts = await startDiscountsApp(auth, products.url);
    const paymentsPort = await freePort();
    const common = { AUTH_PUBLIC_JWK: auth.publicJwk, ...service.env };
    orders = await serviceProcess('orders', {
      ...common, PRODUCTS_URL: products.url, DISCOUNTS_URL: discounts.url, PAYMENTS_URL: `http://127.0.0.1:${paymentsPort}`,
      REVIEWS_URL: 'http://127.0.0.1:9', NOTIFICATIONS_URL: 'http://127.0.0.1:9',
    });
    payments = await serviceProcess('payments', { ...common, ORDERS_URL: orders.url, OUTBOX_INTERVAL_MS: '100' }, paymentsPort);
    await Promise.all([orders.start(), payments.start()]);
    employee = { authorization: `Bearer ${await auth.token({ role: 'employee', userId: 'employee-1' })}` };
    const method = await fetch(`${orders.url}/api/shipping-methods`, {
      method: 'POST', headers: { ...employee, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pickup', carrier: 'Shop', price: { amount: 0, currency: 'USD' }, minDays: 1, maxDays: 5, countries: ['*'] }),
    });
    assert.equal(method.status, 201);
    methodId = ((await method.json()) as { id: string }).id;
  });
  after(async () => {
    await Promise.all([payments?.stop(), orders?.stop()]);
    await discounts?.close();
    await products?.close();
  });

  async function placeOrder(customer: Record<string, string>) {
    const product = await createProduct({ employee }, products.url, { stock: 5 });
    const res = await fetch(`${orders.url}/api/orders`, {
      method: 'POST', headers: { ...customer, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ ...orderBody([{ productId: product.id, quantity: 1 }]), shippingMethodId: methodId }),
    });
    assert.equal(res.status, 201);
    return (await res.json()) as { id: string };
  }
  const pay = (customer: Record<string, string>, body: object) =>
    fetch(`${payments.url}/api/payments`, { method: 'POST', headers: { ...customer, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
  const orderStatus = async (orderId: string) => {
    const res = await fetch(`${orders.url}/api/orders/${orderId}`, { headers: employee }).catch(() => null);
    return res?.status === 200 ? ((await res.json()) as { status: string }).status : 'unreachable';
  };

  test('a card payment makes the order paid within 5 seconds', async () => {
    const ann = { authorization: `Bearer ${await auth.token({ role: 'customer', userId: 'customer-ann' })}` };
    const order = await placeOrder(ann);
    const res = await pay(ann, { orderId: order.id, provider: 'test_card', card: card() });
    assert.equal(res.status, 201);
    const paidAt = Date.now();
    await eventually(() => orderStatus(order.id), (s) => s === 'paid', 5000);
    assert.ok(Date.now() - paidAt < 5000);
  });

  test('a payment confirmed while orders is down makes the order paid once orders is back', async () => {
    const bob = { authorization: `Bearer ${await auth.token({ role: 'customer', userId: 'customer-bob' })}` };
    const order = await placeOrder(bob);
    const waiting = (await (await pay(bob, { orderId: order.id, provider: 'manual' })).json()) as { id: string };
    await orders.kill();
    const captured = await fetch(`${payments.url}/api/payments/${waiting.id}/capture`, { method: 'POST', headers: employee });
    assert.equal(captured.status, 200);
    assert.equal(((await captured.json()) as { status: string }).status, 'succeeded');
    await orders.start();
    await eventually(() => orderStatus(order.id), (s) => s === 'paid', 20_000);
  });
});
