import { AppError, IdParams, Money, type App } from '@emporium/kit';
import { Type } from 'typebox';
import type { OrderDeps } from '../orders/deps.ts';
import { findOrder } from '../orders/orders.repository.ts';
import { OrderStatusSchema } from '../orders/orders.schemas.ts';

const OrderFacts = Type.Object({ id: Type.String(), customerId: Type.String(), status: OrderStatusSchema, total: Money });

/** For payments: whose an order is, whether it still waits for payment, and the amount to charge. */
export function internalOrderRoutes(app: App, deps: OrderDeps): void {
  app.get('/internal/orders/:id', {
    schema: { hide: true, params: IdParams, response: { 200: OrderFacts } },
  }, async (request) => {
    const order = await findOrder(deps.db, request.params.id);
    if (!order) throw new AppError('ORDER.NOT_FOUND', 404, 'Order not found');
    return { id: order.id, customerId: order.customerId, status: order.status, total: { amount: order.total, currency: order.currency } };
  });
}
