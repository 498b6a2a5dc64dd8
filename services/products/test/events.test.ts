import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProduct, deliver, event, startProducts, usd, type TestProducts } from './helpers.ts';

const discountChanged = (productId: string, discount: { id: string; percent: number; endsAt: string | null } | null, seq?: number) =>
  event('discount.changed', productId, { productId, discount }, { seq, source: 'discounts' });
const ratingChanged = (productId: string, average: number, count: number, seq?: number) =>
  event('rating.changed', productId, { productId, average, count }, { seq, source: 'reviews' });

describe('products: discount and rating copies from events', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts();
  });
  after(() => t.close());

  const read = async (id: string) => (await t.app.inject({ url: `/api/products/${id}` })).json();

  test('discount.changed sets the discount and the discounted price, rounded half up', async () => {
    const product = await createProduct(t, { price: usd(999) });
    await read(product.id); // cached now: the event must invalidate it
    const endsAt = '2030-01-01T00:00:00.000Z';
    assert.deepEqual(await deliver(t, discountChanged(product.id, { id: 'd1', percent: 12.5, endsAt })), { received: 1, applied: 1 });
    const after = await read(product.id);
    assert.deepEqual(after.discount, { id: 'd1', percent: 12.5, endsAt });
    assert.deepEqual(after.discountedPrice, usd(874)); // 999 * 0.875 = 874.125
    assert.deepEqual(after.price, usd(999));
  });

  test('an older event does not overwrite a newer one, and the same event twice changes nothing', async () => {
    const product = await createProduct(t, { price: usd(10_000) });
    const newer = discountChanged(product.id, { id: 'd-new', percent: 20, endsAt: null }, 5_000);
    const older = discountChanged(product.id, { id: 'd-old', percent: 50, endsAt: null }, 4_000);
    assert.equal((await deliver(t, newer)).applied, 1);
    assert.equal((await deliver(t, older)).applied, 0);
    assert.equal((await deliver(t, newer)).applied, 0);
    const after = await read(product.id);
    assert.equal(after.discount.id, 'd-new');
    assert.deepEqual(after.discountedPrice, usd(8_000));
    const ended = discountChanged(product.id, null, 5_001);
    assert.equal((await deliver(t, ended)).applied, 1);
    const plain = await read(product.id);
    assert.equal(plain.discount, null);
    assert.deepEqual(plain.discountedPrice, usd(10_000));
  });

  test('a new price keeps the discount in force and recomputes the discounted price', async () => {
    const product = await createProduct(t, { price: usd(2_000) });
    await deliver(t, discountChanged(product.id, { id: 'd2', percent: 25, endsAt: null }));
    const res = await t.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: t.as.employee, payload: { price: usd(3_001) } });
    assert.deepEqual(res.json().discountedPrice, usd(2_251)); // 3001 * 0.75 = 2250.75
    assert.deepEqual((await read(product.id)).discountedPrice, usd(2_251));
    const internal = (await t.internal({ url: `/internal/products?ids=${product.id}` })).json().items[0];
    assert.deepEqual(internal.discountedPrice, usd(2_251));
  });

  test('sorting by price follows discounts across a page boundary', async () => {
    const category = 'Discounted';
    const cheap = await createProduct(t, { category, price: usd(1_000) });
    const middle = await createProduct(t, { category, price: usd(2_000) });
    const dear = await createProduct(t, { category, price: usd(3_000) });
    const order = async () => {
      const first = (await t.app.inject({ url: `/api/products?category=${category}&sort=price_asc&limit=2` })).json();
      const second = (await t.app.inject({ url: `/api/products?category=${category}&sort=price_asc&limit=2&cursor=${first.nextCursor}` })).json();
      assert.equal(second.nextCursor, null);
      return [...first.items, ...second.items].map((p: { id: string }) => p.id);
    };
    assert.deepEqual(await order(), [cheap.id, middle.id, dear.id]);
    // 3000 at 70% off is 900: the dearest becomes the cheapest, and the middle one moves to the next page.
    await deliver(t, discountChanged(dear.id, { id: 'd3', percent: 70, endsAt: null }));
    assert.deepEqual(await order(), [dear.id, cheap.id, middle.id]);
    const band = (await t.app.inject({ url: `/api/products?category=${category}&maxPrice=950` })).json().items;
    assert.deepEqual(band.map((p: { id: string }) => p.id), [dear.id]);
    const desc = (await t.app.inject({ url: `/api/products?category=${category}&sort=price_desc&limit=1` })).json();
    assert.equal(desc.items[0].id, middle.id);
  });

  test('rating.changed sets the rating; the rating sort puts the best first, then the most reviewed', async () => {
    const category = 'Rated';
    const a = await createProduct(t, { category });
    const b = await createProduct(t, { category });
    const c = await createProduct(t, { category });
    await deliver(t, ratingChanged(a.id, 4.5, 2), ratingChanged(b.id, 4.5, 10), ratingChanged(c.id, 3.04, 1));
    assert.deepEqual((await read(c.id)).rating, { average: 3, count: 1 });
    const first = (await t.app.inject({ url: `/api/products?category=${category}&sort=rating&limit=2` })).json();
    const rest = (await t.app.inject({ url: `/api/products?category=${category}&sort=rating&limit=2&cursor=${first.nextCursor}` })).json();
    assert.deepEqual([...first.items, ...rest.items].map((p: { id: string }) => p.id), [b.id, a.id, c.id]);
    assert.deepEqual(first.items[0].rating, { average: 4.5, count: 10 });
    await deliver(t, ratingChanged(b.id, 0, 0));
    assert.deepEqual((await read(b.id)).rating, { average: 0, count: 0 });
  });

  test('an event for an unknown product or of an unknown type changes nothing and is accepted', async () => {
    const res = await deliver(t, discountChanged('no-such-product', { id: 'd', percent: 10, endsAt: null }), event('something.else', 'k', {}));
    assert.equal(res.received, 2);
  });

  test('a malformed event is passed over without blocking the events behind it', async () => {
    const product = await createProduct(t);
    const res = await deliver(t, event('rating.changed', product.id, { productId: product.id, average: 'high' }, { source: 'reviews' }), ratingChanged(product.id, 4, 1));
    assert.equal(res.received, 2);
    assert.deepEqual((await read(product.id)).rating, { average: 4, count: 1 });
  });
});
