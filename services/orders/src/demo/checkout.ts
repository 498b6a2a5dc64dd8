import type { Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { insertMethod, listMethods } from '../shipping/shipping.repository.ts';
import { listRates, upsertRate } from '../tax/tax.repository.ts';
import { takeSeedLock } from './demo.repository.ts';

// DEMO_MODE: what a new shop needs to take an order, each seeded into its empty table only (like the demo
// catalog), so an employee's later changes stay. Prices in cents.
const DEMO_METHODS = [
  { id: 'standard', name: 'Standard', carrier: 'USPS', price: 499, freeOver: 5000, minDays: 3, maxDays: 5, countries: ['US'] },
  { id: 'express', name: 'Express', carrier: 'UPS', price: 1499, freeOver: null, minDays: 1, maxDays: 2, countries: ['US'] },
  { id: 'international', name: 'International', carrier: 'DHL', price: 2499, freeOver: null, minDays: 5, maxDays: 10, countries: ['*'] },
];
const DEMO_RATE = { country: 'US', percentMilli: 8250, taxShipping: false };

export async function seedDemoCheckout(db: Db, log: FastifyBaseLogger): Promise<void> {
  // Under a lock: several instances of orders may start on an empty database at once.
  await db.transaction(async (tx) => {
    await takeSeedLock(tx);
    if ((await listMethods(tx, { includeInactive: true })).length === 0) {
      for (const method of DEMO_METHODS) await insertMethod(tx, { ...method, active: true });
      log.info({ methods: DEMO_METHODS.length }, 'seeded the demo shipping methods');
    }
    if ((await listRates(tx)).length === 0) {
      await upsertRate(tx, DEMO_RATE);
      log.info(DEMO_RATE, 'seeded the demo tax rate');
    }
  });
}
