import type { Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { insertPromotion, listPromotions } from '../promotions/promotions.repository.ts';
import { takeSeedLock } from './demo.repository.ts';

/** DEMO_MODE: the code the launcher prints beside the demo accounts, seeded while there is no promotion at all. */
export const DEMO_CODE = 'WELCOME10';

export async function seedDemoPromotion(db: Db, log: FastifyBaseLogger): Promise<void> {
  // Under a lock: several instances of discounts may start on an empty database at once.
  const seeded = await db.transaction(async (tx) => {
    await takeSeedLock(tx);
    if ((await listPromotions(tx, null, 1)).length > 0) return false;
    const now = new Date();
    await insertPromotion(tx, {
      id: 'welcome10', code: DEMO_CODE, type: 'percent', percentBps: 1000, amount: null, minSubtotal: null, startsAt: null, endsAt: null,
      usageLimit: null, perCustomerLimit: null, timesUsed: 0, createdAt: now, updatedAt: now,
    });
    return true;
  });
  if (seeded) log.info({ code: DEMO_CODE }, 'seeded the demo promotion code');
}
