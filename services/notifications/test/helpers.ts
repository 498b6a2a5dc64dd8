import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { App, Db } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, openTestDb, type TestServiceCredential } from '@emporium/kit/testing';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import type { Contact, UsersClient } from '../src/delivery/users.client.ts';

/** A message as the SMTP server received it: the envelope's recipients, the headers and the decoded text. */
export interface Received {
  to: string[];
  subject: string;
  messageId: string;
  /** The whole message with quoted-printable undone, so tests can look for what a reader sees. */
  decoded: string;
}

/** Quoted-printable to text (RFC 2045): soft line breaks and =XX escapes, then UTF-8. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

const header = (raw: string, name: string) => {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '';
};

/** A real SMTP server in the test process, on a fixed port so it can go down and come back. */
export async function startSmtp(port = 0) {
  const received: Received[] = [];
  let server: SMTPServer | null = null;
  let boundPort = port;
  async function start(): Promise<void> {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: header(raw, 'Subject'), messageId: header(raw, 'Message-ID'), decoded: decodeQuotedPrintable(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(boundPort, '127.0.0.1', () => resolve());
    });
    boundPort = (server!.server.address() as AddressInfo).port;
  }
  async function stop(): Promise<void> {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await start();
  return { received, start, stop, get url() { return `smtp://127.0.0.1:${boundPort}`; } };
}
export type Smtp = Awaited<ReturnType<typeof startSmtp>>;

/** Users as notifications sees it: the contacts of the accounts the test made up. */
export function fakeUsers(contacts: Contact[]): UsersClient & { down: boolean } {
  const client = {
    down: false,
    async contacts(ids: string[]) {
      if (client.down) throw new Error('users is down');
      return contacts.filter((c) => ids.includes(c.id));
    },
    close: async () => {},
  };
  return client;
}

export interface TestNotifications {
  app: App;
  db: Db;
  service: TestServiceCredential;
  employee: string;
  customer: string;
  /** Delivers events to /internal/events as a peer's relay does. */
  deliver(...events: Array<{ id?: string; source?: string; type: string; key?: string; data: Record<string, unknown> }>): Promise<{ received: number; applied: number }>;
  close(): Promise<void>;
}

let seq = 0;

export async function startNotifications(options: { env?: Record<string, string>; users?: UsersClient } = {}): Promise<TestNotifications> {
  const auth = await createTestAuth();
  const service = createTestServiceCredential();
  const { db, cleanup } = await openTestDb();
  const config = readConfig({
    ...service.env, LOG_LEVEL: 'silent', AUTH_PUBLIC_JWK: auth.publicJwk, USERS_URL: 'http://127.0.0.1:9', PEER_TIMEOUT_MS: '500',
    SHOP_NAME: 'Test Shop', SHOP_URL: 'https://shop.test', SEND_INTERVAL_MS: '50', SEND_RETRY_BASE_MS: '50', SEND_RETRY_MAX_MS: '400',
    ...options.env,
  });
  const app = await buildApp(config, { db, users: options.users });
  await app.ready();
  return {
    app,
    db,
    service,
    employee: `Bearer ${await auth.token({ role: 'employee' })}`,
    customer: `Bearer ${await auth.token({ role: 'customer' })}`,
    async deliver(...events) {
      const envelopes = events.map((e) => ({
        id: e.id ?? randomUUID(), source: e.source ?? 'test', type: e.type, key: e.key ?? 'k', seq: ++seq, occurredAt: new Date().toISOString(), data: e.data,
      }));
      const res = await service.inject(app, { method: 'POST', url: '/internal/events', payload: { events: envelopes } });
      if (res.statusCode !== 200) throw new Error(`inbox answered ${res.statusCode}: ${res.body}`);
      return res.json();
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** The data of an order event as orders writes it (order-json.ts orderEventData). */
export function orderData(orderId: string, customerId: string, extra: Record<string, unknown> = {}) {
  return {
    orderId, customerId, productIds: ['prod-kettle', 'prod-mug'], status: 'pending',
    items: [
      { productId: 'prod-kettle', name: 'Kettle <Deluxe>', quantity: 1, lineTotal: { amount: 4999, currency: 'USD' } },
      { productId: 'prod-mug', name: 'Mug', quantity: 2, lineTotal: { amount: 1500, currency: 'USD' } },
    ],
    // 64.99 - 6.50 (WELCOME10) = 58.49, over Standard's free threshold; 8.25% tax on 58.49 = 4.83.
    subtotal: { amount: 6499, currency: 'USD' },
    promotion: { code: 'WELCOME10', type: 'percent', amount: { amount: 650, currency: 'USD' } },
    shippingMethod: { id: 'standard', name: 'Standard', carrier: 'USPS' },
    shippingTotal: { amount: 0, currency: 'USD' },
    taxTotal: { amount: 483, currency: 'USD' },
    taxIncluded: false,
    total: { amount: 6332, currency: 'USD' },
    shippingAddress: { name: 'Ann Example', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
    carrier: null, trackingNumber: null, estimatedDelivery: '2030-01-15T12:00:00.000Z', note: null,
    ...extra,
  };
}
