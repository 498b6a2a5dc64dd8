import { AppError, currentUser, requireRole, requireUser, type App } from '@emporium/kit';
import type { PaymentDeps } from './deps.ts';
import { pay } from './pay.ts';
import {
  IdempotencyHeaders, NewPayment, NewRefund, Payment, PaymentList, PaymentListQuery, PaymentParams, Refund, WebhookAnswer, type PaymentJson,
} from './payments.schemas.ts';
import { listPayments } from './payments.service.ts';
import { refundPayment } from './refunds.service.ts';
import { applyStripeNotice, capturePayment } from './settle.ts';

const tags = ['payments'];
const security = [{ bearer: [] }];

export function paymentRoutes(app: App, deps: PaymentDeps): void {
  app.post('/api/payments', {
    onRequest: requireUser,
    schema: {
      tags, security, summary: 'Pay an order (safe to retry with the same Idempotency-Key); 201 whether it succeeded, failed or waits',
      headers: IdempotencyHeaders, body: NewPayment, response: { 201: Payment },
    },
  }, async (request, reply) => {
    const result = await pay(deps, currentUser(request).userId, request.headers['idempotency-key'], request.body);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    // The stored text is sent as it is (a string skips serialization), so a replay is the first answer byte for byte.
    return reply.status(result.status as 201).type('application/json; charset=utf-8').send(result.body as unknown as PaymentJson);
  });

  app.get('/api/payments', {
    onRequest: requireUser,
    schema: { tags, security, summary: "An order's payments, oldest first (its customer or staff)", querystring: PaymentListQuery, response: { 200: PaymentList } },
  }, (request) => listPayments(deps, currentUser(request), request.query.orderId));

  app.post('/api/payments/:id/capture', {
    onRequest: requireRole('employee'),
    schema: { tags, security, summary: 'Confirm that a manual payment (bank transfer, cash) arrived', params: PaymentParams, response: { 200: Payment } },
  }, (request) => capturePayment(deps, request.params.id));

  app.post('/api/payments/:id/refunds', {
    onRequest: requireRole('employee'),
    schema: { tags, security, summary: 'Give back part or all of a succeeded payment', params: PaymentParams, body: NewRefund, response: { 201: Refund } },
  }, async (request, reply) => reply.status(201).send(await refundPayment(deps, request.params.id, request.body)));

  // Stripe signs the exact bytes it sent, so this route reads its body raw (its own plugin, its own parser).
  app.register(async (webhooks: App) => {
    webhooks.removeAllContentTypeParsers();
    webhooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    webhooks.post('/api/payments/webhooks/stripe', {
      schema: { tags, summary: "Stripe's signed notifications (Stripe-Signature, STRIPE_WEBHOOK_SECRET); a bad signature is a 400", response: { 200: WebhookAnswer } },
    }, async (request) => {
      if (!deps.stripe) throw new AppError('PAYMENT.PROVIDER_UNAVAILABLE', 404, 'Stripe is not enabled in this shop');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      await applyStripeNotice(deps, deps.stripe.verify(body, request.headers['stripe-signature'] as string | undefined));
      return { received: true };
    });
  });
}
