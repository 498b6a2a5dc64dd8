import type { Queryable } from '@emporium/kit';

export interface WindowState {
  failures: number;
  /** When the oldest failure in the window leaves it. */
  freesAt: Date | null;
}

/** Serialises sign-in attempts on one scope so that parallel guesses are all counted. */
export async function lockScope(tx: Queryable, scope: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`users:login:${scope}`]);
}

export async function failuresInWindow(db: Queryable, scope: string, windowSeconds: number): Promise<WindowState> {
  const rows = await db.query(
    `SELECT count(*)::int AS failures, min(at) + make_interval(secs => $2) AS frees_at
     FROM login_failures WHERE scope = $1 AND at > now() - make_interval(secs => $2)`,
    [scope, windowSeconds],
  );
  return { failures: Number(rows[0].failures), freesAt: rows[0].frees_at };
}

/** Returns the ids, so an attempt that turns out right can take its rows back. */
export async function insertFailures(db: Queryable, scopes: string[]): Promise<number[]> {
  const rows = await db.query('INSERT INTO login_failures (scope) SELECT unnest($1::text[]) RETURNING id', [scopes]);
  return rows.map((r) => Number(r.id));
}

export async function deleteFailures(db: Queryable, ids: number[]): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE id = ANY($1::bigint[])', [ids]);
}

export async function clearScope(db: Queryable, scope: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE scope = $1', [scope]);
}

export async function deleteOlderThan(db: Queryable, seconds: number): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)', [seconds]);
}
