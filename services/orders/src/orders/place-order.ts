import { randomUUID } from 'node:crypto';
import { AppError, destinationsOf, eventOf, OrderPlaced, type AuthUser } from '@emporium/kit';
import { addBusinessDays } from './delivery-date.ts';
import { ORDER_EVENTS, type OrderDeps } from './deps.ts';
import { requestFingerprint } from './fingerprint.ts';
import { dropClaim, findKey, insertClaim, type Claim } from './idempotency.repository.ts';
import { orderEventData, toOrderJson } from './order-json.ts';
import { saveNewOrder, type NewOrder } from './orders.repository.ts';
import type { PlaceOrderInput } from './orders.schemas.ts';
import { assertEachProductOnce, priceCheckout, type PricedCheckout } from '../checkout/checkout.service.ts';
import { releaseNow } from './releases.ts';

/** A response as first sent, kept under the idempotency key and replayed byte for byte. */
export interface StoredResponse {
  status: number;
  body: string;
  replayed: boolean;
}

/**
 * Places an order once per (customer, Idempotency-Key): claims the key while the basket is priced (as the
 * checkout quote prices it), has products take the stock (sold at once, all lines or none), has discounts
 * count the code's use, then saves the order, its event and its stored response in one statement. Any
 * failure before that lets go of the key and gives the stock and the code's use back; a process that dies on the way leaves its claim, which the sweeper turns into
 * a release. Why pricing runs beside the claim, and what is batched: services/orders/README.md.
 */
export async function placeOrder(deps: OrderDeps, customer: Customer, key: string, input: PlaceOrderInput): Promise<StoredResponse> {
  const customerId = customer.userId;
  assertEachProductOnce(input.items);
  const pricing = startedNow(priceCheckout(deps, customerId, input));      // products, discounts, method and rate, while the key is claimed
  const claimed = await claimKey(deps, { customerId, key, fingerprint: requestFingerprint(input), orderId: randomUUID() });
  if ('replay' in claimed) return claimed.replay;                          // a replay or a refused key wins over pricing
  const claim = claimed;
  let step: Step = 'pricing';
  try {
    const priced = await pricing;
    step = 'taking stock';
    await deps.products.take(claim.orderId, input.items);                  // all lines or none, only once the claim is saved
    step = 'redeeming';
    if (priced.promotion) await redeemCode(deps, claim, priced);          // the use is counted against its limits
    step = 'saving';
    const body = await saveOrder(deps, claim, newOrder(claim, customerSnapshot(customer, input), input, priced));
    deps.eventsWritten();
    return { status: 201, body, replayed: false };
  } catch (err) {
    await letGo(deps, claim, mayHoldSomething(step, err));                 // the key is free again; stock and code use go back
    throw err;
  }
}

type Step = 'pricing' | 'taking stock' | 'redeeming' | 'saving';

/**
 * Products refuses a whole order (no stock, unknown product) with a 4xx and takes nothing; any other
 * failure from taking stock on may have left stock taken or a code used, which the release gives back.
 */
const mayHoldSomething = (step: Step, err: unknown) =>
  step === 'redeeming' || step === 'saving' || (step === 'taking stock' && !(err instanceof AppError && err.status < 500));

/** A promise awaited later: its failure is read there, never reported as unhandled before that. */
function startedNow<T>(work: Promise<T>): Promise<T> {
  work.catch(() => {});
  return work;
}

/** Uses the code for this order; terms changed since the basket was priced would charge another amount than quoted. */
async function redeemCode(deps: OrderDeps, claim: Claim, priced: PricedCheckout): Promise<void> {
  const priceWith = priced.promotion!;
  const subtotal = { amount: priced.breakdown.subtotal, currency: priced.currency };
  const used = await deps.discounts.redeemPromotion(claim.orderId, { code: priceWith.code, customerId: claim.customerId, subtotal });
  if (used.type !== priceWith.type || used.percentBps !== priceWith.percentBps || used.amount !== priceWith.amount) {
    throw new AppError('PROMOTION.CHANGED', 409, 'This promotion changed while the order was placed. Please check the new total and try again.');
  }
}

/** Who is ordering, as their access token says. */
export type Customer = Pick<AuthUser, 'userId' | 'name' | 'email'>;

/** The account's name and email as they are now (an account without a name: the name it ships to). */
const customerSnapshot = (customer: Customer, input: PlaceOrderInput) => ({ name: customer.name || input.shippingAddress.name, email: customer.email ?? null });

function newOrder(claim: Claim, customer: NewOrder['customer'], input: PlaceOrderInput, priced: PricedCheckout): NewOrder {
  const now = new Date();
  const method = priced.method!; // placing an order always names one
  return {
    id: claim.orderId,
    customerId: claim.customerId,
    customer,
    status: 'pending',
    currency: priced.currency,
    ...priced.breakdown,
    shippingMethod: { id: method.id, name: method.name, carrier: method.carrier, minDays: method.minDays, maxDays: method.maxDays },
    shippingAddress: input.shippingAddress,
    // Until it is paid: the latest day it would arrive if paid now.
    estimatedDelivery: addBusinessDays(now, method.maxDays),
    carrier: null,
    trackingNumber: null,
    lines: priced.lines,
    history: [{ status: 'pending', at: now, note: null }],
    createdAt: now,
    updatedAt: now,
  };
}

async function saveOrder(deps: OrderDeps, claim: Claim, order: NewOrder): Promise<string> {
  const response = JSON.stringify(toOrderJson(order));
  const event = { id: randomUUID(), ...eventOf(OrderPlaced, order.id, orderEventData(order)), destinations: destinationsOf(ORDER_EVENTS, OrderPlaced.type) };
  if (!(await saveNewOrder(deps.db, { claim, order, response, event }))) {
    // The sweeper took this attempt for a dead one and has recorded the release of its stock.
    throw new AppError('ORDER.ABANDONED', 503, 'This order took too long to place. Please try again.');
  }
  return response;
}

/** Frees the key for a retry and, when stock or a code use may be held, records their release in the same statement and sends it. */
async function letGo(deps: OrderDeps, claim: Claim, mayHaveStock: boolean): Promise<void> {
  try {
    const mustRelease = await dropClaim(deps.db, claim, mayHaveStock);
    if (mustRelease) await releaseNow(deps, claim.orderId);
  } catch (err) {
    // The database is unreachable: the claim stays in flight and the sweeper turns it into a release later.
    deps.log.warn({ orderId: claim.orderId, err: (err as Error).message }, 'could not let go of a failed order attempt');
  }
}

async function claimKey(deps: OrderDeps, claim: Claim): Promise<Claim | { replay: StoredResponse }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await insertClaim(deps.db, claim)) return claim;
    const held = await findKey(deps.db, claim.customerId, claim.key);
    if (!held) continue; // the earlier attempt failed and let go of the key just now
    if (held.fingerprint !== claim.fingerprint) {
      throw new AppError('IDEMPOTENCY.KEY_REUSED', 422, 'This Idempotency-Key was already used with a different request body');
    }
    if (held.state === 'done') return { replay: { status: held.responseStatus!, body: held.responseBody!, replayed: true } };
    break;
  }
  throw new AppError('IDEMPOTENCY.IN_FLIGHT', 409, 'A request with this Idempotency-Key is still being processed; retry shortly');
}
