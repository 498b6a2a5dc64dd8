import { type ChildProcess, fork, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@emporium/kit';
import { processTree } from './memory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Platform {
  gateway: string;
  /** The launcher's process id: the platform is it and everything below it. */
  launcherPid: number;
  dataDir: string;
  /** From `npm start` to the gateway answering ready. */
  readyMs: number;
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
    await sleep(50);
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

/**
 * Starts the whole platform as a newcomer does (`npm start`), on its own ports and data folder: a new
 * one (a first start, and new databases on EMPORIUM_POSTGRES), or `dataDir` again (a restart); `env` adds to
 * the launcher's environment (EMPORIUM_REPLICAS).
 */
export async function startPlatform(portBase: number, dataDir?: string, env: Record<string, string> = {}): Promise<Platform> {
  if (!dataDir) await dropBenchDatabases();
  const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'emporium-bench-'));
  chmodSync(folder, 0o755); // run as root, the embedded server runs as the user postgres
  const startedAt = Date.now();
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
    cwd: root,
    // Own databases on a PostgreSQL server, so a bench never touches the shop's; access logs at warn,
    // as where a load balancer keeps them.
    env: {
      ...process.env,
      EMPORIUM_PORT_BASE: String(portBase),
      EMPORIUM_DATA_DIR: folder,
      EMPORIUM_DATABASE_PREFIX: DATABASE_PREFIX,
      EMPORIUM_SKIP_WEB_BUILD: '1',
      // The demo's first-start story would run during the start and memory measurements.
      EMPORIUM_DEMO_ACTIVITY: 'false',
      LOG_LEVEL: 'warn',
      // The load comes from one address; the per-client limit would turn it into 429s.
      RATE_LIMIT_MAX: '1000000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const gateway = `http://127.0.0.1:${portBase}`;
  await waitReady(`${gateway}/health/ready`, 120_000);
  const readyMs = Date.now() - startedAt;
  const launcherPid = findLauncher(child.pid!);
  let stopping: Promise<void> | undefined;
  return {
    gateway,
    launcherPid,
    dataDir: folder,
    readyMs,
    // Idempotent: a run stops the platform before its scale-out case and again on its way out.
    stop: () => (stopping ??= stopLauncher(child, launcherPid)),
  };
}

async function stopLauncher(npm: ChildProcess, launcherPid: number): Promise<void> {
  if (npm.exitCode !== null || npm.signalCode !== null) return;
  const exited = new Promise((resolve) => npm.once('exit', resolve));
  process.kill(launcherPid, 'SIGTERM');
  await exited;
}

/** The launcher's process under npm (npm and its shell are the tool that started it, not the platform). */
function findLauncher(npmPid: number): number {
  for (const pid of processTree(npmPid)) {
    try {
      // An argument of its own (npm's shell has the whole script line as one argument).
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.some((arg) => arg === 'packages/launcher/dist/start.js' || arg.endsWith('/packages/launcher/dist/start.js'))) return pid;
    } catch {
      // ended meanwhile
    }
  }
  throw new Error('the launcher process was not found under npm start');
}

const DATABASE_PREFIX = 'emporium_bench_';

/** Every run starts from empty databases, so rows left by earlier runs never weigh on the figures. */
async function dropBenchDatabases(): Promise<void> {
  const server = process.env.EMPORIUM_POSTGRES;
  if (!server) return; // the embedded server's data lives in a fresh temporary folder each run
  for (const name of SERVICES) {
    const url = new URL(server);
    url.pathname = `/${DATABASE_PREFIX}${name}`;
    await dropDatabase(url.toString());
  }
}

/** The bare origin and the one-hop proxy in front of it, each its own process (see baseline.ts). */
export async function startBaselines(): Promise<{ origin: string; proxy: string; stop(): void }> {
  const start = async (...args: string[]) => {
    const child = fork(join(root, 'bench/src/baseline.ts'), args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve as any));
    return { child, port };
  };
  const origin = await start('origin');
  const proxy = await start('proxy', String(origin.port));
  return {
    origin: `http://127.0.0.1:${origin.port}`,
    proxy: `http://127.0.0.1:${proxy.port}`,
    stop: () => [origin, proxy].forEach(({ child }) => child.kill()),
  };
}
