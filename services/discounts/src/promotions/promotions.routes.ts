import { answerEach, BatchResults, requireRole, type App } from '@emporium/kit';
import { Type } from 'typebox';
import {
  CreatePromotion, Promotion, PromotionPage, PromotionParams, PromotionQuery, PromotionUseBatch, RedemptionBatch, RedemptionParams, UpdatePromotion,
} from './promotions.schemas.ts';
import { createPromotion, deletePromotion, listPromotions, updatePromotion, type PromotionDeps } from './promotions.service.ts';
import { checkPromotion, redeemPromotion, releasePromotion } from './redemptions.service.ts';

const docs = { tags: ['promotions'], security: [{ bearer: [] }] };

export function promotionRoutes(app: App, deps: PromotionDeps): void {
  const employee = requireRole('employee');

  app.get('/api/promotions', {
    onRequest: employee,
    schema: { ...docs, summary: 'List promotion codes, newest first', querystring: PromotionQuery, response: { 200: PromotionPage } },
  }, (request) => listPromotions(deps, request.query));

  app.post('/api/promotions', {
    onRequest: employee,
    schema: { ...docs, summary: 'Create a promotion code', body: CreatePromotion, response: { 201: Promotion } },
  }, async (request, reply) => reply.status(201).send(await createPromotion(deps, request.body)));

  app.patch('/api/promotions/:id', {
    onRequest: employee,
    schema: { ...docs, summary: 'Change a promotion code', params: PromotionParams, body: UpdatePromotion, response: { 200: Promotion } },
  }, (request) => updatePromotion(deps, request.params.id, request.body));

  app.delete('/api/promotions/:id', {
    onRequest: employee,
    schema: { ...docs, summary: 'Delete a promotion code (orders placed with it keep their snapshot)', params: PromotionParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deletePromotion(deps, request.params.id);
    return reply.status(204).send(null);
  });

  // For orders, in batches (orders sends the calls of orders priced or placed at the same moment together, each
  // entry decided on its own): a quote checks a code, a placed order redeems it, a cancelled or failed one releases it.
  app.post('/internal/promotions/check/batch', {
    schema: { hide: true, body: PromotionUseBatch, response: { 200: BatchResults } },
  }, (request) => answerEach(request.body.uses, async (use) => ({ status: 200, body: await checkPromotion(deps, use) })));

  app.post('/internal/promotions/redemptions/batch', {
    schema: { hide: true, body: RedemptionBatch, response: { 200: BatchResults } },
  }, (request) => answerEach(request.body.redemptions, async ({ orderId, ...use }) => ({ status: 200, body: await redeemPromotion(deps, orderId, use) })));

  app.post('/internal/promotions/redemptions/:orderId/release', {
    schema: { hide: true, params: RedemptionParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await releasePromotion(deps, request.params.orderId);
    return reply.status(204).send(null);
  });
}
