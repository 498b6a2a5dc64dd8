import { AppError } from '@emporium/kit';
import type { Provider } from './provider.ts';

/**
 * Bank transfer or cash: nothing is charged here. The payment waits until an employee confirms the money
 * arrived (POST /api/payments/{id}/capture); a refund is money an employee gives back by hand.
 */
export const manualProvider: Provider = {
  name: 'manual',
  checkCard(card) {
    if (card) throw new AppError('REQUEST.INVALID', 400, 'A card is taken only by test_card', { errors: [{ path: '/body/card', message: 'is only for test_card' }] });
    return null;
  },
  async charge() {
    return { status: 'pending' };
  },
  async refund() {},
};
