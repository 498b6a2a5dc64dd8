import pg from 'pg';
import { tracedQuery } from './tracing.ts';

export type Row = Record<string, any>;

/** What a repository function needs: a plain SQL call. Both the database and a transaction are one. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements at once (migrations); no parameters. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** The PostgreSQL URL of the service's own database. */
  url: string;
  poolSize?: number;
}

const INT8 = 20;
const NUMERIC = 1700;
// Counts and money sums come back as int8; they stay far below 2^53, so plain numbers are safe.
const parseNumber = (value: string) => Number(value);

export async function openDb(options: DbOptions): Promise<Db> {
  return openPostgres(options.url, options.poolSize ?? 10);
}

// A named statement is parsed and planned once per connection instead of on every call, which is most
// of PostgreSQL's work for our short queries. Repositories use a bounded set of SQL texts; past the cap
// (say, SQL built from data) statements go unnamed, so no connection collects prepared statements forever.
const MAX_NAMED_STATEMENTS = 2000;
const statementNames = new Map<string, string>();
const plannedEachTime = new Set<string>();

/**
 * Marks a statement to be planned on every call (sent unnamed) instead of once per connection. For a
 * statement whose best plan depends on how big a table is: PostgreSQL keeps the plan it made for a
 * named statement, and one made while the table was new and nearly empty (a sequential scan) stays
 * in use until the table is next analyzed.
 */
export function plannedOnEveryCall(sql: string): string {
  plannedEachTime.add(sql);
  return sql;
}

function statementName(sql: string): string | undefined {
  if (plannedEachTime.has(sql)) return undefined;
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `emporium_${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name;
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const types = {
    getTypeParser: (oid: number, format?: any) =>
      oid === INT8 || oid === NUMERIC ? parseNumber : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: types as any });
  pool.on('error', () => {}); // an idle client's lost connection is replaced on the next query
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends Row>(sql: string, params?: unknown[]) {
      return tracedQuery(sql, async () => (await target.query({ text: sql, values: params as any[], name: statementName(sql) })).rows as T[]);
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  return {
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Creates the database named in `url` on its server when it is missing (used by the launcher and tests). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
