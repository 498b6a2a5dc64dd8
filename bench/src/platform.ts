import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@emporium/kit';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Platform {
  gateway: string;
  servicePorts: Record<string, number>;
  stop(): Promise<void>;
}

export const SERVICES = ['users', 'products', 'discounts', 'orders', 'reviews'];

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

/** Starts the whole platform with the real launcher, on its own ports and data folder. */
export async function startPlatform(portBase: number): Promise<Platform> {
  await dropBenchDatabases();
  const dataDir = mkdtempSync(join(tmpdir(), 'emporium-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/launcher/src/start.ts')], {
    cwd: root,
    // Own databases on a PostgreSQL server, so a bench never touches the shop's; access logs at warn,
    // as where a load balancer keeps them.
    env: {
      ...process.env,
      EMPORIUM_PORT_BASE: String(portBase),
      EMPORIUM_DATA_DIR: dataDir,
      EMPORIUM_DATABASE_PREFIX: DATABASE_PREFIX,
      EMPORIUM_SKIP_WEB_BUILD: '1',
      LOG_LEVEL: 'warn',
      // The load comes from one address; the per-client limit would turn it into 429s.
      RATE_LIMIT_MAX: '1000000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const gateway = `http://127.0.0.1:${portBase}`;
  await waitReady(`${gateway}/health/ready`, 120_000);
  const servicePorts = Object.fromEntries(SERVICES.map((name, i) => [name, portBase + i + 1]));
  return {
    gateway,
    servicePorts,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const DATABASE_PREFIX = 'emporium_bench_';

/** Every run starts from empty databases, so rows left by earlier runs never weigh on the figures. */
async function dropBenchDatabases(): Promise<void> {
  const server = process.env.EMPORIUM_POSTGRES;
  if (!server) return; // PGlite data lives in a fresh temporary folder each run
  for (const name of SERVICES) {
    const url = new URL(server);
    url.pathname = `/${DATABASE_PREFIX}${name}`;
    await dropDatabase(url.toString());
  }
}

export async function startBaselines(): Promise<{ origin: string; proxy: string; stop(): void }> {
  const child = fork(join(root, 'bench/src/baseline.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ports = await new Promise<{ origin: number; proxy: number }>((resolve) => child.once('message', resolve as any));
  return { origin: `http://127.0.0.1:${ports.origin}`, proxy: `http://127.0.0.1:${ports.proxy}`, stop: () => child.kill() };
}

/** Resident memory of each service, read from its Prometheus metrics. */
export async function memoryOf(ports: Record<string, number>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, port] of Object.entries(ports)) {
    try {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const match = /process_resident_memory_bytes(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+\d+)?)/.exec(text);
      if (match) out[name] = Math.round(Number(match[1]) / 1024 / 1024);
    } catch {
      // a service that is not running has no figure
    }
  }
  return out;
}
