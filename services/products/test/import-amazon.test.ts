// The amazon format end to end: products and a real discounts app, each on its own database, over real HTTP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { App } from '@emporium/kit';
import { createTestAuth, createTestServiceCredential, freePort, openTestDb } from '@emporium/kit/testing';
import { buildApp as buildDiscounts } from '../../discounts/src/app.ts';
import { readConfig as readDiscountsConfig } from '../../discounts/src/config.ts';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { startProducts } from './helpers.ts';
import { importCsv, jobUntilFinished, type Job } from './import-helpers.ts';

const SAMPLE = readFileSync(new URL('./fixtures/amazon-sample.csv', import.meta.url), 'utf8');
const inr = (amount: number) => ({ amount, currency: 'INR' });

describe('products: the amazon format, with discounts set in the discounts service', () => {
  let products: App;
  let discounts: App;
  let productsUrl: string;
  let discountsUrl: string;
  let employee: Record<string, string>;
  const cleanups: Array<() => Promise<void>> = [];

  const call = async (base: string, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers: { ...employee, ...init.headers }, body: init.body });
    return { statusCode: res.status, body: await res.text() };
  };
  const importFile = async (csv: string, query: string): Promise<Job> => {
    const res = await call(productsUrl, `/api/products/import?${query}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(res.statusCode, 202, res.body);
    return jobUntilFinished((path) => call(productsUrl, path), JSON.parse(res.body).jobId);
  };
  const productBySku = async (sku: string) => {
    const page = JSON.parse((await call(productsUrl, '/api/products?limit=100')).body);
    return page.items.find((p: { sku: string }) => p.sku === sku);
  };
  const discountsOf = async (productId: string) => JSON.parse((await call(discountsUrl, `/api/discounts?productId=${productId}`)).body).items;

  before(async () => {
    const auth = await createTestAuth();
    employee = { authorization: `Bearer ${await auth.token({ role: 'employee' })}` };
    const service = createTestServiceCredential();
    const productsPort = await freePort();
    const [p, d] = [await openTestDb(), await openTestDb()];
    cleanups.push(p.cleanup, d.cleanup);
    const shared = { AUTH_PUBLIC_JWK: auth.publicJwk, LOG_LEVEL: 'silent', SHOP_CURRENCY: 'INR', ...service.env };
    discounts = await buildDiscounts(readDiscountsConfig({ ...shared, PRODUCTS_URL: `http://127.0.0.1:${productsPort}`, WINDOW_SCHEDULER_MS: '100' }), { db: d.db });
    discountsUrl = await discounts.listen({ port: 0, host: '127.0.0.1' });
    products = await buildApp(readConfig({ ...shared, DISCOUNTS_URL: discountsUrl, CACHE_TTL_MS: '0' }), { db: p.db });
    productsUrl = await products.listen({ port: productsPort, host: '127.0.0.1' });
  });
  after(async () => {
    await products?.close();
    await discounts?.close();
    for (const cleanup of cleanups) await cleanup();
  });

  test('a dry run of the sample counts ten new products and writes nothing, here or in discounts', async () => {
    const job = await importFile(SAMPLE, 'format=amazon&dryRun=true');
    assert.deepEqual({ status: job.status, rows: job.rows, created: job.created, updated: job.updated, failed: job.failed }, { status: 'done', rows: 10, created: 10, updated: 0, failed: 0 });
    assert.equal(JSON.parse((await call(productsUrl, '/api/products')).body).items.length, 0);
  });

  test('the sample imports with the right prices, categories, texts, links and discounts', async () => {
    const job = await importFile(SAMPLE, 'format=amazon');
    assert.deepEqual({ created: job.created, updated: job.updated, failed: job.failed, errors: job.errors }, { created: 10, updated: 0, failed: 0, errors: [] });
    const cable = await productBySku('B0EMP00001');
    assert.equal(cable.name, 'Braided USB-C to USB-A Cable, 1.5 m, Fast Charging');
    assert.equal(cable.category, 'USBCables');
    assert.deepEqual(cable.price, inr(109900));
    assert.equal(cable.description, 'Nylon braided for a long life\nCharges and syncs at once\nWorks with phones and tablets');
    assert.deepEqual(cable.images, ['https://m.media-amazon.com/images/I/emporium-cable.jpg']);
    assert.deepEqual(cable.links, ['https://www.amazon.in/dp/B0EMP00001']);
    assert.equal(cable.stock, 0, 'the dataset has no stock');
    assert.equal((await productBySku('B0EMP00003')).category, 'SmartTelevisions');
    assert.deepEqual((await productBySku('B0EMP00010')).price, inr(159950));

    // Discounts are rules in the discounts service; products hears of them by event, within moments.
    const [rule] = await discountsOf(cable.id);
    assert.deepEqual({ percent: rule.percent, endsAt: rule.endsAt }, { percent: 64, endsAt: null });
    assert.deepEqual(await discountsOf((await productBySku('B0EMP00006')).id), [], '0% is no discount');
    assert.equal((await discountsOf((await productBySku('B0EMP00010')).id))[0].percent, 31.26);
    const deadline = Date.now() + 20_000;
    while ((await productBySku('B0EMP00001')).discountedPrice.amount !== 39564 && Date.now() < deadline) await sleep(50);
    const discounted = await productBySku('B0EMP00001');
    assert.deepEqual(discounted.discountedPrice, inr(39564)); // 109900 less 64%, rounded half up
    assert.equal(discounted.discount.percent, 64);
  });

  test('the same file again changes nothing; a changed percentage alone is an update, seen by a dry run first', async () => {
    const again = await importFile(SAMPLE, 'format=amazon');
    assert.deepEqual({ created: again.created, updated: again.updated, failed: again.failed }, { created: 0, updated: 0, failed: 0 });
    const changed = SAMPLE.replace('₹349,₹799,56%', '₹399,₹799,50%');
    const mouse = await productBySku('B0EMP00002');
    const dry = await importFile(changed, 'format=amazon&dryRun=true');
    assert.deepEqual({ created: dry.created, updated: dry.updated }, { created: 0, updated: 1 });
    assert.equal((await discountsOf(mouse.id))[0].percent, 56);
    const real = await importFile(changed, 'format=amazon');
    assert.deepEqual({ created: real.created, updated: real.updated }, { created: 0, updated: 1 });
    assert.equal((await discountsOf(mouse.id))[0].percent, 50);
  });

  test('a discount the discounts service refuses (a scheduled one is in the way) fails its row', async () => {
    const pan = await productBySku('B0EMP00006');
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await call(discountsUrl, '/api/discounts', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ productId: pan.id, percent: 20, startsAt }),
    });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    // The file as the previous test left the catalog (the mouse at 50%), with the pan now at 15%.
    const job = await importFile(SAMPLE.replace('₹349,₹799,56%', '₹399,₹799,50%').replace('₹899,₹899,0%', '₹764,₹899,15%'), 'format=amazon');
    assert.deepEqual({ created: job.created, updated: job.updated, failed: job.failed }, { created: 0, updated: 0, failed: 1 });
    assert.equal(job.errors[0].column, 'discount_percentage');
    assert.match(job.errors[0].message, /the discount was refused: .*scheduled/);
    assert.deepEqual((await discountsOf(pan.id)).map((d: { percent: number }) => d.percent), [20]);
  });

  test('rows the shop cannot take are row errors naming the dataset\'s columns', async () => {
    const header = SAMPLE.split('\n')[0];
    const bad = [
      header,
      'B0BAD00001,Too Deep a Discount,Home&Kitchen|Pans,₹99,₹999,94%,4,1,About,U,N,R,T,C,https://example.com/a.jpg,https://example.com/a',
      'B0BAD00002,,Home&Kitchen|Pans,₹99,₹999,10%,4,1,About,U,N,R,T,C,https://example.com/a.jpg,https://example.com/a',
      'B0BAD00003,Dollar Pan,Home&Kitchen|Pans,$9,$10,10%,4,1,About,U,N,R,T,C,https://example.com/a.jpg,https://example.com/a',
    ].join('\n');
    const job = await importFile(bad, 'format=amazon');
    assert.deepEqual(job.errors.map((e) => [e.row, e.column]), [[1, 'discount_percentage'], [2, 'product_name'], [3, 'actual_price']]);
    assert.match(job.errors[2].message, /in USD; this shop sells in INR only/);
  });
});

describe('products: a shop in USD importing the rupee-priced sample', () => {
  test('every row is an error naming the currency, and nothing is written', async () => {
    const t = await startProducts({ SHOP_CURRENCY: 'USD' });
    try {
      const job = await importCsv(t, SAMPLE, 'format=amazon');
      assert.deepEqual({ status: job.status, rows: job.rows, created: job.created, failed: job.failed }, { status: 'done', rows: 10, created: 0, failed: 10 });
      for (const e of job.errors) {
        assert.equal(e.column, 'actual_price');
        assert.match(e.message, /is in INR; this shop sells in USD only/);
      }
      assert.equal((await t.app.inject({ url: '/api/products' })).json().items.length, 0);
    } finally {
      await t.close();
    }
  });
});
