import { requireRole, type App } from '@emporium/kit';
import { Type } from 'typebox';
import { CreateShippingMethod, ShippingMethod, ShippingMethodList, ShippingMethodParams, ShippingMethodQuery, UpdateShippingMethod } from './shipping.schemas.ts';
import { createShippingMethod, deleteShippingMethod, listShippingMethods, updateShippingMethod, type ShippingDeps } from './shipping.service.ts';

const tags = ['checkout'];
const security = [{ bearer: [] }];

export function shippingRoutes(app: App, deps: ShippingDeps): void {
  const employee = requireRole('employee');

  app.get('/api/shipping-methods', {
    schema: { tags, summary: 'Shipping methods that deliver to a country (every active one without it); cheapest first, unpaged', querystring: ShippingMethodQuery, response: { 200: ShippingMethodList } },
  }, (request) => listShippingMethods(deps, request.user, request.query));

  app.post('/api/shipping-methods', {
    onRequest: employee,
    schema: { tags, security, summary: 'Create a shipping method', body: CreateShippingMethod, response: { 201: ShippingMethod } },
  }, async (request, reply) => reply.status(201).send(await createShippingMethod(deps, request.body)));

  app.patch('/api/shipping-methods/:id', {
    onRequest: employee,
    schema: { tags, security, summary: 'Change or retire (active: false) a shipping method', params: ShippingMethodParams, body: UpdateShippingMethod, response: { 200: ShippingMethod } },
  }, (request) => updateShippingMethod(deps, request.params.id, request.body));

  app.delete('/api/shipping-methods/:id', {
    onRequest: employee,
    schema: { tags, security, summary: 'Delete a shipping method (placed orders keep their snapshot)', params: ShippingMethodParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deleteShippingMethod(deps, request.params.id);
    return reply.status(204).send(null);
  });
}
