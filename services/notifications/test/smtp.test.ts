// The notifications service against a real SMTP server in this process (the smtp-server package).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { eventually } from '@emporium/kit/testing';
import { fakeUsers, orderData, startNotifications, startSmtp, type Smtp, type TestNotifications } from './helpers.ts';

describe('sending through SMTP', () => {
  let smtp: Smtp;
  let svc: TestNotifications;
  const ann = { id: randomUUID(), email: 'ann@example.test', name: 'Ann' };
  const bob = { id: randomUUID(), email: 'bob@example.test', name: 'Bob' };
  const users = fakeUsers([ann, bob]);

  before(async () => {
    smtp = await startSmtp();
    svc = await startNotifications({ env: { SMTP_URL: smtp.url }, users });
  });
  after(async () => {
    await svc.close();
    await smtp.stop();
  });

  const to = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const statuses = async () => (await svc.db.query<{ status: string; attempts: number; error: string | null }>('SELECT status, attempts, error FROM messages'));

  const paidByCard = (refunded: number) => ({
    provider: 'test_card', status: 'succeeded', amount: { amount: 6332, currency: 'USD' }, refundedAmount: { amount: refunded, currency: 'USD' },
  });

  test('each event gives exactly one message, to the right person, saying the right things', async () => {
    const orderId = randomUUID();
    const short = orderId.slice(0, 8);
    await svc.deliver(
      { type: 'user.registered', data: { userId: 'u-new', email: 'new@example.test', name: 'Nell', token: 'verify-token-1' } },
      { type: 'user.password_reset_requested', data: { userId: 'u-new', email: 'new@example.test', name: 'Nell', token: 'reset-token-1' } },
      { type: 'order.placed', data: orderData(orderId, ann.id) },
      { type: 'order.paid', data: orderData(orderId, ann.id, { status: 'paid', payment: paidByCard(0) }) },
      { type: 'order.shipped', data: orderData(orderId, ann.id, { status: 'shipped', carrier: 'DHL', trackingNumber: 'JD014600003' }) },
      { type: 'order.delivered', data: orderData(orderId, ann.id, { status: 'delivered', carrier: 'DHL', trackingNumber: 'JD014600003' }) },
      { type: 'order.cancelled', data: orderData(randomUUID(), ann.id, { status: 'cancelled', note: 'payment not received' }) },
      { type: 'order.cancelled', data: orderData(randomUUID(), ann.id, { status: 'cancelled', note: 'changed my mind', payment: paidByCard(0) }) },
    );
    await eventually(async () => smtp.received.length, (n) => n >= 8);
    await sleep(300); // room for a second copy to show up, if there were one
    assert.equal(smtp.received.length, 8);

    // Two messages to one address may arrive in either order (each goes over its own SMTP session).
    const accountMail = to('new@example.test');
    assert.equal(accountMail.length, 2);
    const verify = accountMail.find((m) => m.subject === 'Confirm your email address for Test Shop')!;
    const reset = accountMail.find((m) => m.subject === 'Reset your Test Shop password')!;
    assert.ok(verify && reset, accountMail.map((m) => m.subject).join('; '));
    assert.match(verify.decoded, /https:\/\/shop\.test\/verify-email\?token=verify-token-1/);
    assert.match(reset.decoded, /https:\/\/shop\.test\/reset-password\?token=reset-token-1/);

    const orderMail = to(ann.email);
    assert.equal(orderMail.length, 6);
    const subject = (s: RegExp) => orderMail.find((m) => s.test(m.subject))!;
    const placed = subject(new RegExp(`^Order ${short} received`));
    assert.match(placed.subject, /\$63\.32 to pay/);
    assert.match(placed.decoded, /2 x Mug\s+\$15\.00/);
    assert.match(placed.decoded, /Amount owed: \$63\.32/);
    assert.match(placed.decoded, /Kettle &lt;Deluxe&gt;/, 'names are escaped in the HTML part');
    assert.doesNotMatch(placed.decoded, /<script/i);
    const paid = subject(new RegExp(`^Order ${short} is paid: your receipt$`));
    assert.match(paid.decoded, /We received \$63\.32 by card \(test\)/);
    for (const row of [/Subtotal\s+\$64\.99/, /Code WELCOME10\s+-\$6\.50/, /Shipping \(Standard\)\s+Free/, /Tax\s+\$4\.83/, /Total\s+\$63\.32/]) {
      assert.match(paid.decoded, row, 'the receipt shows the whole breakdown');
    }
    const shipped = subject(new RegExp(`^Order ${short} has shipped$`));
    assert.match(shipped.decoded, /Carrier\s+DHL/);
    assert.match(shipped.decoded, /Tracking number\s+JD014600003/);
    assert.match(shipped.decoded, /Estimated delivery\s+Tuesday, 15 January 2030/);
    const delivered = subject(new RegExp(`^Order ${short} was delivered$`));
    assert.match(delivered.decoded, /Review Mug: https:\/\/shop\.test\/products\/prod-mug#reviews/);
    const cancellations = orderMail.filter((m) => /^Order [0-9a-f]{8} was cancelled$/.test(m.subject));
    const cancelled = cancellations.find((m) => /payment not received/.test(m.decoded))!;
    assert.match(cancelled.decoded, /Nothing was charged/);
    const refunded = cancellations.find((m) => /changed my mind/.test(m.decoded))!;
    assert.match(refunded.decoded, /We are refunding \$63\.32 to the way you paid/);
    for (const m of smtp.received) {
      assert.match(m.decoded, /Content-Type: text\/plain/i);
      assert.match(m.decoded, /Content-Type: text\/html/i);
      assert.match(m.decoded, /https:\/\/shop\.test/);
    }
    assert.ok((await statuses()).every((m) => m.status === 'sent'));
  });

  test('an event delivered twice, in one batch or later, gives one message', async () => {
    const event = { id: randomUUID(), type: 'order.placed', data: orderData(randomUUID(), bob.id) };
    const first = await svc.deliver(event, event);
    assert.equal(first.applied, 1);
    await eventually(async () => to(bob.email).length, (n) => n === 1);
    assert.equal((await svc.deliver(event)).applied, 0);
    await sleep(300);
    assert.equal(to(bob.email).length, 1);
  });

  test('with the SMTP server down for a while nothing is lost, and every message arrives once when it is back', async () => {
    const before = smtp.received.length;
    await smtp.stop();
    users.down = true; // the address of an order's customer cannot be looked up either, for a while
    const orderIds = [randomUUID(), randomUUID(), randomUUID()];
    await svc.deliver(
      ...orderIds.map((id) => ({ type: 'order.placed', data: orderData(id, ann.id) })),
      { type: 'user.registered', data: { userId: 'u-down', email: 'down@example.test', name: 'Dee', token: 'verify-token-2' } },
    );
    const waiting = await eventually(
      () => svc.db.query<{ status: string; attempts: number; error: string | null }>("SELECT status, attempts, error FROM messages WHERE status <> 'sent'"),
      (rows) => rows.length === 4 && rows.every((r) => r.attempts >= 2),
    );
    assert.ok(waiting.every((r) => r.status === 'queued' && r.error), JSON.stringify(waiting));
    users.down = false;
    await smtp.start();
    await eventually(async () => smtp.received.length - before, (n) => n >= 4);
    await sleep(300);
    const arrived = smtp.received.slice(before);
    assert.equal(arrived.length, 4);
    assert.equal(new Set(arrived.map((m) => m.messageId)).size, 4);
    for (const id of orderIds) assert.equal(arrived.filter((m) => m.subject.startsWith(`Order ${id.slice(0, 8)} `)).length, 1);
    assert.ok((await statuses()).every((m) => m.status === 'sent' && m.error === null));
  });
});

describe('a message that keeps failing', () => {
  let svc: TestNotifications;
  before(async () => {
    svc = await startNotifications({ env: { SMTP_URL: 'smtp://127.0.0.1:9', SEND_MAX_ATTEMPTS: '3' }, users: fakeUsers([]) });
  });
  after(() => svc.close());

  test('ends failed with the reason after its last attempt; a customer users does not know fails at once', async () => {
    await svc.deliver(
      { type: 'user.registered', data: { userId: 'u1', email: 'nobody@example.test', name: 'No', token: 't' } },
      { type: 'order.placed', data: orderData(randomUUID(), 'deleted-customer') },
    );
    const rows = await eventually(
      () => svc.db.query<{ template: string; status: string; attempts: number; error: string }>('SELECT template, status, attempts, error FROM messages ORDER BY seq'),
      (r) => r.length === 2 && r.every((m) => m.status === 'failed'),
    );
    assert.equal(rows[0].attempts, 3);
    assert.match(rows[0].error, /ECONNREFUSED|connect/i);
    assert.equal(rows[1].attempts, 1);
    assert.match(rows[1].error, /no account with id deleted-customer/);
  });
});
