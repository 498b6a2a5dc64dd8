import type { FastifyInstance } from 'fastify';
import type { Db } from './db.ts';

export type ReadyCheck = () => Promise<unknown>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when shutdown begins so readiness answers 503 and load balancers stop sending traffic. */
    draining: boolean;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref())]);
}

export function registerHealth(app: FastifyInstance, options: { db?: Db; checks: Record<string, ReadyCheck> }): void {
  app.decorate('draining', false);
  const checks: Record<string, ReadyCheck> = { ...options.checks };
  if (options.db) {
    const db = options.db;
    checks.database = () => db.query('SELECT 1');
  }
  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'live' }));
  app.get('/health/ready', { schema: { hide: true } }, async (_request, reply) => {
    if (app.draining) return reply.status(503).send({ status: 'draining', checks: {} });
    const results: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          results[name] = 'up';
        } catch (err) {
          results[name] = `down: ${(err as Error).message}`;
        }
      }),
    );
    const ready = Object.values(results).every((r) => r === 'up');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
  });
}
