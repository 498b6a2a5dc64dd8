import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canListen, ensureDatabase } from '@emporium/kit';
import { say } from './console.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';
import { databaseUrl, type ServiceName, type Settings } from './plan.ts';

/** The ports of the plan that something else already holds, named for the console ("port 8080 (gateway)"). */
export async function portsInUse(ports: { name: string; port: number; host: string }[]): Promise<string[]> {
  const busy: string[] = [];
  for (const { name, port, host } of ports) {
    if (!(await canListen(port, host))) busy.push(`port ${port} (${name})`);
  }
  return busy;
}

/** The embedded PostgreSQL server in `<data>/postgres`, its own log in `<data>/logs/postgres.log`. */
export async function startDatabaseServer(settings: Settings): Promise<EmbeddedServer> {
  const log = createWriteStream(join(settings.dataDir, 'logs', 'postgres.log'), { flags: 'a' });
  try {
    return await startEmbeddedPostgres({ dir: join(settings.dataDir, 'postgres'), port: settings.postgresPort, log: (line) => log.write(`${line}\n`) });
  } catch (err) {
    throw new Error(`the embedded PostgreSQL server did not start (${(err as Error).message}); see ${join(settings.dataDir, 'logs', 'postgres.log')}`);
  }
}

/**
 * The key that seals the users service's token signing key on this machine: made on the first start
 * and kept in the data folder, readable by its owner only, so that restarts can open the sealed key.
 */
export async function keyEncryptionKey(dataDir: string): Promise<string> {
  const file = join(dataDir, 'secrets', 'auth-key-encryption.key');
  const existing = await readFile(file, 'utf8').catch((err) => (err.code === 'ENOENT' ? null : Promise.reject(err)));
  if (existing) return existing.trim();
  // The data folder itself stays open to others (run as root, the embedded server runs as the user
  // postgres and must reach data/postgres); only the secrets folder is closed.
  await mkdir(dataDir, { recursive: true });
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const made = randomBytes(32).toString('hex');
  await writeFile(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
  return made;
}

/** One database per service on the PostgreSQL server (emporium_<service>), created when missing. */
export async function createDatabases(settings: Settings, services: ServiceName[]): Promise<void> {
  for (const name of services) {
    const url = databaseUrl(settings, name);
    try {
      await ensureDatabase(url);
    } catch (err) {
      const server = settings.postgres!.replace(/\/\/[^@/]*@/, '//');
      throw new Error(`cannot prepare database ${new URL(url).pathname.slice(1)} on ${server}: ${(err as Error).message}`);
    }
  }
}

/** Builds the web UI once when its sources exist but no build does, so a fresh clone shows the shop. */
export async function buildWebIfMissing(root: string, logFile: string): Promise<void> {
  if (!existsSync(join(root, 'web', 'index.html')) || existsSync(join(root, 'web', 'dist', 'index.html'))) return;
  say.info('building the web UI (first start only) ...');
  const log = createWriteStream(logFile, { flags: 'a' });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawn(npm, ['run', 'build', '-w', 'web'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  log.end();
  if (code !== 0) say.warn(`the web UI did not build (see ${logFile}); the API still runs, / says the UI is not built`);
}
