import type { Queryable } from '@emporium/kit';

/** Serialises seeding across instances starting at once; released when the transaction ends. */
export async function takeSeedLock(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('products:demo-seed'))");
}

/** Counts every product ever created, deleted ones too: a catalog that was emptied by hand is not seeded again. */
export async function countProducts(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
  return rows[0].n;
}
