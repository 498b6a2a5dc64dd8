import type { App, Db } from '@emporium/kit';
import { publishedKeys } from './signing-keys.ts';

export function keysRoutes(app: App, db: Db): void {
  // Fetched by every other service (kit auth, AUTH_JWKS_URL); not part of the public API.
  app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return publishedKeys(db);
  });
}
