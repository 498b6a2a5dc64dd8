import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProduct, startProducts, usd, type TestProducts } from './helpers.ts';
import { catalogOf, exportCsv, importCsv } from './import-helpers.ts';

const HEADER = 'sku,name,description,category,price,stock,images,links';

const GOOD_AND_BAD = [
  HEADER,
  'MUG-1,Stoneware Mug,"Holds 350 ml, glazed inside",Kitchen,12.99,40,/images/products/mug.svg|https://cdn.example.com/mug-2.png,https://example.com/mug',
  'LAMP-1,Desk Lamp,"A lamp with a ""warm"" bulb\nand a long cord",Home,45,8,,',
  'BAD-PRICE,Broken Price,Nothing,Home,twelve,3,,',
  'NO-NAME,,A product without a name,Home,5.00,1,,',
  'EURO-1,Euro Kettle,Priced in euros,Kitchen,€19.99,2,,',
  'XYZ-1,Odd Kettle,An unknown currency,Kitchen,19.99 XYZ,2,,',
  'MUG-1,Stoneware Mug again,The same sku twice,Kitchen,13.99,1,,',
  'TENT-1,Two Person Tent,Sleeps two,Outdoors,"$1,249.50",5,,',
  ',No Sku,A row without a sku,Home,1.00,1,,',
  'STOCK-1,Negative Stock,Bad stock,Home,1.00,-4,,',
  'URL-1,Bad Image,Bad image URL,Home,1.00,4,javascript:alert(1),',
].join('\n');

describe('products: CSV import and export', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts();
  });
  after(() => t.close());

  test('a dry run reports what the import would do, with one error per bad row, and writes nothing', async () => {
    const before = await catalogOf(t);
    const dry = await importCsv(t, GOOD_AND_BAD, 'dryRun=true');
    assert.equal(dry.status, 'done');
    assert.deepEqual({ rows: dry.rows, created: dry.created, updated: dry.updated, failed: dry.failed }, { rows: 11, created: 3, updated: 0, failed: 8 });
    assert.deepEqual(dry.errors.map((e) => [e.row, e.column]), [
      [3, 'price'], [4, 'name'], [5, 'price'], [6, 'price'], [7, 'sku'], [9, 'sku'], [10, 'stock'], [11, 'images'],
    ]);
    assert.match(dry.errors[0].message, /"twelve" is not a price/);
    assert.match(dry.errors[1].message, /name is required/);
    assert.match(dry.errors[2].message, /in EUR; this shop sells in USD only/);
    assert.match(dry.errors[3].message, /currency XYZ is unknown/);
    assert.match(dry.errors[4].message, /sku MUG-1 is also on row 1/);
    assert.deepEqual(await catalogOf(t), before);
  });

  test('the import writes the good rows and skips the bad ones, reporting the same counts as the dry run', async () => {
    const job = await importCsv(t, GOOD_AND_BAD);
    assert.deepEqual({ status: job.status, rows: job.rows, created: job.created, updated: job.updated, failed: job.failed, progress: job.progress },
      { status: 'done', rows: 11, created: 3, updated: 0, failed: 8, progress: 1 });
    const bySku = Object.fromEntries((await catalogOf(t)).map((p) => [p.sku, p]));
    assert.deepEqual(Object.keys(bySku).sort(), ['LAMP-1', 'MUG-1', 'TENT-1']);
    assert.deepEqual(bySku['MUG-1'].price, usd(1299));
    assert.deepEqual(bySku['MUG-1'].images, ['/images/products/mug.svg', 'https://cdn.example.com/mug-2.png']);
    assert.equal(bySku['LAMP-1'].description, 'A lamp with a "warm" bulb\nand a long cord');
    assert.deepEqual(bySku['LAMP-1'].price, usd(4500));
    assert.deepEqual(bySku['TENT-1'].price, usd(124950));
    assert.equal(bySku['TENT-1'].stock, 5);
  });

  test('the same file again changes nothing: created 0, updated 0', async () => {
    const before = await catalogOf(t);
    const again = await importCsv(t, GOOD_AND_BAD);
    assert.deepEqual({ created: again.created, updated: again.updated, failed: again.failed }, { created: 0, updated: 0, failed: 8 });
    assert.deepEqual(await catalogOf(t), before);
  });

  test('a changed row updates its product, matched by sku; a discount in force applies to the new price', async () => {
    const job = await importCsv(t, [HEADER, 'MUG-1,Stoneware Mug,"Holds 350 ml, glazed inside",Kitchen,14.50,40,/images/products/mug.svg|https://cdn.example.com/mug-2.png,https://example.com/mug'].join('\n'));
    assert.deepEqual({ created: job.created, updated: job.updated }, { created: 0, updated: 1 });
    const mug = (await catalogOf(t)).find((p) => p.sku === 'MUG-1')!;
    assert.deepEqual(mug.price, usd(1450));
  });

  test('export then import round-trips: the exported file makes the same catalog in another shop, and changes nothing in this one', async () => {
    await createProduct(t, { sku: 'API-1', name: 'Made by the API', description: 'Quotes " and, commas\nand lines', price: usd(7), images: ['https://cdn.example.com/a.png?size=2&x="1"'] });
    const csv = await exportCsv(t);
    assert.equal(csv.split('\n')[0], HEADER);
    const same = await importCsv(t, csv);
    assert.deepEqual({ created: same.created, updated: same.updated, failed: same.failed }, { created: 0, updated: 0, failed: 0 });

    const other = await startProducts();
    try {
      const job = await importCsv(other, csv);
      assert.deepEqual({ created: job.created, failed: job.failed }, { created: 4, failed: 0 });
      assert.deepEqual(await catalogOf(other), await catalogOf(t));
      assert.equal(await exportCsv(other), csv);
    } finally {
      await other.close();
    }
  });

  test('the same new file imported twice at once creates each product once; neither job fails', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `RACE-${i},Race Item ${i},Twice at once,Home,${i + 1},1,,`);
    const csv = [HEADER, ...rows].join('\n');
    const jobs = await Promise.all([importCsv(t, csv), importCsv(t, csv)]);
    assert.deepEqual(jobs.map((j) => j.status), ['done', 'done']);
    assert.equal(jobs[0].created + jobs[1].created, 300);
    for (const job of jobs) assert.ok(job.errors.every((e) => /another product took sku RACE-\d+/.test(e.message)), JSON.stringify(job.errors[0]));
    const race = (await catalogOf(t)).filter((p) => String(p.sku).startsWith('RACE-'));
    assert.equal(race.length, 300);
  });

  test('a leading BOM, CRLF line ends and extra columns are accepted', async () => {
    const job = await importCsv(t, `\uFEFF${HEADER},notes\r\nBOM-1,Bom Bowl,From a spreadsheet,Kitchen,3,1,,,ignored\r\n`);
    assert.deepEqual({ created: job.created, failed: job.failed, errors: job.errors }, { created: 1, failed: 0, errors: [] });
    assert.ok((await catalogOf(t)).some((p) => p.name === 'Bom Bowl'));
  });
});

