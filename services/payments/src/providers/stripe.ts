import { AppError } from '@emporium/kit';
import type Stripe from 'stripe';
import type { ChargeOutcome, Provider } from './provider.ts';

export interface StripeSettings {
  secretKey: string;
  webhookSecret?: string;
  /** Another address for Stripe's API (a local stand-in in tests, stripe-mock); default Stripe's own. */
  apiUrl?: string;
  timeoutMs: number;
}

/** What a verified webhook event means for one of our payments. */
export interface StripeNotice {
  eventId: string;
  paymentIntentId: string;
  outcome: Exclude<ChargeOutcome, { status: 'pending' }> | null;
}

export interface StripeGateway {
  provider: Provider;
  /** Checks the signature against the raw body; a forged or stale one is a 400. */
  verify(rawBody: Buffer, signature: string | undefined): StripeNotice;
}

/**
 * Stripe through its official SDK, loaded only when STRIPE_SECRET_KEY is set (the bundle leaves it out).
 * A payment is a PaymentIntent created with our payment id as Stripe's idempotency key: a retry after an
 * unknown outcome finds the same intent, never a second one. Stripe.js confirms it with the client secret;
 * the result comes back by the signed webhook.
 */
export async function createStripeGateway(settings: StripeSettings): Promise<StripeGateway> {
  const { default: StripeSdk } = await import('stripe');
  const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  const stripe = new StripeSdk(settings.secretKey, {
    timeout: settings.timeoutMs,
    maxNetworkRetries: 2,
    ...(api ? { host: api.hostname, port: api.port || (api.protocol === 'https:' ? 443 : 80), protocol: api.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
  const provider: Provider = {
    name: 'stripe',
    checkCard(card) {
      // Card details go to Stripe from the customer's browser (Stripe.js), never through the shop.
      if (card) throw new AppError('REQUEST.INVALID', 400, 'Stripe takes the card in the browser, not here', { errors: [{ path: '/body/card', message: 'is only for test_card' }] });
      return null;
    },
    async charge({ paymentId, orderId, amount }) {
      try {
        const intent = await stripe.paymentIntents.create(
          { amount: amount.amount, currency: amount.currency.toLowerCase(), metadata: { paymentId, orderId }, automatic_payment_methods: { enabled: true } },
          { idempotencyKey: `payment-${paymentId}` },
        );
        return { status: 'pending', providerRef: intent.id, clientSecret: intent.client_secret ?? undefined };
      } catch (err) {
        // Stripe said no to this payment (an amount below its minimum, say): a known outcome, a failed attempt.
        const refusal = err as { type?: string; code?: string };
        if (refusal.type === 'StripeInvalidRequestError' || refusal.type === 'StripeCardError') return { status: 'failed', failureCode: refusal.code ?? 'provider_refused' };
        return unavailable(err as Error);
      }
    },
    async refund({ refundId, providerRef, amount }) {
      if (!providerRef) throw new Error('a Stripe payment without its PaymentIntent id');
      await stripe.refunds.create({ payment_intent: providerRef, amount: amount.amount }, { idempotencyKey: `refund-${refundId}` }).catch(unavailable);
    },
  };
  return {
    provider,
    verify(rawBody, signature) {
      if (!settings.webhookSecret) throw new AppError('PAYMENT.PROVIDER_UNAVAILABLE', 404, 'Stripe webhooks are not set up in this shop');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature ?? '', settings.webhookSecret);
      } catch {
        throw new AppError('PAYMENT.BAD_SIGNATURE', 400, 'The Stripe-Signature header does not match this body');
      }
      return noticeOf(event);
    },
  };
}

function noticeOf(event: Stripe.Event): StripeNotice {
  const object = event.data.object as { object?: string; id?: string; last_payment_error?: { decline_code?: string; code?: string } | null };
  const paymentIntentId = object.object === 'payment_intent' && object.id ? object.id : '';
  const error = object.last_payment_error;
  const outcome: StripeNotice['outcome'] =
    event.type === 'payment_intent.succeeded' ? { status: 'succeeded' }
    : event.type === 'payment_intent.payment_failed' ? { status: 'failed', failureCode: error?.decline_code ?? error?.code ?? 'card_declined' }
    : event.type === 'payment_intent.canceled' ? { status: 'failed', failureCode: 'canceled' }
    : null;
  return { eventId: event.id, paymentIntentId, outcome };
}

/** Stripe unreachable or failing: the caller may try again (the idempotency keys keep a retry single). */
function unavailable(err: Error): never {
  const failure = new AppError('DEPENDENCY.UNAVAILABLE', 503, 'The payment provider is unavailable right now. Please try again shortly.', { dependency: 'stripe' });
  failure.cause = err;
  throw failure;
}
