// Customers placing orders through the gateway at a steady pace, as a careful client does: each order has its
// own Idempotency-Key, kept for every retry of that order; a 5xx, a dropped connection or "still in flight"
// is tried again with the same key; every answer is recorded so the test can check it against the databases.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Placed {
  key: string;
  customer: string;
  /** Every order id a 201 named for this key (one, however many retries it took). */
  orderIds: Set<string>;
  paid: boolean;
  cancelled: boolean;
}

export interface Tally {
  placed: Placed[];
  /** Orders whose key never got a 201 within the retry budget, and refusals (out of stock). */
  gaveUp: number;
  refused: number;
  /** Answers that were retried: the test reports them, the instances' deaths cause them. */
  retried: Record<string, number>;
}

const ADDRESS = { name: 'Kim Tester', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' };
const RETRY_FOR_MS = 40_000;

interface Shopper {
  gateway: string;
  token: string;
  customer: string;
  productIds: string[];
  tally: Tally;
}

/**
 * Sends one request until it gets an answer it can keep: anything but a 5xx, a network failure or a 409 that
 * says the same key is still in flight (the request that holds it may have died with its instance).
 */
async function untilAnswered(shopper: Shopper, path: string, key: string, body?: unknown): Promise<{ status: number; body: any } | null> {
  const deadline = Date.now() + RETRY_FOR_MS;
  while (Date.now() < deadline) {
    let status = 0;
    let answer: any = null;
    try {
      const res = await fetch(`${shopper.gateway}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
      answer = await res.json().catch(() => null);
    } catch {
      status = 0;
    }
    const inFlight = status === 409 && ['IDEMPOTENCY.IN_FLIGHT', 'PAYMENT.IN_PROGRESS'].includes(answer?.code);
    if (status !== 0 && status < 500 && !inFlight) return { status, body: answer };
    const why = status === 0 ? 'no answer' : `${status}${inFlight ? ' in flight' : ''}`;
    shopper.tally.retried[why] = (shopper.tally.retried[why] ?? 0) + 1;
    await sleep(300);
  }
  return null;
}

async function shopOnce(shopper: Shopper, n: number): Promise<void> {
  const key = randomUUID();
  const items = [{ productId: shopper.productIds[n % shopper.productIds.length], quantity: 1 + (n % 3) }];
  if (n % 2) items.push({ productId: shopper.productIds[(n + 1) % shopper.productIds.length], quantity: 1 });
  const placed: Placed = { key, customer: shopper.customer, orderIds: new Set(), paid: false, cancelled: false };
  // Sent twice on purpose every fifth order: a client that never learned it had succeeded.
  for (let send = 0; send < (n % 5 === 0 ? 2 : 1); send++) {
    const answer = await untilAnswered(shopper, '/api/orders', key, { items, shippingAddress: ADDRESS, shippingMethodId: 'standard' });
    if (!answer) return void shopper.tally.gaveUp++;
    if (answer.status === 409) return void shopper.tally.refused++;
    if (answer.status !== 201) throw new Error(`placing an order answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    placed.orderIds.add(answer.body.id);
  }
  shopper.tally.placed.push(placed);
  const orderId = [...placed.orderIds][0];
  if (n % 4 === 1 || n % 4 === 2) {
    const paid = await untilAnswered(shopper, '/api/payments', randomUUID(), { orderId, provider: 'test_card', card: CARD });
    placed.paid = paid?.status === 201 && paid.body.status === 'succeeded';
  } else if (n % 4 === 3) {
    const cancelled = await untilAnswered(shopper, `/api/orders/${orderId}/cancel`, randomUUID());
    placed.cancelled = cancelled?.status === 200;
  }
}

/** One customer placing an order every `everyMs` until `stop` says so; the pace holds whatever an order takes. */
export async function shop(shopper: Shopper, everyMs: number, stop: () => boolean): Promise<void> {
  const running: Promise<void>[] = [];
  for (let n = 0; !stop(); n++) {
    running.push(shopOnce(shopper, n));
    await sleep(everyMs);
  }
  await Promise.all(running);
}

/** A new customer account, signed in. */
export async function register(gateway: string, i: number): Promise<{ token: string; customer: string }> {
  const res = await fetch(`${gateway}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `shopper-${i}-${randomUUID().slice(0, 8)}@example.com`, password: 'shopper password', name: `Shopper ${i}` }),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(body)}`);
  return { token: body.accessToken, customer: body.user.id };
}
