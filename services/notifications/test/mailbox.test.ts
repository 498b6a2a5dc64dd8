// Without SMTP_URL: the built-in mailbox keeps every message, and employees read it over the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eventually } from '@emporium/kit/testing';
import { fakeUsers, orderData, startNotifications, type TestNotifications } from './helpers.ts';

describe('the built-in mailbox', () => {
  let svc: TestNotifications;
  const cy = { id: randomUUID(), email: 'cy@example.test', name: 'Cy' };
  before(async () => {
    svc = await startNotifications({ users: fakeUsers([cy]) });
  });
  after(() => svc.close());

  const list = (query: string, authorization = svc.employee) => svc.app.inject({ url: `/api/notifications${query}`, headers: { authorization } });

  test('keeps each message as sent, newest first, page by page, and filters by recipient', async () => {
    const orderId = randomUUID();
    await svc.deliver({ type: 'user.registered', data: { userId: cy.id, email: cy.email, name: cy.name, token: 'tok' } });
    await svc.deliver({ type: 'order.placed', data: orderData(orderId, cy.id) });
    await svc.deliver({ type: 'user.registered', data: { userId: 'other', email: 'dora@example.test', name: 'Dora', token: 'tok2' } });
    const all = await eventually(async () => (await list('?limit=100')).json(), (page) => page.items.length === 3 && page.items.every((m: { status: string }) => m.status === 'sent'));
    assert.deepEqual(all.items.map((m: { template: string }) => m.template), ['verify_email', 'order_placed', 'verify_email']);
    const placed = all.items[1];
    assert.equal(placed.to, cy.email);
    assert.equal(placed.subject, `Order ${orderId.slice(0, 8)} received: $63.32 to pay`);
    assert.match(placed.text, /Amount owed: \$63\.32/);
    // The whole breakdown, as the order page shows it.
    for (const row of [/Subtotal\s+\$64\.99/, /Code WELCOME10\s+-\$6\.50/, /Shipping \(Standard\)\s+Free/, /Tax\s+\$4\.83/, /Total\s+\$63\.32/]) {
      assert.match(placed.text, row);
    }
    assert.match(placed.html, /^<!DOCTYPE html>/);
    assert.equal(placed.error, null);
    assert.ok(placed.sentAt);

    const first = (await list('?limit=2')).json();
    assert.equal(first.items.length, 2);
    const second = (await list(`?limit=2&cursor=${first.nextCursor}`)).json();
    assert.deepEqual(second.items.map((m: { id: string }) => m.id), [all.items[2].id]);
    assert.equal(second.nextCursor, null);

    const cys = (await list(`?to=${encodeURIComponent('CY@example.test')}`)).json();
    assert.deepEqual(cys.items.map((m: { template: string }) => m.template), ['order_placed', 'verify_email']);
  });

  test('is for staff only; a cursor it never gave out is a 400', async () => {
    assert.equal((await list('', svc.customer)).statusCode, 403);
    assert.equal((await svc.app.inject({ url: '/api/notifications' })).statusCode, 401);
    assert.equal((await list('?cursor=nope')).statusCode, 400);
    assert.equal((await list('?limit=0')).statusCode, 400);
  });

  test('events it has no message for, and order events without the details, are taken and ignored', async () => {
    const res = await svc.deliver(
      { type: 'order.placed', data: { orderId: randomUUID(), customerId: cy.id, productIds: [] } },
      { type: 'rating.changed', data: { productId: 'p' } },
    );
    assert.equal(res.received, 2);
    const count = await svc.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE template = 'order_placed'");
    assert.equal(count[0].n, 1);
  });
});
