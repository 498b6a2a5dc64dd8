import { ConfigError } from './config.ts';
import type { App } from './service.ts';

export interface RunOptions {
  port: number;
  host: string;
}

/**
 * Listens (or, with `--migrate-only`, only migrates and exits), and on SIGTERM/SIGINT drains: readiness turns 503, no new connections, in-flight
 * requests finish, the database closes; the process exits within 10 s whatever happens.
 */
export async function runService(build: () => Promise<{ app: App; port: number; host: string }>): Promise<void> {
  let app: App;
  let port: number;
  let host: string;
  try {
    ({ app, port, host } = await build());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  // `--migrate-only` (Kubernetes' init container): building the app applied the migrations; stop there.
  if (process.argv.includes('--migrate-only')) {
    app.log.info('migrations applied (--migrate-only): exiting without listening');
    await app.close();
    process.exit(0);
  }
  const shutdown = async (signal: string) => {
    if (app.draining) return;
    app.draining = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port, host });
}
