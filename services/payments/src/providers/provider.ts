import type { Money } from '@emporium/kit';

/** What a customer may send for a card (test_card only); never stored. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface CardSummary {
  brand: string;
  last4: string;
}

export interface ChargeRequest {
  paymentId: string;
  orderId: string;
  amount: Money;
  card?: CardInput;
}

/** The provider's answer to an attempt: money taken, refused, or still to come (a customer's action, a webhook). */
export type ChargeOutcome =
  | { status: 'succeeded'; card?: CardSummary }
  | { status: 'failed'; failureCode: string; card?: CardSummary }
  | { status: 'pending'; providerRef?: string; clientSecret?: string };

export interface RefundRequest {
  refundId: string;
  paymentId: string;
  /** The provider's id of the payment, when it gave one. */
  providerRef: string | null;
  amount: Money;
}

/**
 * One way to take money. Adding a provider is adding a file with one of these and naming it in
 * providers/index.ts. `charge` and `refund` are retried with the same ids after a failure whose
 * outcome is unknown, so a provider that moves real money must make them idempotent by those ids.
 */
export interface Provider {
  name: string;
  /** The request's card, checked before anything is saved (a bad one is the caller's 400); null when none is taken. */
  checkCard(card: CardInput | undefined): CardSummary | null;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** Gives money back; for providers that never held it (manual) there is nothing to call. */
  refund(request: RefundRequest): Promise<void>;
}
