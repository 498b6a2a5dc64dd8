// The whole platform through the launcher (`npm start`'s code) on PostgreSQL, for the bad-input suite and the kill test:
// every service and the gateway on free ports, its databases under a unique prefix, dropped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@emporium/kit';
import { freePortRange, stopLauncher } from '@emporium/kit/testing';
import { databaseUrl, existingServices, readSettings } from '../../packages/launcher/src/plan.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_MS = 360_000;

export interface Platform {
  url: string;
  /** Each service's database URL, by service name. */
  databases: Record<string, string>;
  output: () => string;
  /** Where the launcher keeps each process's log (`<label>.log`). */
  logs: string;
  stop(): Promise<void>;
  launcher: ChildProcess;
}

export interface PlatformOptions {
  /** EMPORIUM_REPLICAS for the launcher; unset: one instance of each service. */
  replicas?: string;
  /** More variables for the launcher and, through it, every process (a service's timings). */
  env?: Record<string, string>;
  /** Names the data folder and the databases' prefix. */
  name?: string;
}

export async function startPlatform(postgres: string, options: PlatformOptions = {}): Promise<Platform> {
  const name = options.name ?? 'bad_input';
  // The gateway and eight service ports, each instance after the first 100 ports further (PostgreSQL is the suite's own).
  const instances = options.replicas ? Math.max(...Object.values(readSettings({ EMPORIUM_REPLICAS: options.replicas }, root).replicas)) : 1;
  const portBase = await freePortRange(100 * (instances - 1) + 9);
  const dataDir = await mkdtemp(join(tmpdir(), `emporium-${name}-`));
  const env: Record<string, string> = {
    EMPORIUM_PORT_BASE: String(portBase),
    EMPORIUM_DATA_DIR: dataDir,
    EMPORIUM_HOST: '127.0.0.1',
    EMPORIUM_POSTGRES: postgres,
    EMPORIUM_DATABASE_PREFIX: `${name}_${randomBytes(4).toString('hex')}_`,
    // Demo mode (the launcher's default) stays on: the demo accounts give the suite its roles.
    EMPORIUM_DEMO: 'true',
    EMPORIUM_SKIP_WEB_BUILD: '1',
    EMPORIUM_DEMO_ACTIVITY: 'false', // the suite's requests are its own; no demo story beside them
    EMPORIUM_READY_TIMEOUT_MS: String(STARTUP_MS),
    EMPORIUM_LOG_LEVEL: 'warn',
    // Thousands of requests come from one address on purpose; the gateway's limit is not under test.
    RATE_LIMIT_MAX: '1000000',
    ...(options.replicas ? { EMPORIUM_REPLICAS: options.replicas } : {}),
    ...options.env,
  };
  const inherited = { ...process.env };
  delete inherited.TEST_DATABASE_URL;
  delete inherited.NODE_TEST_CONTEXT;
  // With an IPC channel and the orphan guard, the launcher stops everything even if this process is killed.
  const guard = join(root, 'packages/launcher/src/orphan-guard.ts');
  const launcher = spawn(process.execPath, ['--import', 'tsx', '--import', guard, 'packages/launcher/src/start.ts'], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  launcher.stdout!.on('data', (chunk) => (output += chunk));
  launcher.stderr!.on('data', (chunk) => (output += chunk));
  const settings = readSettings(env, root);
  const databases = Object.fromEntries(existingServices(root).map((name) => [name, databaseUrl(settings, name)!]));
  const stop = async () => {
    await stopLauncher(launcher);
    for (const url of Object.values(databases)) await dropDatabase(url).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => /Emporium is ready at/.test(output), launcher, STARTUP_MS);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`);
  }
  return { url: `http://127.0.0.1:${portBase}`, databases, output: () => output, logs: join(dataDir, 'logs'), stop, launcher };
}

async function waitFor(ready: () => boolean, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (child.exitCode !== null) throw new Error(`the launcher exited with ${child.exitCode} before the platform was ready`);
    if (Date.now() > deadline) throw new Error(`the platform was not ready within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

