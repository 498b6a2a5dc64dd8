import { randomUUID } from 'node:crypto';
import { AppError, requestFingerprint } from '@emporium/kit';
import type { OrderFacts } from '../orders/orders.client.ts';
import { providerOf } from '../providers/index.ts';
import type { CardSummary, ChargeOutcome, Provider } from '../providers/provider.ts';
import type { PaymentDeps } from './deps.ts';
import { completeClaim, dropClaim, findKey, insertClaim, type Claim } from './idempotency.repository.ts';
import { publishPayment, toPaymentJson } from './payment-json.ts';
import * as repo from './payments.repository.ts';
import type { NewPayment } from './payments.schemas.ts';
import { refundRest } from './settle.ts';

/** The answer as first sent, kept under the Idempotency-Key and replayed byte for byte. */
export interface StoredResponse {
  status: number;
  body: string;
  replayed: boolean;
}

/**
 * One attempt to pay an order, once per (customer, Idempotency-Key): the card is checked, the key claimed,
 * the order read from orders (its owner, its status, the amount), the order claimed for this attempt (no
 * second attempt runs, and none starts once one succeeded), the provider asked, and its answer saved with
 * the response to replay, in one transaction. A failed attempt is a 201 too: it is a record.
 */
export async function pay(deps: PaymentDeps, customerId: string, key: string, input: NewPayment): Promise<StoredResponse> {
  const provider = providerOf(deps.providers, input.provider);
  const card = provider.checkCard(input.card);                                      // 400s before anything is kept
  const claimed = await claimKey(deps, { customerId, key, fingerprint: fingerprintOf(input, card), paymentId: randomUUID() });
  if ('replay' in claimed) return claimed.replay;
  let attempt: repo.PaymentRecord;
  try {
    const order = await payableOrder(deps, customerId, input.orderId);               // 404, 409
    attempt = await beginAttempt(deps, claimed, order, provider, card);               // 409 when another is under way or succeeded
  } catch (err) {
    await dropClaim(deps.db, claimed).catch((e: Error) => deps.log.warn({ err: e.message }, 'could not free an idempotency key'));
    throw err;
  }
  const outcome = await charge(deps, provider, attempt, input);
  return saveAttempt(deps, claimed, attempt, outcome);
}

/**
 * What the key remembers of the request. Not the card number or the CVC, not even hashed (a card number
 * has too few possible values for a hash to hide it): the card counts by what is stored of it anyway.
 */
const fingerprintOf = (input: NewPayment, card: CardSummary | null) =>
  requestFingerprint({ ...input, card: input.card && { ...card, expMonth: input.card.expMonth, expYear: input.card.expYear } });

async function payableOrder(deps: PaymentDeps, customerId: string, orderId: string): Promise<OrderFacts> {
  const order = await deps.orders.get(orderId);
  // Another customer's order answers exactly like one that does not exist.
  if (!order || order.customerId !== customerId) throw new AppError('ORDER.NOT_FOUND', 404, 'Order not found');
  if (order.status !== 'pending') {
    throw new AppError('ORDER.NOT_PAYABLE', 409, `An order that is ${order.status.replace(/_/g, ' ')} cannot be paid`, { orderStatus: order.status });
  }
  return order;
}

async function beginAttempt(deps: PaymentDeps, claim: Claim, order: OrderFacts, provider: Provider, card: CardSummary | null) {
  return deps.db.transaction(async (tx) => {
    await repo.lockOrder(tx, order.id);
    const attempt = await repo.insertCharging(tx, {
      id: claim.paymentId, orderId: order.id, customerId: claim.customerId, provider: provider.name,
      currency: order.total.currency, amount: order.total.amount, card,
    });
    if (attempt) return attempt;
    const active = await repo.findActive(tx, order.id);
    if (active?.status === 'succeeded') throw new AppError('ORDER.ALREADY_PAID', 409, 'This order is paid already', { paymentId: active.id });
    throw new AppError('PAYMENT.IN_PROGRESS', 409, 'Another payment of this order is under way; try again in a moment');
  });
}

/**
 * The provider's answer. A provider that fails without an answer leaves the outcome unknown: the attempt
 * is recorded as failed (`processing_error`), which is safe for every provider we have, since none takes
 * money before a later step we hear of (Stripe: the customer confirms in the browser; test_card: no money).
 */
async function charge(deps: PaymentDeps, provider: Provider, attempt: repo.PaymentRecord, input: NewPayment): Promise<ChargeOutcome> {
  try {
    return await provider.charge({ paymentId: attempt.id, orderId: attempt.orderId, amount: { amount: attempt.amount, currency: attempt.currency }, card: input.card });
  } catch (err) {
    deps.log.warn({ paymentId: attempt.id, provider: provider.name, err: (err as Error).message }, 'payment provider failed');
    return { status: 'failed', failureCode: 'processing_error' };
  }
}

async function saveAttempt(deps: PaymentDeps, claim: Claim, attempt: repo.PaymentRecord, outcome: ChargeOutcome): Promise<StoredResponse> {
  const { body, refunded } = await deps.db.transaction(async (tx) => {
    await repo.lockOrder(tx, attempt.orderId);
    let payment = await repo.saveOutcome(tx, attempt.id, outcome);
    // The order was cancelled while this attempt ran (the payment expiry race): the money goes straight back.
    const refunded = payment.status === 'succeeded' && (await repo.isOrderCancelled(tx, payment.orderId));
    if (refunded) payment = await refundRest(tx, payment, 'order cancelled before the payment completed');
    await publishPayment(tx, payment);
    const body = JSON.stringify(toPaymentJson(payment, { withSecret: true }));
    await completeClaim(tx, claim, 201, body);
    return { body, refunded };
  });
  deps.eventsWritten();
  if (refunded) deps.refundsWritten();
  return { status: 201, body, replayed: false };
}

async function claimKey(deps: PaymentDeps, claim: Claim): Promise<Claim | { replay: StoredResponse }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await insertClaim(deps.db, claim)) return claim;
    const held = await findKey(deps.db, claim.customerId, claim.key);
    if (!held) continue; // the earlier request was refused and let go of the key just now
    if (held.fingerprint !== claim.fingerprint) {
      throw new AppError('IDEMPOTENCY.KEY_REUSED', 422, 'This Idempotency-Key was already used with a different request body');
    }
    if (held.state === 'done') return { replay: { status: held.responseStatus!, body: held.responseBody!, replayed: true } };
    break;
  }
  throw new AppError('IDEMPOTENCY.IN_FLIGHT', 409, 'A request with this Idempotency-Key is still being processed; retry shortly');
}
