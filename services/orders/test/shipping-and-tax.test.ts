import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startShop, usd, type Shop } from './harness.ts';

describe('shipping methods and tax rates', () => {
  let shop: Shop;
  let customer: Record<string, string>;
  before(async () => {
    shop = await startShop();
    customer = await shop.customer();
  });
  after(() => shop.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    shop.orders.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const method = (fields: object) => ({ name: 'Standard', carrier: 'USPS', price: usd(499), minDays: 3, maxDays: 5, countries: ['US'], ...fields });

  test('employees manage methods; customers see the active ones that deliver to their country, cheapest first', async () => {
    assert.equal((await call('POST', '/api/shipping-methods', {}, method({}))).statusCode, 401);
    assert.equal((await call('POST', '/api/shipping-methods', customer, method({}))).statusCode, 403);
    const us = (await call('POST', '/api/shipping-methods', shop.employee, method({ freeOver: usd(5000) }))).json();
    assert.deepEqual({ ...us, id: undefined }, {
      id: undefined, name: 'Standard', carrier: 'USPS', price: usd(499), freeOver: usd(5000), minDays: 3, maxDays: 5, countries: ['US'], active: true,
    });
    const world = (await call('POST', '/api/shipping-methods', shop.employee, method({ name: 'World', price: usd(2500), countries: ['*'] }))).json();
    const retired = (await call('POST', '/api/shipping-methods', shop.employee, method({ name: 'Old', price: usd(1), active: false }))).json();
    const names = async (query: string, headers: Record<string, string> = {}) =>
      (await call('GET', `/api/shipping-methods${query}`, headers)).json().items.map((m: { name: string }) => m.name);
    assert.deepEqual(await names('?country=US'), ['Pickup', 'Standard', 'World'], 'the test method delivers everywhere and is free');
    assert.deepEqual(await names('?country=NO'), ['Pickup', 'World']);
    assert.deepEqual(await names(''), ['Pickup', 'Standard', 'World']);
    assert.equal((await call('GET', '/api/shipping-methods?includeInactive=true', customer)).statusCode, 403);
    assert.deepEqual(await names('?includeInactive=true', shop.employee), ['Pickup', 'Old', 'Standard', 'World']);
    assert.equal((await call('GET', '/api/shipping-methods?country=usa', {})).statusCode, 400);

    const changed = await call('PATCH', `/api/shipping-methods/${retired.id}`, shop.employee, { active: true, countries: ['NO', 'SE'] });
    assert.deepEqual([changed.statusCode, changed.json().active, changed.json().countries], [200, true, ['NO', 'SE']]);
    assert.equal((await call('PATCH', `/api/shipping-methods/${world.id}`, shop.employee, { minDays: 9, maxDays: 4 })).statusCode, 400);
    assert.equal((await call('PATCH', `/api/shipping-methods/${world.id}`, shop.employee, { minDays: 9 })).statusCode, 400, 'minDays above the stored maxDays');
    assert.equal((await call('PATCH', '/api/shipping-methods/nope', shop.employee, { name: 'X' })).statusCode, 404);
    assert.equal((await call('POST', '/api/shipping-methods', shop.employee, method({ price: { amount: 5, currency: 'EUR' } }))).statusCode, 400);
    assert.equal((await call('POST', '/api/shipping-methods', shop.employee, method({ countries: ['us'] }))).statusCode, 400);
    assert.equal((await call('POST', '/api/shipping-methods', shop.employee, method({ minDays: 61, maxDays: 61 }))).statusCode, 400);
    assert.equal((await call('DELETE', `/api/shipping-methods/${us.id}`, shop.employee)).statusCode, 204);
    assert.equal((await call('DELETE', `/api/shipping-methods/${us.id}`, shop.employee)).statusCode, 404);
  });

  test('tax rates: employees only, a percent with up to three decimals from 0 to 50, per country code', async () => {
    assert.equal((await call('GET', '/api/tax-rates', customer)).statusCode, 403);
    const set = await call('PUT', '/api/tax-rates/US', shop.employee, { percent: 8.875, taxShipping: false });
    assert.deepEqual([set.statusCode, set.json()], [200, { country: 'US', percent: 8.875, taxShipping: false }]);
    assert.equal((await call('PUT', '/api/tax-rates/DE', shop.employee, { percent: 19, taxShipping: true })).statusCode, 200);
    assert.equal((await call('PUT', '/api/tax-rates/US', shop.employee, { percent: 9, taxShipping: true })).json().percent, 9);
    assert.deepEqual((await call('GET', '/api/tax-rates', shop.employee)).json().items, [
      { country: 'DE', percent: 19, taxShipping: true }, { country: 'US', percent: 9, taxShipping: true },
    ]);
    for (const [country, body] of [['US', { percent: 8.8755, taxShipping: false }], ['US', { percent: 51, taxShipping: false }], ['usa', { percent: 5, taxShipping: false }], ['US', { percent: 5 }]] as const) {
      assert.equal((await call('PUT', `/api/tax-rates/${country}`, shop.employee, body)).statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await call('DELETE', '/api/tax-rates/DE', shop.employee)).statusCode, 204);
    assert.equal((await call('DELETE', '/api/tax-rates/DE', shop.employee)).statusCode, 404);
  });
});
