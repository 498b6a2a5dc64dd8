// Starts the real platform for the browser tests through the launcher (`npm start`'s code):
// every service and the gateway on free ports, demo data in a fresh temporary folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortRange, stopLauncher } from '@emporium/kit/testing';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const launcherEntry = join(repoRoot, 'packages/launcher/src/start.ts');
// The gateway on the base port, the services on the next seven (users ... notifications; payments' slot
// included), the embedded PostgreSQL server after them.
const PORTS_PER_PLATFORM = 8;

export interface Platform {
  url: string;
  /** The launcher's last lines, to explain a failure. */
  log: string[];
  stop: () => Promise<void>;
}

/** Newest modification time of the web UI's sources. */
function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

/** Builds web/dist when it is missing or older than its sources, so the tests see the code under test. */
export function buildWebIfStale(): void {
  const built = join(repoRoot, 'web/dist/index.html');
  const sources = ['web/src', 'web/index.html', 'web/public', 'web/vite.config.ts'].map((p) => join(repoRoot, p));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestSource))) return;
  const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web UI failed');
}

async function waitForReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the launcher exited with ${child.exitCode} before ${url} was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}


/** The last lines of each service's log, read before the temporary folder goes away. */
function tailOfLogs(folder: string): string {
  if (!existsSync(folder)) return '';
  return readdirSync(folder)
    .map((name) => `--- ${name}\n${readFileSync(join(folder, name), 'utf8').split('\n').slice(-15).join('\n')}`)
    .join('\n');
}

export async function startPlatform(): Promise<Platform> {
  buildWebIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'emporium-web-test-'));
  chmodSync(dataDir, 0o755); // run as root, the embedded PostgreSQL server runs as the user postgres
  const base = await freePortRange(PORTS_PER_PLATFORM + 1);
  const log: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', launcherEntry], {
    cwd: repoRoot,
    env: { ...process.env, EMPORIUM_PORT_BASE: String(base), EMPORIUM_DATA_DIR: dataDir, EMPORIUM_POSTGRES_PORT: String(base + PORTS_PER_PLATFORM), EMPORIUM_LOG_LEVEL: 'warn', EMPORIUM_SKIP_WEB_BUILD: '1', EMPORIUM_DEMO_ACTIVITY: 'false', EMPORIUM_READY_TIMEOUT_MS: '280000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString().split('\n').filter((line) => line.trim()));
    if (log.length > 300) log.splice(0, log.length - 300);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    await stopLauncher(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${base}`;
  try {
    await waitForReady(`${url}/health/ready`, child, 600_000);
  } catch (error) {
    const serviceLogs = tailOfLogs(join(dataDir, 'logs'));
    await stop();
    throw new Error(`${(error as Error).message}\n${log.slice(-40).join('\n')}\n${serviceLogs}`);
  }
  return { url, log, stop };
}
