import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { AuthOptions, AuthUser, Role } from './auth.ts';
import { dropDatabase, ensureDatabase, openDb, type Db } from './db.ts';
import { migrate } from './migrate.ts';
import { canListen } from './ports.ts';
import { stopProcess } from './processes.ts';
import { signAccessToken, type SigningKey } from './tokens.ts';

/**
 * A fresh database for one test file on the server named by TEST_DATABASE_URL (`npm test` starts an
 * embedded PostgreSQL server and sets it), dropped again by `cleanup`.
 */
export async function createTestDatabase(): Promise<{ url: string; cleanup(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` (it starts a PostgreSQL server)');
  const url = new URL(server);
  url.pathname = `/emporium_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(url.toString());
  return { url: url.toString(), cleanup: () => dropDatabase(url.toString()) };
}

/** Opens a fresh test database; closing the Db is the caller's (or the app's) job, then call cleanup. */
export async function openTestDb(): Promise<{ db: Db; url: string; cleanup(): Promise<void> }> {
  const { url, cleanup } = await createTestDatabase();
  const db = await openDb({ url, poolSize: 20 });
  return { db, url, cleanup };
}

export interface TestAuth {
  options: AuthOptions;
  /** The public key as the AUTH_PUBLIC_JWK variable takes it, for services started as processes. */
  publicJwk: string;
  token(user: Partial<AuthUser> & { role: Role }): Promise<string>;
  key: SigningKey;
}

/** A real key pair for tests, so tokens are verified exactly as in production. */
export async function createTestAuth(): Promise<TestAuth> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), alg: 'EdDSA', kid: 'test', use: 'sig' };
  const options: AuthOptions = { publicJwk: JSON.stringify(jwk), issuer: 'emporium-users', audience: 'emporium' };
  const key: SigningKey = { kid: 'test', alg: 'EdDSA', privateKey };
  return {
    options,
    publicJwk: JSON.stringify(jwk),
    key,
    token: (user) =>
      signAccessToken(key, { userId: user.userId ?? `user-${user.role}`, role: user.role, name: user.name ?? `Test ${user.role}`, email: user.email }, {
        issuer: options.issuer,
        audience: options.audience,
        ttlSeconds: 900,
      }),
  };
}

/** Waits until `check` holds for what `read` returns (events travelling between services); fails with the last value after `ms`. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition never held; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `assertion` until it stops throwing; its last failure is reported when `ms` has passed. */
export async function untilPasses<T>(assertion: () => Promise<T>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** A port free right now on 127.0.0.1, for a service that must come back on the same port after a restart. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * For a test of a migration that moves data: applies only the service migrations in `dir` named before
 * `first` (the database as it was before them). Then the test writes rows the old way and runs `migrate`
 * on the whole folder.
 */
export async function migrateUpTo(db: Db, dir: string, first: string): Promise<void> {
  const before = mkdtempSync(join(tmpdir(), 'migrations-before-'));
  try {
    for (const file of readdirSync(dir).filter((f) => f < first)) cpSync(join(dir, file), join(before, file));
    await migrate(db, before, 'service');
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
}

/**
 * `count` consecutive free ports, for a whole platform started by a test, starting somewhere random (so
 * parallel runs rarely meet) below Linux's ephemeral range (32768-60999): a port in that range that is
 * free now can be taken a moment later as the local end of an outgoing connection (a service's own
 * database connections), and the service meant for it then fails with EADDRINUSE.
 */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    let free = true;
    // On every address: the gateway may listen on 0.0.0.0, the services on 127.0.0.1.
    for (let port = base; port < base + count && free; port++) free = await canListen(port, '0.0.0.0');
    if (free) return base;
  }
  throw new Error('no free range of ports found');
}

export { createTestServiceCredential, type TestServiceCredential } from './service-token-testing.ts';

/**
 * Stops a launcher a test started: SIGTERM lets it stop its services cleanly; SIGKILL after a grace
 * period (its services' orphan guard and the database's parent-death signal end them then).
 */
export const stopLauncher = (child: ChildProcess) => stopProcess(child, 'SIGTERM', 30_000);
