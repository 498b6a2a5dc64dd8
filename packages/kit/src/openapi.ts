import type { FastifySchema, RouteOptions } from 'fastify';

/** Every refusal is an RFC 9457 problem (errors.ts); documented once here for every operation. */
const ProblemResponse = {
  description: 'The request was refused: an RFC 9457 problem',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'code'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string', description: 'Stable machine-readable code, e.g. REQUEST.INVALID' },
          requestId: { type: 'string' },
          errors: {
            type: 'array',
            description: 'For a request of the wrong shape: each field and what is wrong with it',
            items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
          },
        },
        additionalProperties: true,
      },
    },
  },
};

/** `GET /api/products/:id/reviews` -> `getProductsByIdReviews`: unique per route, stable, readable. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/**
 * @fastify/swagger's transform, for the document only (validation and serialization are untouched):
 * a public operation says so with `security: []` (protected ones got theirs from route-table.ts),
 * every operation gets an operationId and its problem answers.
 */
export function documentOperation({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }) {
  if (!schema || (schema as { hide?: boolean }).hide) return { schema, url };
  const doc = schema as FastifySchema & { security?: unknown[]; operationId?: string; response?: Record<string, unknown> };
  const method = [route.method].flat()[0];
  return {
    url,
    schema: {
      ...doc,
      operationId: doc.operationId ?? operationIdOf(method, url),
      security: doc.security ?? [],
      response: { ...doc.response, '4xx': ProblemResponse },
    },
  };
}
