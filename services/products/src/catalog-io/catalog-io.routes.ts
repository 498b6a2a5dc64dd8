import { Readable } from 'node:stream';
import { AppError, requireRole, type App } from '@emporium/kit';
import { exportCsv } from './export.service.ts';
import { ImportJob, ImportJobParams, ImportQuery, ImportStarted } from './catalog-io.schemas.ts';
import { getImportJob, startImport, type ImportDeps } from './import.service.ts';

const staff = { onRequest: requireRole('employee'), schema: { tags: ['products'], security: [{ bearer: [] }] } };

/** Import and export of the catalog as CSV (employees). */
export async function catalogIoRoutes(app: App, deps: ImportDeps): Promise<void> {
  // In this scope only, a CSV body is left unread: the import streams it to disk itself, up to its own limit.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

  app.post('/api/products/import', {
    ...staff,
    // No bodyLimit here: the CSV stream is counted by the import itself (up to IMPORT_MAX_BYTES), and any other
    // body (JSON, which Fastify would parse whole) keeps the service's small limit before it is refused.
    schema: {
      ...staff.schema,
      summary: 'Import products from a CSV body (text/csv, up to 50 MB) as a job; rows are matched by sku',
      querystring: ImportQuery,
      response: { 202: ImportStarted },
    },
  }, async (request, reply) => {
    if (!(request.body instanceof Readable)) throw new AppError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 415, 'Send the file as the body, with Content-Type: text/csv');
    return reply.status(202).send(await startImport(deps, request.body, request.query));
  });

  app.get('/api/products/import/:jobId', {
    ...staff,
    schema: { ...staff.schema, summary: 'An import job: its progress, counts and the error of each failed row', params: ImportJobParams, response: { 200: ImportJob } },
  }, (request) => getImportJob(deps, request.params.jobId));

  app.get('/api/products/export', {
    ...staff,
    schema: {
      ...staff.schema,
      summary: 'Every listed product as CSV (sku,name,description,category,price,stock,images,links), streamed',
      response: { 200: { description: 'The catalog as CSV', content: { 'text/csv': { schema: { type: 'string' } } } } },
    },
  }, async (_request, reply) => {
    reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="products.csv"');
    // A stream, not the string the documented schema describes: the body is written as it is read.
    return reply.send(exportCsv(deps.db) as unknown as string);
  });
}
