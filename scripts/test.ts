// Runs every test file of the platform with node's test runner (TypeScript through tsx), against a real
// PostgreSQL server: the one at TEST_DATABASE_URL when it is set, otherwise an embedded one started here
// for this run only (a fresh data folder, removed afterwards; the server dies with this process). Each
// test file makes its own databases on that server and drops them.
// Arguments narrow the run to files whose path contains them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '../packages/launcher/src/embedded-postgres.ts';
import { freePortRange } from '../packages/kit/src/testing.ts';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const roots = ['packages', 'services', 'gateway', 'bench', 'tests'];
const skip = new Set(['node_modules', 'dist', 'data', 'web']);

function find(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// The generated bad-input suite runs on its own (npm run test:bad-input). Files named *.redis.test.ts need a
// Redis server: they run only when REDIS_URL names one (CI sets it), so that `npm test` needs nothing installed.
const isOwnSuite = (f: string) => f.includes('bad-input');
const needsMissingRedis = (f: string) => f.endsWith('.redis.test.ts') && !process.env.REDIS_URL;
const files = roots
  .filter((root) => existsSync(root))
  .flatMap((root) => find(root, []))
  .filter((f) => (filters.length === 0 ? !isOwnSuite(f) : filters.some((x) => f.includes(x))))
  .filter((f) => !needsMissingRedis(f))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

/** Durability is worth nothing to throwaway test databases: without fsync a test file's setup is several times faster. */
const TEST_SERVER_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: 500 };

async function testServer(): Promise<{ url: string; server?: EmbeddedServer; dir?: string }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  const parent = mkdtempSync(join(tmpdir(), 'emporium-test-'));
  chmodSync(parent, 0o755); // run as root, the server runs as the user postgres, who must reach its folder
  const dir = join(parent, 'postgres');
  const server = await startEmbeddedPostgres({ dir, port: await freePortRange(1), settings: TEST_SERVER_SETTINGS });
  return { url: `${server.url}/postgres`, server, dir };
}

// End-to-end files start the whole platform (minutes on a busy machine), so they run after the rest,
// one at a time and with a longer timeout; a hang anywhere else is still caught after 5 minutes.
const isEndToEnd = (f: string) => /e2e\.test\.ts$/.test(f);
const runs = [
  { files: files.filter((f) => !isEndToEnd(f)), flags: ['--test-concurrency=2', '--test-timeout=300000'] },
  { files: files.filter(isEndToEnd), flags: ['--test-concurrency=1', '--test-timeout=900000'] },
].filter((run) => run.files.length > 0);

const { url, server, dir } = await testServer();
console.log(`${files.length} test files on ${server ? `an embedded PostgreSQL server (port ${server.port})` : url.replace(/\/\/[^@/]*@/, '//')}`);
let failed = false;
for (const run of runs) {
  const env = { ...process.env, TEST_DATABASE_URL: url };
  // Not spawnSync: this process must keep reading the embedded server's log pipe while the tests run. Left
  // unread, the pipe filled up after enough checkpoints were logged, and the server's processes stopped
  // at their next log line (a whole run stalled on COMMIT and DROP DATABASE).
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', ...run.flags, ...run.files], { stdio: 'inherit', env });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) failed = true;
}
await server?.stop();
if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
process.exit(failed ? 1 : 0);
