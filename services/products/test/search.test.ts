import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProduct, deliver, event, startProducts, usd, type TestProducts } from './helpers.ts';

type Item = { id: string; name: string };
type Page = { items: Item[]; nextCursor: string | null; facets?: Facets };
type Facets = { categories: { name: string; count: number }[]; price: { min: number; max: number; count: number }[]; rating: { atLeast: number; count: number }[] };

describe('products: search, suggestions and facets', () => {
  let t: TestProducts;
  const list = async (query: string): Promise<Page> => {
    const res = await t.app.inject({ url: `/api/products?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const names = async (query: string) => (await list(query)).items.map((p) => p.name);

  before(async () => {
    t = await startProducts({ CACHE_TTL_MS: '0' });
    const products = [
      { name: 'Copper Kettle', category: 'Kitchen', price: usd(4500), description: 'Boils water on any stove.' },
      { name: 'Trail Run Socks', category: 'Apparel', price: usd(1200), description: 'Cushioned for long distances.' },
      { name: 'Brass Lantern', category: 'Outdoors', price: usd(3000), description: 'Lights a tent all night.' },
      { name: 'Camping Stove', category: 'Outdoors', price: usd(8000), description: 'Pairs well with a brass lantern and a kettle.' },
      { name: 'Rain Jacket', category: 'Apparel', price: usd(9900), description: 'Keeps you dry while running in the rain.' },
      { name: 'Kettlebell 12 kg', category: 'Fitness', price: usd(5200), description: 'Cast iron.' },
    ];
    const ids: Record<string, string> = {};
    for (const p of products) ids[p.name] = (await createProduct(t, p)).id;
    // Ratings arrive from the reviews service as events.
    const ratings: [string, number][] = [['Copper Kettle', 4.5], ['Brass Lantern', 3.2], ['Camping Stove', 2.0], ['Rain Jacket', 4.0]];
    await deliver(t, ...ratings.map(([name, average]) => event('rating.changed', ids[name], { productId: ids[name], average, count: 3 }, { source: 'reviews' })));
  });
  after(() => t.close());

  test('words are stemmed: "running" finds "Run" in a name and "running" in a description', async () => {
    assert.deepEqual((await names('q=running')).sort(), ['Rain Jacket', 'Trail Run Socks']);
    assert.deepEqual(await names('q=socks'), ['Trail Run Socks']);
    assert.deepEqual(await names('q=sock'), ['Trail Run Socks']);
  });

  test('a misspelled word finds the product spelled right', async () => {
    assert.deepEqual(await names('q=lantren'), ['Brass Lantern', 'Camping Stove']);
    assert.deepEqual(await names('q=coper%20kettle'), ['Copper Kettle']);
    assert.deepEqual(await names('q=campign%20stove'), ['Camping Stove']);
  });

  test('the last word is a prefix (type-ahead); earlier words must match whole', async () => {
    assert.deepEqual((await names('q=kett')).sort(), ['Camping Stove', 'Copper Kettle', 'Kettlebell 12 kg']);
    assert.deepEqual(await names('q=copper%20ket'), ['Copper Kettle']);
    assert.deepEqual(await names('q=cam'), ['Camping Stove']);
  });

  test('every word must match: words found only in different products find nothing', async () => {
    assert.deepEqual(await names('q=copper%20lantern'), []);
    assert.deepEqual(await names('q=%25%20_'), []);
    assert.equal((await names('q=%20%20')).length, 6, 'a blank q is no search at all');
  });

  test('with q and no sort, name matches come before description matches; a sort given still wins', async () => {
    assert.deepEqual(await names('q=lantern'), ['Brass Lantern', 'Camping Stove']);
    // "kettle" is also the prefix of "Kettlebell"; the whole word ranks above the prefix.
    assert.deepEqual(await names('q=kettle'), ['Copper Kettle', 'Kettlebell 12 kg', 'Camping Stove']);
    assert.deepEqual(await names('q=kettle&sort=price_desc'), ['Camping Stove', 'Kettlebell 12 kg', 'Copper Kettle']);
  });

  test('relevance pages walk every match once, by rank', async () => {
    const whole = await names('q=kett&limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`q=kett&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, whole);
    const sortCursor = (await list('q=kett&limit=1&sort=name')).nextCursor;
    assert.equal((await t.app.inject({ url: `/api/products?q=kett&cursor=${sortCursor}` })).statusCode, 400);
  });

  test('odd queries (stop words only, symbols, numbers, quotes, other scripts) answer 200, never a 500', async () => {
    for (const q of ['the', 'the and of', '½', '❤ ★', 'straße', '12.5 kg', 'a-b', "o'neil", '\\', '日本語 茶', 'x'.repeat(200), 'ｋｅｔｔｌｅ', '"kettle"']) {
      for (const url of [`/api/products?q=${encodeURIComponent(q)}&facets=true`, `/api/products/suggest?q=${encodeURIComponent(q)}`]) {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      }
    }
    assert.deepEqual(await names('q=%22kettle%22&sort=name'), ['Camping Stove', 'Copper Kettle', 'Kettlebell 12 kg']);
  });

  test('suggestions: at most 8, names only, the last word as a prefix, misspellings too', async () => {
    const suggest = async (q: string) => {
      const res = await t.app.inject({ url: `/api/products/suggest?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as Item[]).map((i) => i.name);
    };
    assert.deepEqual(await suggest('kett'), ['Copper Kettle', 'Kettlebell 12 kg']);
    assert.deepEqual(await suggest('coper k'), ['Copper Kettle']);
    assert.deepEqual(await suggest('lantern'), ['Brass Lantern'], 'a description match is no suggestion');
    assert.deepEqual(await suggest(''), []);
    const spelled = async (q: string) => (await t.app.inject({ url: `/api/products/suggest?q=${encodeURIComponent(q)}` })).json().spelling;
    assert.equal(await spelled('brass lantren'), 'brass lantern', 'each word the catalog does not know, spelled as it does');
    assert.equal(await spelled('brass lantern'), null);
    for (let i = 0; i < 10; i++) await createProduct(t, { name: `Teapot ${i}`, category: 'Kitchen', description: 'Pours.' });
    assert.equal((await suggest('teap')).length, 8);
    assert.equal((await t.app.inject({ url: '/api/products/suggest' })).statusCode, 400);
  });

  test('facets count over the filters, each ignoring its own', async () => {
    const all = (await list('facets=true&q=kettle')).facets!;
    assert.deepEqual(all.categories, [{ name: 'Fitness', count: 1 }, { name: 'Kitchen', count: 1 }, { name: 'Outdoors', count: 1 }]);
    assert.deepEqual(all.price, [{ min: 2000, max: 4999, count: 1 }, { min: 5000, max: 9999, count: 2 }]);
    assert.deepEqual(all.rating, [{ atLeast: 4, count: 1 }, { atLeast: 3, count: 1 }, { atLeast: 2, count: 2 }, { atLeast: 1, count: 2 }]);

    // A category narrows the list, the price and the rating counts, but not the category counts.
    const kitchen = await list('facets=true&q=kettle&category=Kitchen');
    assert.deepEqual(kitchen.items.map((p) => p.name), ['Copper Kettle']);
    assert.deepEqual(kitchen.facets!.categories, all.categories);
    assert.deepEqual(kitchen.facets!.price, [{ min: 2000, max: 4999, count: 1 }]);
    assert.deepEqual(kitchen.facets!.rating, [{ atLeast: 4, count: 1 }, { atLeast: 3, count: 1 }, { atLeast: 2, count: 1 }, { atLeast: 1, count: 1 }]);

    // A price band (one bucket's min and max) narrows the others, not the price counts.
    const band = await list('facets=true&q=kettle&minPrice=5000&maxPrice=9999');
    assert.deepEqual(band.items.map((p) => p.name), ['Kettlebell 12 kg', 'Camping Stove']);
    assert.deepEqual(band.facets!.price, all.price);
    assert.deepEqual(band.facets!.categories, [{ name: 'Fitness', count: 1 }, { name: 'Outdoors', count: 1 }]);
    assert.deepEqual(band.facets!.rating, [{ atLeast: 2, count: 1 }, { atLeast: 1, count: 1 }]);

    // A minimum rating narrows the others, not the rating counts.
    const rated = await list('facets=true&minRating=4&category=Apparel');
    assert.deepEqual(rated.items.map((p) => p.name), ['Rain Jacket']);
    assert.deepEqual(rated.facets!.rating, [{ atLeast: 4, count: 1 }, { atLeast: 3, count: 1 }, { atLeast: 2, count: 1 }, { atLeast: 1, count: 1 }]);
    assert.deepEqual(rated.facets!.categories, [{ name: 'Apparel', count: 1 }, { name: 'Kitchen', count: 1 }]);
    assert.deepEqual(rated.facets!.price, [{ min: 5000, max: 9999, count: 1 }]);

    assert.equal((await list('q=kettle')).facets, undefined, 'no facets unless asked');
    assert.deepEqual((await list('facets=true&q=zzzzqqq')).facets, { categories: [], price: [], rating: [] });
  });
});

describe('products: facets and the read cache', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts();
  });
  after(() => t.close());

  test('a cached list with facets is a different entry from one without, and a write shows in both at once', async () => {
    await createProduct(t, { name: 'Cached Lamp', category: 'Home', price: usd(2500) });
    const plain = (await t.app.inject({ url: '/api/products?q=lamp' })).json();
    const withFacets = (await t.app.inject({ url: '/api/products?q=lamp&facets=true' })).json();
    assert.equal(plain.facets, undefined);
    assert.deepEqual(withFacets.facets.categories, [{ name: 'Home', count: 1 }]);
    await createProduct(t, { name: 'Second Lamp', category: 'Garden', price: usd(2500) });
    const after = (await t.app.inject({ url: '/api/products?q=lamp&facets=true' })).json();
    assert.equal(after.items.length, 2);
    assert.deepEqual(after.facets.categories, [{ name: 'Garden', count: 1 }, { name: 'Home', count: 1 }]);
  });
});
