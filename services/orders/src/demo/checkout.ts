import type { Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { insertMethod, listMethods } from '../shipping/shipping.repository.ts';
import { listRates, upsertRate } from '../tax/tax.repository.ts';

// DEMO_MODE: what a new shop needs to take an order, each seeded into its empty table only (like the demo
// catalog), so an employee's later changes stay. Prices in cents.
const DEMO_METHODS = [
  { id: 'standard', name: 'Standard', carrier: 'USPS', price: 499, freeOver: 5000, minDays: 3, maxDays: 5, countries: ['US'] },
  { id: 'express', name: 'Express', carrier: 'UPS', price: 1499, freeOver: null, minDays: 1, maxDays: 2, countries: ['US'] },
  { id: 'international', name: 'International', carrier: 'DHL', price: 2499, freeOver: null, minDays: 5, maxDays: 10, countries: ['*'] },
];
const DEMO_RATE = { country: 'US', percentMilli: 8250, taxShipping: false };

export async function seedDemoCheckout(db: Db, log: FastifyBaseLogger): Promise<void> {
  if ((await listMethods(db, { includeInactive: true })).length === 0) {
    for (const method of DEMO_METHODS) await insertMethod(db, { ...method, active: true });
    log.info({ methods: DEMO_METHODS.length }, 'seeded the demo shipping methods');
  }
  if ((await listRates(db)).length === 0) {
    await upsertRate(db, DEMO_RATE);
    log.info(DEMO_RATE, 'seeded the demo tax rate');
  }
}
