import { currentUser, Page, requireRole, requireUser, type App } from '@emporium/kit';
import type { OrderDeps } from './deps.ts';
import {
  CancelBody, IdempotencyHeaders, Order, OrderListQuery, OrderParams, PlaceOrderBody, Purchases, PurchasesQuery, StatusChangeBody, type OrderJson,
} from './orders.schemas.ts';
import { cancelOrder, changeStatus, getOrder, listOrders, purchases } from './orders.service.ts';
import { placeOrder } from './place-order.ts';

const bearer = [{ bearer: [] }];
const tags = ['orders'];

export function orderRoutes(app: App, deps: OrderDeps): void {
  app.post('/api/orders', {
    onRequest: requireUser,
    schema: { tags, summary: 'Place an order (safe to retry with the same Idempotency-Key)', security: bearer, headers: IdempotencyHeaders, body: PlaceOrderBody, response: { 201: Order } },
  }, async (request, reply) => {
    const result = await placeOrder(deps, currentUser(request), request.headers['idempotency-key'], request.body);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    // The stored text is sent as it is (a string skips serialization), so a replay is the first response byte for byte.
    return reply.status(result.status as 201).type('application/json; charset=utf-8').send(result.body as unknown as OrderJson);
  });

  app.get('/api/orders', {
    onRequest: requireUser,
    schema: { tags, summary: 'Orders, newest first: your own, or everyone\'s for staff', security: bearer, querystring: OrderListQuery, response: { 200: Page(Order) } },
  }, (request) => listOrders(deps, currentUser(request), request.query));

  app.get('/api/orders/:id', {
    onRequest: requireUser,
    schema: { tags, summary: 'One order (its owner or staff)', security: bearer, params: OrderParams, response: { 200: Order } },
  }, (request) => getOrder(deps, currentUser(request), request.params.id));

  app.post('/api/orders/:id/cancel', {
    onRequest: requireUser,
    schema: { tags, summary: 'Cancel a pending order; its stock goes back', security: bearer, params: OrderParams, body: CancelBody, response: { 200: Order } },
  }, (request) => cancelOrder(deps, currentUser(request), request.params.id, request.body?.note));

  app.post('/api/orders/:id/status', {
    onRequest: requireRole('employee'),
    schema: { tags, summary: 'Move an order along its lifecycle (staff)', security: bearer, params: OrderParams, body: StatusChangeBody, response: { 200: Order } },
  }, (request) => changeStatus(deps, request.params.id, request.body));

  app.get('/internal/purchases', {
    schema: { hide: true, querystring: PurchasesQuery, response: { 200: Purchases } },
  }, (request) => purchases(deps, request.query.customerId, request.query.productId));
}

