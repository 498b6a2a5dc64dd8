// Services as real processes (node --import tsx .../server.ts), so a test can kill one and bring it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort } from '@emporium/kit/testing';

const root = fileURLToPath(new URL('../../..', import.meta.url));


export interface ServiceProcess {
  url: string;
  /** The service's database, as the test sees it. */
  databaseUrl: string;
  start(): Promise<void>;
  /** SIGKILL: no draining, no goodbye; in-flight requests are cut off. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** A service on a fixed port (`port`, or a free one) with a database that outlives restarts. */
export async function serviceProcess(name: 'products' | 'discounts' | 'orders' | 'payments', env: Record<string, string>, port?: number): Promise<ServiceProcess> {
  port ??= await freePort();
  const database = await createTestDatabase();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<unknown> = Promise.resolve();

  async function start(): Promise<void> {
    const guard = fileURLToPath(new URL('./fixtures/exit-with-parent.ts', import.meta.url));
    child = spawn(process.execPath, ['--import', 'tsx', '--import', guard, join(root, 'services', name, 'src', 'server.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const current = child;
    current.channel?.unref();
    exited = new Promise((resolve) => current.once('exit', resolve));
    await waitReady(url, current);
  }

  async function kill(): Promise<void> {
    child?.kill('SIGKILL');
    await exited;
    child = null;
  }

  return {
    url,
    databaseUrl: database.url,
    start,
    kill,
    async stop() {
      await kill();
      await database.cleanup();
    },
  };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
