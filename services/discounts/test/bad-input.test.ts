// Issue 14, finding 6, at the discounts service: ids and numbers are checked before they reach SQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDiscounts, type TestDiscounts } from './setup.ts';

describe('discounts refuses bad input with a 400 problem', () => {
  let t: TestDiscounts;
  before(async () => (t = await startDiscounts()));
  after(() => t.close());

  test('finding 6: a NUL in an id or a product filter, or a limit of Infinity, is a 400, not a 500', async () => {
    const headers = { authorization: t.employee };
    for (const res of [
      await t.app.inject({ method: 'PATCH', url: '/api/discounts/%00', headers, payload: { percent: 10 } }),
      await t.app.inject({ method: 'DELETE', url: '/api/discounts/a%00b', headers }),
      await t.app.inject({ url: '/api/discounts?productId=%00', headers }),
      await t.app.inject({ url: '/api/discounts?limit=Infinity', headers }),
      await t.app.inject({ url: '/api/prices?productIds=a%00' }),
    ]) {
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    }
  });

  test('finding 6: a percent of "10" or true is refused, not converted', async () => {
    for (const percent of ['10', true]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/discounts', headers: { authorization: t.employee }, payload: { productId: 'p1', percent } });
      assert.equal(res.statusCode, 400, res.body);
    }
  });
});
