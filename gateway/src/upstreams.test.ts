import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upstreamFor, upstreamUrls } from './upstreams.ts';

test('each public path goes to the service that owns it', () => {
  const cases: Array<[string, string | null]> = [
    ['/api/auth/login', 'users'],
    ['/api/users', 'users'],
    ['/api/users/me', 'users'],
    ['/api/products', 'products'],
    ['/api/products/p1', 'products'],
    ['/api/categories', 'products'],
    ['/api/products/p1/reviews', 'reviews'],
    ['/api/reviews/r1/hide', 'reviews'],
    ['/api/discounts', 'discounts'],
    ['/api/discounts/d1', 'discounts'],
    ['/api/prices', 'discounts'],
    ['/api/promotions/p1', 'discounts'],
    ['/api/orders', 'orders'],
    ['/api/checkout/quote', 'orders'],
    ['/api/shipping-methods', 'orders'],
    ['/api/tax-rates/US', 'orders'],
    ['/api/orders/o1/cancel', 'orders'],
    ['/api/auth/password-reset/confirm', 'users'],
    ['/api/auth/verify-email/resend', 'users'],
    ['/api/notifications', 'notifications'],
    ['/api/payments', 'payments'],
    ['/api/payments/webhooks/stripe', 'payments'],
  ];
  for (const [path, owner] of cases) assert.equal(upstreamFor(path), owner, path);
});

test('internal, unknown and look-alike paths belong to nobody', () => {
  for (const path of ['/api/products/../../internal/products', '/api/products/%2e%2e/%2E%2E/internal', '/api/./products', '/api/products/..',
    '/internal/products', '/api/internal/products', '/api/productsx', '/api', '/api/', '/products', '/health/ready', '/']) {
    assert.equal(upstreamFor(path), null, path);
  }
});

test('only the services named in UPSTREAMS are routed', () => {
  const urls = upstreamUrls({
    UPSTREAMS: 'products,orders',
    USERS_URL: 'http://u',
    PRODUCTS_URL: 'http://p',
    DISCOUNTS_URL: 'http://d',
    ORDERS_URL: 'http://o',
    REVIEWS_URL: 'http://r',
    PAYMENTS_URL: 'http://pay',
    NOTIFICATIONS_URL: 'http://n',
  });
  assert.deepEqual([...urls], [['products', 'http://p'], ['orders', 'http://o']]);
});
