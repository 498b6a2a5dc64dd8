import type { FastifyInstance } from 'fastify';
import type { Role } from './auth.ts';

/** A route and the roles its requireRole hook demands: null when public, [] for any signed-in user. */
export interface RouteAccess {
  method: string;
  url: string;
  roles: Role[] | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteAccess[];
  }
}

/**
 * Keeps every route with its access rule, so the access matrix test covers new routes by
 * itself, and marks protected routes in the OpenAPI document.
 */
export function recordRoutes(app: FastifyInstance): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.addHook('onRoute', (route) => {
    const hooks = [route.onRequest ?? []].flat() as Array<{ roles?: Role[] }>;
    const guard = hooks.find((hook) => Array.isArray(hook.roles));
    const roles = guard ? guard.roles! : null;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, roles });
    }
    if (roles && route.schema && !route.schema.hide) {
      const schema = route.schema as Record<string, unknown>;
      schema.security ??= [{ bearer: [] }];
      const who = roles.length ? `Requires the ${roles.join(' or ')} role.` : 'Requires a signed-in user.';
      schema.description = schema.description ? `${schema.description} ${who}` : who;
    }
  });
  return table;
}
