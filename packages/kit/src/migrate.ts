import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config.ts';
import { openDb, type Db } from './db.ts';

// Found through the package, not this file: services run this code bundled into their own dist/server.js.
const kitMigrations = fileURLToPath(new URL('migrations', import.meta.resolve('@emporium/kit/package.json')));

/**
 * Applies numbered `NNN_name.sql` files in order, each once, all inside one transaction
 * holding an advisory lock, so two instances starting at once do not race.
 */
export async function migrate(db: Db, dir: string, namespace: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${namespace}`]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      namespace text NOT NULL, version text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (namespace, version))`);
    const done = new Set(
      (await tx.query<{ version: string }>('SELECT version FROM schema_migrations WHERE namespace = $1', [namespace])).map((r) => r.version),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(await readFile(join(dir, file), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (namespace, version) VALUES ($1, $2)', [namespace, file]);
      applied.push(file);
    }
    return applied;
  });
}

/** The kit's own tables (outbox, inbox) first, then the service's. */
export async function migrateService(db: Db, serviceMigrations: string): Promise<void> {
  await migrate(db, kitMigrations, 'kit');
  await migrate(db, serviceMigrations, 'service');
}

/**
 * The service's database as its settings name it, migrated; or the one a test hands over, migrated too.
 */
export async function openServiceDb(
  config: { DATABASE_URL?: string; DB_POOL_SIZE: number },
  serviceMigrations: string,
  given?: Db,
): Promise<Db> {
  if (!given && !config.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required, the PostgreSQL URL of the service\'s own database');
  const db = given ?? (await openDb({ url: config.DATABASE_URL!, poolSize: config.DB_POOL_SIZE }));
  await migrateService(db, serviceMigrations);
  return db;
}