describe('products: a bad CSV gets clear answers, never a 500', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts();
  });
  after(() => t.close());

  test('malformed rows (a stray quote, a wrong number of fields, an unclosed quote) are row errors; the rows around them import', async () => {
    const csv = [HEADER, 'A-1,Alpha,ok,Home,1,1,,', 'B-1,Be"ta,ok,Home,1,1,,', 'C-1,Gamma,ok,Home,1,1', 'D-1,Delta,ok,Home,1,1,,', 'E-1,"Eps,ok,Home,1,1,,'].join('\n');
    const job = await importCsv(t, csv);
    assert.equal(job.status, 'done');
    assert.deepEqual({ rows: job.rows, created: job.created, failed: job.failed }, { rows: 5, created: 2, failed: 3 });
    assert.deepEqual(job.errors.map((e) => e.row), [2, 3, 5]);
    for (const e of job.errors) assert.match(e.message, /the CSV is malformed: .*line \d/i);
  });

  test('a header without the needed columns fails the job with a message naming them', async () => {
    const job = await importCsv(t, 'name,price\nKettle,12\n');
    assert.equal(job.status, 'failed');
    assert.match(job.message!, /no sku, description, category, stock columns/);
    const amazon = await importCsv(t, `${HEADER}\nA-1,Alpha,ok,Home,1,1,,\n`, 'format=amazon');
    assert.equal(amazon.status, 'failed');
    assert.match(amazon.message!, /product_id/);
  });

  test('wrong requests are 4xx problems: no body, another content type, a bad format, unknown job, a customer', async () => {
    const post = (headers: Record<string, string>, payload?: string, url = '/api/products/import') => t.app.inject({ method: 'POST', url, headers, payload });
    const cases: Array<[Promise<{ statusCode: number; headers: Record<string, unknown> }>, number]> = [
      [post({ ...t.as.employee, 'content-type': 'text/csv' }, ''), 400],
      [post({ ...t.as.employee, 'content-type': 'application/json' }, '{"a":1}'), 415],
      [post({ ...t.as.employee, 'content-type': 'application/json' }, JSON.stringify({ a: 'x'.repeat(300_000) })), 413],
      [post({ ...t.as.employee, 'content-type': 'text/plain' }, 'a,b'), 415],
      [post({ ...t.as.employee }), 415],
      [post({ ...t.as.employee, 'content-type': 'text/csv' }, `${HEADER}\n`, '/api/products/import?format=excel'), 400],
      [post({ ...t.as.customer, 'content-type': 'text/csv' }, `${HEADER}\n`), 403],
      [t.app.inject({ url: '/api/products/import/no-such-job', headers: t.as.employee }), 404],
      [t.app.inject({ url: '/api/products/export', headers: t.as.customer }), 403],
      [t.app.inject({ url: '/api/products/export' }), 401],
    ];
    for (const [pending, status] of cases) {
      const res = await pending;
      assert.equal(res.statusCode, status);
      assert.match(String(res.headers['content-type']), /problem\+json/);
    }
  });

  test('a running job whose instance stopped recording batches reads as failed, with what to do', async () => {
    await t.db.query(`INSERT INTO import_jobs (id, format, dry_run, status, updated_at) VALUES
      ('job-lost', 'emporium', false, 'running', now() - interval '10 minutes'), ('job-busy', 'emporium', false, 'running', now())`);
    const read = async (id: string) => (await t.app.inject({ url: `/api/products/import/${id}`, headers: t.as.employee })).json();
    const lost = await read('job-lost');
    assert.equal(lost.status, 'failed');
    assert.match(lost.message, /stopped; import the file again/);
    assert.equal((await read('job-busy')).status, 'running');
  });

  test('a header-only file is done with no rows', async () => {
    const job = await importCsv(t, `${HEADER}\n`);
    assert.deepEqual({ status: job.status, rows: job.rows, created: job.created }, { status: 'done', rows: 0, created: 0 });
  });
});
