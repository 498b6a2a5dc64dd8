import { requireRole, type App, type Db } from '@emporium/kit';
import { Type } from 'typebox';
import { SetTaxRate, TaxRate, TaxRateList, TaxRateParams } from './tax.schemas.ts';
import { deleteTaxRate, listTaxRates, setTaxRate } from './tax.service.ts';

const docs = { tags: ['checkout'], security: [{ bearer: [] }] };

export function taxRoutes(app: App, db: Db): void {
  const employee = requireRole('employee');

  app.get('/api/tax-rates', {
    onRequest: employee,
    schema: { ...docs, summary: 'Tax rates per country (a country without one pays no tax); unpaged', response: { 200: TaxRateList } },
  }, () => listTaxRates(db));

  app.put('/api/tax-rates/:country', {
    onRequest: employee,
    schema: { ...docs, summary: "Set a country's tax rate", params: TaxRateParams, body: SetTaxRate, response: { 200: TaxRate } },
  }, (request) => setTaxRate(db, request.params.country, request.body));

  app.delete('/api/tax-rates/:country', {
    onRequest: employee,
    schema: { ...docs, summary: "Remove a country's tax rate", params: TaxRateParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deleteTaxRate(db, request.params.country);
    return reply.status(204).send(null);
  });
}
