import { requireRole, type App } from '@emporium/kit';
import { Type } from 'typebox';
import { CreateDiscount, Discount, DiscountPage, DiscountParams, DiscountQuery, StandingDiscounts, StandingResult, UpdateDiscount } from './discounts.schemas.ts';
import { setStandingDiscounts } from './standing.service.ts';
import { createDiscount, deleteDiscount, listDiscounts, updateDiscount, type DiscountDeps } from './discounts.service.ts';

const docs = { tags: ['discounts'], security: [{ bearer: [] }] };

export function discountRoutes(app: App, deps: DiscountDeps): void {
  const employee = requireRole('employee');

  app.get(
    '/api/discounts',
    { onRequest: employee, schema: { ...docs, summary: 'List discount rules, newest first', querystring: DiscountQuery, response: { 200: DiscountPage } } },
    async (request) => listDiscounts(deps, request.query),
  );

  app.post(
    '/api/discounts',
    { onRequest: employee, schema: { ...docs, summary: 'Create a discount rule', body: CreateDiscount, response: { 201: Discount } } },
    async (request, reply) => reply.status(201).send(await createDiscount(deps, request.body)),
  );

  app.patch(
    '/api/discounts/:id',
    { onRequest: employee, schema: { ...docs, summary: 'Change a discount rule', params: DiscountParams, body: UpdateDiscount, response: { 200: Discount } } },
    async (request) => updateDiscount(deps, request.params.id, request.body),
  );

  app.delete(
    '/api/discounts/:id',
    { onRequest: employee, schema: { ...docs, summary: 'Delete a discount rule', params: DiscountParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await deleteDiscount(deps, request.params.id);
      return reply.status(204).send(null);
    },
  );

  // Products' catalog import (amazon format): each product's discount in force, set to a percent.
  app.post(
    '/internal/discounts/standing',
    { schema: { hide: true, body: StandingDiscounts, response: { 200: Type.Object({ items: Type.Array(StandingResult) }) } } },
    async (request) => setStandingDiscounts(deps, request.body),
  );
}
