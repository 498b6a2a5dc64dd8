import { AppError } from '@emporium/kit';
import { brandOf, isExpired, passesLuhn } from './cards.ts';
import type { Provider } from './provider.ts';

/**
 * The sandbox the demo pays with: Stripe's well-known test numbers, decided here, no money anywhere.
 * Any other number that passes the Luhn check is declined, so a real card typed in by mistake is never "paid".
 */
export const TEST_CARDS: Record<string, { outcome: 'succeeded' } | { outcome: 'failed'; failureCode: string }> = {
  '4242424242424242': { outcome: 'succeeded' },
  '5555555555554444': { outcome: 'succeeded' },
  '4000000000000002': { outcome: 'failed', failureCode: 'card_declined' },
  '4000000000009995': { outcome: 'failed', failureCode: 'insufficient_funds' },
};

export function testCardProvider(clock: () => Date = () => new Date()): Provider {
  return {
    name: 'test_card',
    checkCard(card) {
      if (!card) throw new AppError('REQUEST.INVALID', 400, 'test_card needs a card', { errors: [{ path: '/body/card', message: 'is required for test_card' }] });
      if (!passesLuhn(card.number)) {
        throw new AppError('PAYMENT.INVALID_CARD_NUMBER', 400, 'This card number is not valid; please check it', {
          errors: [{ path: '/body/card/number', message: 'fails the Luhn check' }],
        });
      }
      return { brand: brandOf(card.number), last4: card.number.slice(-4) };
    },
    async charge({ card }) {
      const summary = this.checkCard(card)!;
      if (isExpired(card!, clock())) return { status: 'failed', failureCode: 'expired_card', card: summary };
      const known = TEST_CARDS[card!.number] ?? { outcome: 'failed', failureCode: 'card_declined' };
      return known.outcome === 'succeeded' ? { status: 'succeeded', card: summary } : { status: 'failed', failureCode: known.failureCode, card: summary };
    },
    // Nothing was taken, so nothing goes back.
    async refund() {},
  };
}
