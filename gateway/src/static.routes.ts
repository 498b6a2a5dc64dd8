import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface StaticOptions {
  /** Holds `images/`, served at `/images/`. */
  publicDir: string;
  /** The built web UI (`index.html` and `assets/`). */
  webDist: string;
}

/** Paths that are never the web UI's, so a mistyped API or docs URL gets a 404 problem, not a page. */
const NOT_UI = /^\/(api|docs|health|internal|metrics|openapi\.json|images)(\/|$)/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Emporium</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>Emporium</h1>
<p>The web UI is not built yet. Run <code>npm run build -w web</code> (or <code>npm install</code>, which builds it), then reload.</p>
<p>The API is running: see <a href="/docs">/docs</a>.</p>
</body></html>
`;

/**
 * `/images/*` from the public folder; every other GET outside the API answers with a file of
 * the built UI or its index.html, so client-side routes (`/console`, `/products/<id>`) load the app.
 */
export async function staticRoutes(app: FastifyInstance, options: StaticOptions): Promise<void> {
  const webDist = resolve(options.webDist);
  await app.register(fastifyStatic, { root: webDist, serve: false });
  await app.register(fastifyStatic, { root: join(options.publicDir, 'images'), prefix: '/images/', decorateReply: false, maxAge: '1h' });

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const pathname = safeDecode(request.url.split('?', 1)[0]);
    if (pathname === null || NOT_UI.test(pathname)) return reply.callNotFound();
    if (!(await isFile(join(webDist, 'index.html')))) return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    const file = resolve(webDist, `.${pathname}`);
    if (pathname !== '/' && file.startsWith(webDist + sep) && (await isFile(file))) {
      // Vite names built assets by content hash, so they never change; everything else may.
      const hashed = pathname.startsWith('/assets/');
      return reply.sendFile(file.slice(webDist.length + 1), { maxAge: hashed ? '365d' : 0, immutable: hashed });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
