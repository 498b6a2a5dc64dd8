// A local stand-in for the two Stripe API calls payments makes (create a PaymentIntent, create a refund), so
// the official SDK is tested over real HTTP without the internet. Like Stripe, it answers a request with an
// Idempotency-Key it saw before with the first answer, and it keeps what it was asked.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandIn {
  url: string;
  intents: Map<string, Record<string, unknown>>;
  refunds: Array<Record<string, unknown>>;
  /** Every call as it came: method, path, idempotency key. */
  calls: Array<{ method: string; path: string; idempotencyKey?: string }>;
  close(): Promise<void>;
}

const readForm = async (req: IncomingMessage) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return Object.fromEntries(new URLSearchParams(text));
};

export async function startStripeStandIn(): Promise<StandIn> {
  const intents = new Map<string, Record<string, unknown>>();
  const refunds: Array<Record<string, unknown>> = [];
  const calls: StandIn['calls'] = [];
  const answered = new Map<string, string>();
  const server = createServer(async (req, res) => {
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    calls.push({ method: req.method!, path: req.url!, idempotencyKey });
    const form = await readForm(req);
    const send = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_standin' }).end(body);
    if (idempotencyKey && answered.has(idempotencyKey)) return send(200, answered.get(idempotencyKey)!);
    let body: Record<string, unknown>;
    if (req.method === 'POST' && req.url === '/v1/payment_intents') {
      const id = `pi_${randomBytes(8).toString('hex')}`;
      body = {
        id, object: 'payment_intent', amount: Number(form.amount), currency: form.currency, status: 'requires_payment_method',
        client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`, metadata: { paymentId: form['metadata[paymentId]'], orderId: form['metadata[orderId]'] },
      };
      intents.set(id, body);
    } else if (req.method === 'POST' && req.url === '/v1/refunds') {
      body = { id: `re_${randomBytes(8).toString('hex')}`, object: 'refund', amount: Number(form.amount), payment_intent: form.payment_intent, status: 'succeeded' };
      refunds.push(body);
    } else {
      return send(404, JSON.stringify({ error: { type: 'invalid_request_error', message: `no stand-in for ${req.method} ${req.url}` } }));
    }
    const text = JSON.stringify(body);
    if (idempotencyKey) answered.set(idempotencyKey, text);
    send(200, text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, intents, refunds, calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A webhook event as Stripe sends it, about one PaymentIntent. */
export function intentEvent(type: string, intent: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false,
    type, data: { object: { ...intent, ...extra } },
  });
}
