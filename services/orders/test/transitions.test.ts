import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '@emporium/kit';
import { canCancel, checkStatusChangeShape, ORDER_STATUSES, planStatusChange, type OrderStatus } from '../src/orders/transitions.ts';

// pending -> paid is not among them: only a succeeded payment makes an order paid (payments/payment-events.ts).
const allowed = new Set(['paid>shipped', 'shipped>out_for_delivery', 'out_for_delivery>delivered', 'pending>cancelled', 'paid>cancelled']);

describe('order status transitions', () => {
  test('only paid -> shipped -> out_for_delivery -> delivered and pending|paid -> cancelled advance; every other change (pending -> paid and shipping an unpaid order included) is a 409', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        if (allowed.has(`${from}>${to}`)) {
          assert.equal(planStatusChange(from, to), 'advance', `${from} -> ${to}`);
        } else if (from === to && from !== 'delivered' && from !== 'cancelled') {
          assert.equal(planStatusChange(from, to), 'update', `${from} stays ${to}`);
        } else {
          assert.throws(() => planStatusChange(from, to), (err: AppError) => err.status === 409, `${from} -> ${to}`);
        }
      }
    }
  });

  test('a delivered or cancelled order never changes again', () => {
    for (const from of ['delivered', 'cancelled'] as OrderStatus[]) {
      for (const to of ORDER_STATUSES) assert.throws(() => planStatusChange(from, to), (err: AppError) => err.status === 409);
    }
  });

  test('only a pending or paid order can be cancelled', () => {
    assert.deepEqual(ORDER_STATUSES.filter(canCancel), ['pending', 'paid']);
  });

  test('shipped without a carrier or a tracking number is a 400 naming the missing fields', () => {
    assert.throws(() => checkStatusChangeShape({ status: 'shipped', carrier: 'DHL' }), (err: AppError) =>
      err.status === 400 && JSON.stringify(err.extra.errors).includes('/body/trackingNumber'));
    assert.throws(() => checkStatusChangeShape({ status: 'shipped' }), (err: AppError) => err.status === 400);
    checkStatusChangeShape({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JD0001' });
    checkStatusChangeShape({ status: 'delivered' });
  });
});
