import type { Queryable } from '@emporium/kit';

export async function addPendingRelease(tx: Queryable, reservationId: string, reason: string): Promise<void> {
  await tx.query('INSERT INTO pending_releases (reservation_id, reason) VALUES ($1, $2) ON CONFLICT (reservation_id) DO NOTHING', [
    reservationId, reason,
  ]);
}

/** Long enough for both release calls and their retries: until then another sweeper leaves the release alone. */
const LEASE_SECONDS = 30;

/**
 * Releases due now, leased for LEASE_SECONDS so that two sweepers (two instances) do not both send one;
 * a release that fails is put back with a growing pause (retryReleaseLater).
 */
export async function claimDueReleases(db: Queryable, limit = 100): Promise<string[]> {
  const rows = await db.query(
    `UPDATE pending_releases SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
      WHERE reservation_id IN (SELECT reservation_id FROM pending_releases WHERE next_attempt_at <= now()
                                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING reservation_id`,
    [limit, LEASE_SECONDS],
  );
  return rows.map((r) => r.reservation_id);
}

/** After a failed attempt: due again in 1, 2, 4, 8, then every 10 seconds. */
export async function retryReleaseLater(db: Queryable, reservationId: string): Promise<void> {
  await db.query(
    'UPDATE pending_releases SET next_attempt_at = now() + make_interval(secs => LEAST(10, power(2, LEAST(GREATEST(attempts - 1, 0), 4)))) WHERE reservation_id = $1',
    [reservationId],
  );
}

export async function removePendingRelease(db: Queryable, reservationId: string): Promise<void> {
  await db.query('DELETE FROM pending_releases WHERE reservation_id = $1', [reservationId]);
}

export async function countPendingReleases(db: Queryable): Promise<number> {
  const rows = await db.query('SELECT count(*)::int AS n FROM pending_releases');
  return rows[0].n;
}
