import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { DiscountChanged, OrderCancelled, OrderDelivered, OrderPlaced, RatingChanged, handlerOf, subscriptionsOf, type EventEnvelope, type Queryable } from '../src/index.ts';

const envelope = (type: string, data: Record<string, unknown>): EventEnvelope => ({
  id: '00000000-0000-4000-8000-000000000000', source: 'test', type, key: 'k', seq: 1, occurredAt: new Date().toISOString(), data,
});

describe('event contracts', () => {
  test('a producer sends each event only to the services its contract names', () => {
    assert.deepEqual(subscriptionsOf(OrderPlaced, OrderCancelled, OrderDelivered), {
      notifications: ['order.placed', 'order.cancelled', 'order.delivered'],
      reviews: ['order.delivered'],
      payments: ['order.cancelled'],
    });
    assert.deepEqual(subscriptionsOf(DiscountChanged, RatingChanged), { products: ['discount.changed', 'rating.changed'] });
  });

  test('a consumer sees only data of the contract\'s shape; a malformed event is passed over', async () => {
    const seen: unknown[] = [];
    const handler = handlerOf(RatingChanged, pino({ level: 'silent' }), async (_tx, data) => void seen.push(data));
    const tx = {} as Queryable;
    await handler.apply(tx, envelope('rating.changed', { productId: 'p', average: 'high', count: 1 }));
    await handler.apply(tx, envelope('rating.changed', { productId: 'p', average: 4.5, count: 2 }));
    assert.deepEqual(seen, [{ productId: 'p', average: 4.5, count: 2 }]);
    assert.equal(handler.snapshot, true);
  });
});
