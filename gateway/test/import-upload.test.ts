// The catalog import's 50 MB CSV body, from a client through the gateway to the real products service, over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '@emporium/kit';
import { startProducts, type TestProducts } from '../../services/products/test/helpers.ts';
import { jobUntilFinished } from '../../services/products/test/import-helpers.ts';
import { buildGateway } from './helpers.ts';

const LIMIT = 50 * 1024 * 1024;

/** A CSV file of exactly `bytes` bytes: three products, then blank lines (which the import skips) to fill it up. */
function csvOf(bytes: number): Buffer {
  const head = 'sku,name,description,category,price,stock,images,links\nBIG-1,Big One,a,Home,1,1,,\nBIG-2,Big Two,b,Home,2,2,,\nBIG-3,Big Three,c,Home,3,3,,\n';
  const file = Buffer.alloc(bytes, '\n');
  file.write(head);
  return file;
}

describe('gateway: a 50 MB CSV import passes through to products', () => {
  let products: TestProducts;
  let gateway: App;
  let url: string;
  before(async () => {
    products = await startProducts();
    const productsUrl = await products.app.listen({ port: 0, host: '127.0.0.1' });
    gateway = await buildGateway({ UPSTREAMS: 'products', PRODUCTS_URL: productsUrl });
    url = await gateway.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await gateway.close();
    await products.close();
  });

  const upload = (body: Buffer) =>
    fetch(`${url}/api/products/import`, { method: 'POST', headers: { ...products.as.employee, 'content-type': 'text/csv' }, body: new Uint8Array(body) });

  test('a file of exactly 50 MB is taken (the gateway\'s 1 MB limit elsewhere stays) and imported', async () => {
    const res = await upload(csvOf(LIMIT));
    assert.equal(res.status, 202, await res.clone().text());
    const { jobId } = await res.json();
    const job = await jobUntilFinished(async (path) => {
      const r = await fetch(`${url}${path}`, { headers: products.as.employee });
      return { statusCode: r.status, body: await r.text() };
    }, jobId);
    assert.deepEqual({ status: job.status, rows: job.rows, created: job.created }, { status: 'done', rows: 3, created: 3 });
    const other = await fetch(`${url}/api/products`, { method: 'POST', headers: { ...products.as.employee, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    assert.equal(other.status, 413);
  });

  test('one byte more is refused with a 413 problem', async () => {
    const res = await upload(csvOf(LIMIT + 1));
    assert.equal(res.status, 413);
    assert.equal((await res.json()).code, 'REQUEST.TOO_LARGE');
  });
});
