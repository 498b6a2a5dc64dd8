import type { Queryable } from '@emporium/kit';

export async function addPendingRelease(tx: Queryable, reservationId: string, reason: string): Promise<void> {
  await tx.query('INSERT INTO pending_releases (reservation_id, reason) VALUES ($1, $2) ON CONFLICT (reservation_id) DO NOTHING', [
    reservationId, reason,
  ]);
}

/** Releases due now, leased for a while (growing with each attempt) so two sweepers do not both send them. */
export async function claimDueReleases(db: Queryable, limit = 100): Promise<string[]> {
  const rows = await db.query(
    `UPDATE pending_releases SET attempts = attempts + 1,
            next_attempt_at = now() + make_interval(secs => LEAST(10, power(2, LEAST(attempts, 4))))
      WHERE reservation_id IN (SELECT reservation_id FROM pending_releases WHERE next_attempt_at <= now()
                                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING reservation_id`,
    [limit],
  );
  return rows.map((r) => r.reservation_id);
}

export async function removePendingRelease(db: Queryable, reservationId: string): Promise<void> {
  await db.query('DELETE FROM pending_releases WHERE reservation_id = $1', [reservationId]);
}

export async function countPendingReleases(db: Queryable): Promise<number> {
  const rows = await db.query('SELECT count(*)::int AS n FROM pending_releases');
  return rows[0].n;
}
