import type { Queryable } from '@emporium/kit';

/** The last run's time, row-locked so two instances do not run the same window at once; null before the first run. */
export async function claimLastRun(tx: Queryable): Promise<Date | null> {
  const rows = await tx.query<{ last_run_at: Date | string | null }>('SELECT last_run_at FROM window_scheduler FOR UPDATE');
  const last = rows[0]?.last_run_at ?? null;
  return last === null ? null : new Date(last);
}

export async function saveLastRun(tx: Queryable, at: Date): Promise<void> {
  await tx.query('UPDATE window_scheduler SET last_run_at = $1', [at]);
}

/** Products with a rule that started or ended in (after, upTo]; every edge up to `upTo` when `after` is null. */
export async function productsWithWindowEdges(tx: Queryable, after: Date | null, upTo: Date): Promise<string[]> {
  const rows = await tx.query<{ product_id: string }>(
    `SELECT DISTINCT product_id FROM discounts
      WHERE (starts_at <= $2 AND ($1::timestamptz IS NULL OR starts_at > $1))
         OR (ends_at <= $2 AND ($1::timestamptz IS NULL OR ends_at > $1))
      ORDER BY product_id`,
    [after, upTo],
  );
  return rows.map((r) => r.product_id);
}
