import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeOpenApi } from './merge.ts';

test('paths keep their /api prefix, get it when missing, and components and tags are merged', () => {
  const merged = mergeOpenApi([
    { service: 'products', doc: { paths: { '/api/products': { get: {} } }, components: { schemas: { Money: { type: 'object' } } }, tags: [{ name: 'products' }] } },
    { service: 'orders', doc: { paths: { '/orders': { post: {} } }, components: { schemas: { Order: { type: 'object' } } }, tags: [{ name: 'orders' }, { name: 'products' }] } },
  ]);
  assert.deepEqual(Object.keys(merged.paths ?? {}), ['/api/orders', '/api/products']);
  assert.deepEqual(Object.keys(merged.components?.schemas ?? {}), ['Money', 'Order']);
  assert.deepEqual(merged.tags?.map((t) => t.name), ['products', 'orders']);
  assert.equal(merged['x-unavailable-services'], undefined);
});

test('a service that did not answer is named, and the rest of the document still stands', () => {
  const merged = mergeOpenApi([{ service: 'reviews', doc: null }, { service: 'products', doc: { paths: { '/api/categories': { get: {} } } } }]);
  assert.deepEqual(merged['x-unavailable-services'], ['reviews']);
  assert.ok(merged.paths?.['/api/categories']);
});
