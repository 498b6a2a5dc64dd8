import type { Queryable } from '@emporium/kit';

/** Serialises demo seeding across instances starting at once; released when the transaction ends. */
export async function takeSeedLock(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('orders:demo-seed'))");
}
