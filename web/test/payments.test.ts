// The pay step's pure rules (src/payments/payments.ts): a typed card, one key per attempt, the failures in words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../src/api/client.ts';
import type { Payment } from '../src/api/types.ts';
import {
  attemptFor, awaitedTransfer, awaitingPaidOrder, currentPayment, failureMessage, paidWith, payFieldErrors, payRefusal, readCard, refundable, refundRefusal,
} from '../src/payments/payments.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const payment = (fields: Partial<Payment>): Payment => ({
  id: 'p', orderId: 'o', provider: 'test_card', status: 'failed', amount: usd(2500), refundedAmount: usd(0), failureCode: null, card: null,
  createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', ...fields,
});
const problem = (status: number, fields: Record<string, unknown>) => new ApiError(status, { status, ...fields });

describe('a card as typed', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  test('groups and dashes are dropped, MM/YY becomes a whole year', () => {
    assert.deepEqual(readCard({ number: '4242 4242-4242 4242', expiry: '3/29', cvc: ' 123 ' }, now), {
      card: { number: '4242424242424242', expMonth: 3, expYear: 2029, cvc: '123' },
    });
    assert.deepEqual(readCard({ number: '4242424242424242', expiry: '12 / 2031', cvc: '1234' }, now), {
      card: { number: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '1234' },
    });
  });

  test('a past expiry date is sent: the shop answers expired_card', () => {
    assert.ok('card' in readCard({ number: '4242424242424242', expiry: '01/20', cvc: '123' }, now));
  });

  test('what cannot be a card is named field by field, before anything is sent', () => {
    const read = readCard({ number: '4242 4242', expiry: '13/30', cvc: '12a' }, now);
    assert.ok('errors' in read);
    assert.deepEqual(Object.keys(read.errors).sort(), ['card.cvc', 'card.expiry', 'card.number']);
    for (const expiry of ['', '1230', '00/30', '12/3']) {
      const result = readCard({ number: '4242424242424242', expiry, cvc: '123' }, now);
      assert.ok('errors' in result && result.errors['card.expiry'], expiry);
    }
  });
});

describe('one Idempotency-Key per attempt', () => {
  let made = 0;
  const newKey = () => `key-${++made}`;

  test('sending the same attempt again (a double click, a retry) keeps its key', () => {
    const first = attemptFor(null, '{"card":1}', newKey);
    assert.equal(attemptFor(first, '{"card":1}', newKey).key, first.key);
  });

  test('another card, or a new attempt after an answer (current is then null), gets a new key', () => {
    const first = attemptFor(null, '{"card":1}', newKey);
    assert.notEqual(attemptFor(first, '{"card":2}', newKey).key, first.key);
    assert.notEqual(attemptFor(null, '{"card":1}', newKey).key, first.key);
  });
});

describe('what a shopper reads', () => {
  test('each failure code has its own sentence, and an unknown one still reads as a failure', () => {
    const codes = ['card_declined', 'insufficient_funds', 'expired_card', 'processing_error', 'duplicate_payment'];
    const sentences = new Set(codes.map(failureMessage));
    assert.equal(sentences.size, codes.length);
    assert.match(failureMessage('processing_error'), /nothing was charged/);
    assert.match(failureMessage('velocity_exceeded'), /did not go through/);
    assert.match(failureMessage(null), /did not go through/);
  });

  test('refused requests: a mistyped number, a provider the shop lacks, an order already paid', () => {
    assert.match(payRefusal(problem(422, { code: 'PAYMENT.PROVIDER_UNAVAILABLE', provider: 'test_card' }))!, /pay by bank transfer/);
    assert.match(payRefusal(problem(409, { code: 'ORDER.ALREADY_PAID' }))!, /paid already/);
    assert.equal(payRefusal(problem(503, { title: 'Service Unavailable' })), null);
    assert.equal(payRefusal(new Error('boom')), null);
  });

  test("a number failing the Luhn check is the number field's error; the API's two expiry fields are the form's one", () => {
    const luhn = problem(400, { code: 'PAYMENT.INVALID_CARD_NUMBER', errors: [{ path: '/body/card/number', message: 'fails the Luhn check' }] });
    assert.deepEqual(payFieldErrors(luhn), { 'card.number': 'This card number is not valid. Please check it.' });
    const expiry = problem(400, { errors: [{ path: '/body/card/expYear', message: 'must be <= 2100' }] });
    assert.equal(payFieldErrors(expiry)['card.expiry'], 'Enter the expiry date as MM/YY');
  });

  test('a refund larger than what is left reads the amount in money', () => {
    const error = problem(409, { code: 'PAYMENT.REFUND_TOO_LARGE', detail: 'Only 1234 of this payment is left to refund', refundable: usd(1234) });
    assert.equal(refundRefusal(error), 'Only $12.34 of this payment is left to refund.');
    assert.equal(refundRefusal(problem(409, { code: 'PAYMENT.NOT_REFUNDABLE' })), null);
  });

  test('how it was paid: the card by brand and last four, a transfer by name', () => {
    assert.equal(paidWith({ provider: 'test_card', card: { brand: 'visa', last4: '4242' } }), 'Visa ending 4242');
    assert.equal(paidWith({ provider: 'test_card', card: { brand: 'unknown', last4: '0005' } }), 'Card ending 0005');
    assert.equal(paidWith({ provider: 'manual', card: null }), 'bank transfer');
  });
});

describe("an order's payments", () => {
  test('the succeeded one tells the state, whatever came after it; else the latest', () => {
    const paid = payment({ id: 'paid', status: 'succeeded' });
    assert.equal(currentPayment([payment({ id: 'a' }), paid, payment({ id: 'b', provider: 'manual', status: 'pending' })])?.id, 'paid');
    assert.equal(currentPayment([payment({ id: 'a' }), payment({ id: 'b' })])?.id, 'b');
    assert.equal(currentPayment([]), null);
  });

  test('what is left to refund', () => {
    assert.deepEqual(refundable(payment({ amount: usd(2500), refundedAmount: usd(600) })), usd(1900));
  });

  test('a bank transfer awaited is found among the attempts', () => {
    assert.equal(awaitedTransfer([payment({}), payment({ id: 't', provider: 'manual', status: 'pending' })])?.id, 't');
    assert.equal(awaitedTransfer([payment({ provider: 'manual', status: 'succeeded' })]), null);
  });

  test('the order is asked again only while a payment succeeded and the order still says pending', () => {
    const succeeded = [payment({ status: 'succeeded' })];
    assert.equal(awaitingPaidOrder({ status: 'pending' }, succeeded), true);
    assert.equal(awaitingPaidOrder({ status: 'paid' }, succeeded), false);
    assert.equal(awaitingPaidOrder({ status: 'pending' }, [payment({})]), false);
    assert.equal(awaitingPaidOrder(undefined, succeeded), false);
  });
});
