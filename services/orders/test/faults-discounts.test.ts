// Kills the real discounts process in the middle of a stream of orders and brings it back.
// Meant for PostgreSQL; on PGlite it runs too, but every database call is serialised there, so it proves less.
import { after, before, describe, test } from 'node:test';
import { createTestAuth, type TestAuth } from '@emporium/kit/testing';
import { assertRecovered, faultProducts, startFaultShop, startLoad, type FaultShop } from './fault-load.ts';

describe('faults: discounts dies mid-load and comes back', () => {
  let auth: TestAuth;
  let shop: FaultShop;
  before(async () => {
    auth = await createTestAuth();
    shop = await startFaultShop(auth, 'discounts');
  });
  after(() => shop?.close());

  test('only 201s or 503/409 problems; afterwards every acknowledged order exists, no other does, and stock is conserved', async () => {
    const { ids, initial } = await faultProducts(shop);
    const load = startLoad(shop, auth, ids);
    await load.untilMore('created', 5);
    await shop.victim.kill();
    await load.untilMore('refused', 5);
    await shop.victim.start();
    await load.untilMore('created', 5);
    await assertRecovered(shop, await load.stop(), initial);
  });
});
