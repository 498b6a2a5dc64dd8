// A content digest of every table of every service database, to prove that refused input changed nothing.
import pg from 'pg';

/**
 * Tables whose rows legitimately change while requests are refused, each with why:
 * - users.login_failures: a login of the right shape with a wrong password is a 401 that counts a
 *   failed attempt (the per-account and per-address login limits depend on it).
 */
const CHANGE_ON_REFUSALS: Record<string, string[]> = {
  users: ['login_failures'],
  // discounts.window_scheduler: the time of the scheduler's last run, written on its timer whatever
  // the requests (it finds discount windows that started or ended since then).
  discounts: ['window_scheduler'],
};

export type Digest = Record<string, string>;

/** `service.table` -> md5 over the table's rows (as text, in a fixed order). */
export async function digestAll(databases: Record<string, string>): Promise<Digest> {
  const digest: Digest = {};
  for (const [service, url] of Object.entries(databases)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      for (const { name } of tables.rows) {
        if (CHANGE_ON_REFUSALS[service]?.includes(name)) continue;
        const quoted = `"${name.replace(/"/g, '""')}"`;
        const { rows } = await client.query(`SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS d FROM ${quoted} t`);
        digest[`${service}.${name}`] = rows[0].d;
      }
    } finally {
      await client.end();
    }
  }
  return digest;
}

/**
 * The digest once the platform is quiet: background work started by earlier calls (the outbox relay
 * delivering the demo data's events) ends first, so only the suite's own requests could change it.
 */
export async function settledDigest(databases: Record<string, string>, ms = 30_000): Promise<Digest> {
  const deadline = Date.now() + ms;
  let last = await digestAll(databases);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const next = await digestAll(databases);
    if (JSON.stringify(next) === JSON.stringify(last) || Date.now() > deadline) return next;
    last = next;
  }
}

export function changedTables(before: Digest, after: Digest): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
