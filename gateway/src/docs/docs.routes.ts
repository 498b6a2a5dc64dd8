import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { UpstreamName } from '../upstreams.ts';
import type { Upstream } from '../proxy/forward.ts';
import { mergeOpenApi, type OpenApiDoc, type ServiceDoc } from './merge.ts';

const DOC_TIMEOUT_MS = 2000;

/** `/openapi.json`: every running service's public routes in one document; `/docs`: Swagger UI showing it. */
export async function docsRoutes(app: FastifyInstance, options: { upstreams: Map<UpstreamName, Upstream> }): Promise<void> {
  const merged = async () => mergeOpenApi(await Promise.all([...options.upstreams.values()].map(fetchDoc)));
  app.get('/openapi.json', { schema: { hide: true } }, merged);
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, displayRequestDuration: true },
    // The UI loads its document from /docs/json; answer it with the merged document, not the gateway's own.
    uiHooks: {
      onRequest: async (request, reply) => {
        if (request.routeOptions.url === '/docs/json') return reply.send(await merged());
      },
    },
  });
}

async function fetchDoc(upstream: Upstream): Promise<ServiceDoc> {
  try {
    // Every instance serves the same document: the next one in rotation answers.
    const res = await upstream.instances.next()!.pool.request({
      method: 'GET',
      path: '/openapi.json',
      headers: { accept: 'application/json' },
      headersTimeout: DOC_TIMEOUT_MS,
      bodyTimeout: DOC_TIMEOUT_MS,
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      return { service: upstream.name, doc: null };
    }
    return { service: upstream.name, doc: (await res.body.json()) as OpenApiDoc };
  } catch {
    return { service: upstream.name, doc: null };
  }
}
