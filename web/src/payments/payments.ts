// The pay step's pure rules: reading a typed card, one Idempotency-Key per attempt, what each failure
// means to a shopper, and which of an order's payments tells its state. The money always comes from the API.
import { ApiError } from '../api/client.ts';
import { fieldErrorsOf } from '../api/errors.ts';
import type { CardInput, Money, Order, Payment } from '../api/types.ts';
import { formatMoney } from '../format.ts';

export interface CardForm {
  number: string;
  expiry: string;
  cvc: string;
}

/** A typed card as the API takes it, or the fields to correct (keyed as the API's field errors are). */
export function readCard(form: CardForm, now = new Date()): { card: CardInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  // People type card numbers in groups; the API takes the digits only.
  const number = form.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) errors['card.number'] = 'Enter the 12 to 19 digits on the front of the card';
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(form.expiry);
  const expMonth = expiry ? Number(expiry[1]) : 0;
  // "MM/YY" is this century's year; the API wants the whole year.
  const expYear = expiry ? (expiry[2].length === 2 ? Math.floor(now.getUTCFullYear() / 100) * 100 + Number(expiry[2]) : Number(expiry[2])) : 0;
  if (!expiry || expMonth < 1 || expMonth > 12 || expYear < 2000 || expYear > 2100) errors['card.expiry'] = 'Enter the expiry date as MM/YY';
  const cvc = form.cvc.trim();
  if (!/^\d{3,4}$/.test(cvc)) errors['card.cvc'] = 'Enter the 3 or 4 digits on the back of the card';
  if (Object.keys(errors).length) return { errors };
  return { card: { number, expMonth, expYear, cvc } };
}

/** The attempt under way: its request and the Idempotency-Key it goes with. */
export interface Attempt {
  body: string;
  key: string;
}

/**
 * The key for sending `body`: the current attempt's while it has no answer and asks the same (a double
 * click, or "Try again" after the shop did not answer), so the shop charges once; otherwise a new attempt.
 */
export function attemptFor(current: Attempt | null, body: string, newKey: () => string): Attempt {
  return current && current.body === body ? current : { body, key: newKey() };
}

const failures: Record<string, string> = {
  card_declined: 'Your card was declined. Please try another card, or pay by bank transfer.',
  insufficient_funds: 'Your card was declined: there are not enough funds on it. Please try another card.',
  expired_card: 'This card has expired. Please check the expiry date, or use another card.',
  processing_error: 'We could not reach the card processor, and nothing was charged. Please try again.',
  duplicate_payment: 'This order was already paid by another payment, so this one was refunded in full.',
};

/** Why a payment failed, in words a shopper understands. */
export function failureMessage(code: string | null): string {
  return (code && failures[code]) || 'The payment did not go through. Please try again, or choose another way to pay.';
}

const providerNames: Record<string, string> = { test_card: 'Card (test)', manual: 'Bank transfer', stripe: 'Card (Stripe)' };
export const providerName = (provider: string) => providerNames[provider] ?? provider;

const brands: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover' };

/** "Visa ending 4242"; the way a payment was made when it had no card. */
export function paidWith(payment: Pick<Payment, 'provider' | 'card'>): string {
  if (payment.card) return `${brands[payment.card.brand] ?? 'Card'} ending ${payment.card.last4}`;
  return payment.provider === 'manual' ? 'bank transfer' : 'card';
}

/** The payment that tells the order's state: the one that succeeded, else the latest attempt. */
export function currentPayment(payments: Payment[]): Payment | null {
  return payments.find((payment) => payment.status === 'succeeded') ?? payments.at(-1) ?? null;
}

/** What is left of a payment to give back. */
export const refundable = (payment: Pick<Payment, 'amount' | 'refundedAmount'>): Money =>
  ({ ...payment.amount, amount: payment.amount.amount - payment.refundedAmount.amount });

/** A bank transfer the shop waits for, so the customer is not asked to choose one again. */
export const awaitedTransfer = (payments: Payment[]) => payments.find((p) => p.provider === 'manual' && p.status === 'pending') ?? null;

/**
 * A payment succeeded but the order does not say paid yet: orders hears of it by an event, within
 * seconds, so the page asks again until it does.
 */
export const awaitingPaidOrder = (order: Pick<Order, 'status'> | undefined, payments: Payment[] | undefined) =>
  order?.status === 'pending' && Boolean(payments?.some((payment) => payment.status === 'succeeded'));

/** A refused payment request (no attempt was recorded) in a shopper's words. */
export function payRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const { code, detail } = error.problem;
  if (code === 'PAYMENT.PROVIDER_UNAVAILABLE') {
    return error.problem.provider === 'manual' ? 'Bank transfers are not taken in this shop.' : 'Card payments are not taken in this shop right now. Please pay by bank transfer.';
  }
  if (code === 'ORDER.ALREADY_PAID') return 'This order is paid already.';
  if (code === 'PAYMENT.IN_PROGRESS') return 'Another payment of this order is under way. Please wait a moment, then try again.';
  if (code === 'ORDER.NOT_PAYABLE') return detail ?? 'This order cannot be paid any more.';
  return null;
}

/** The server's field errors under the pay form's fields (the expiry is one field there, two in the API). */
export function payFieldErrors(error: unknown): Record<string, string> {
  const fields = fieldErrorsOf(error);
  if (error instanceof ApiError && error.problem.code === 'PAYMENT.INVALID_CARD_NUMBER') fields['card.number'] = 'This card number is not valid. Please check it.';
  if (fields['card.expMonth'] || fields['card.expYear']) fields['card.expiry'] = 'Enter the expiry date as MM/YY';
  return fields;
}

/** A refund refused because less is left than asked: the server's amount in money, not minor units. */
export function refundRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.problem.code !== 'PAYMENT.REFUND_TOO_LARGE') return null;
  const left = error.problem.refundable as Money | undefined;
  return left && Number.isInteger(left.amount) ? `Only ${formatMoney(left)} of this payment is left to refund.` : error.message;
}
