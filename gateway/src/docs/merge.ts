/** The parts of an OpenAPI 3 document the merge touches; the rest passes through untouched. */
export interface OpenApiDoc {
  openapi?: string;
  info?: Record<string, unknown>;
  paths?: Record<string, unknown>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: Array<{ name: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface ServiceDoc {
  service: string;
  doc: OpenApiDoc | null;
}

/**
 * One document for the whole public API: every service's paths under `/api` (services already
 * serve them there; a path without the prefix gets it), their components and tags. Services that
 * did not answer are named in `x-unavailable-services` so a reader knows the list is partial.
 */
export function mergeOpenApi(docs: ServiceDoc[], version = '0.1.0'): OpenApiDoc {
  const paths: Record<string, unknown> = {};
  const components: Record<string, Record<string, unknown>> = {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  };
  const tags = new Map<string, { name: string }>();
  const unavailable: string[] = [];
  for (const { service, doc } of docs) {
    if (!doc) {
      unavailable.push(service);
      continue;
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      paths[path.startsWith('/api/') || path === '/api' ? path : `/api${path}`] = item;
    }
    for (const [kind, entries] of Object.entries(doc.components ?? {})) {
      const merged = (components[kind] ??= {});
      // The first service to define a name keeps it: shared shapes (Money, Problem) are the same everywhere.
      for (const [name, value] of Object.entries(entries ?? {})) if (!(name in merged)) merged[name] = value;
    }
    for (const tag of doc.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Emporium API', version, description: 'The public API of every Emporium service, as the gateway serves it.' },
    // Relative to where the document is served: the gateway that serves it also serves the API.
    servers: [{ url: '/', description: 'This gateway' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components,
    ...(tags.size ? { tags: [...tags.values()] } : {}),
    ...(unavailable.length ? { 'x-unavailable-services': unavailable } : {}),
  };
}
