import type { App } from '@emporium/kit';
import type { JWK } from 'jose';

export function keysRoutes(app: App, publicKeys: () => Promise<{ keys: JWK[] }>): void {
  // Fetched by every other service (kit auth, AUTH_JWKS_URL); not part of the public API.
  app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return publicKeys();
  });
}
