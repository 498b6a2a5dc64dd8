// The storefront's part of the browser journey: each step is one test of shop.test.ts, in order.
import assert from 'node:assert/strict';
import { apiAs, eventually, fillAddress, register } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

/** A visitor sees what is wrong next to the field it concerns. */
export async function showsFieldErrors(j: Journey): Promise<void> {
  await j.customer.goto('/register');
  await j.customer.getByLabel('Name').fill('Short Password');
  await j.customer.getByLabel('Email').fill(`short-${Date.now()}@example.com`);
  await j.customer.getByLabel('Password').fill('short');
  await j.customer.getByRole('button', { name: 'Create account' }).click();
  const password = j.customer.getByLabel('Password');
  await j.customer.locator('input[aria-invalid="true"]').first().waitFor();
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  const errorId = await password.getAttribute('aria-describedby');
  assert.match((await j.customer.locator(`[id="${errorId}"]`).textContent()) ?? '', /8 characters/);
  await screenshot(j.customer, 'register-field-error');
}

/** A customer finds a product, keeps it in the cart across a reload and orders it once despite a double click. */
export async function findAndOrderOnce(j: Journey): Promise<void> {
  await register(j.customer, j.shopper);
  await j.customer.getByLabel('Search products').fill(j.product.search);
  await j.customer.getByRole('button', { name: 'Search', exact: true }).click();
  await j.customer.getByRole('heading', { name: /Results for/ }).waitFor();
  const card = j.customer.getByTestId('product-card').filter({ hasText: j.product.name });
  await card.waitFor();
  await screenshot(j.customer, 'catalog-search');
  await card.getByRole('link', { name: j.product.name }).click();
  await j.customer.getByRole('heading', { level: 1, name: j.product.name }).waitFor();
  await j.customer.getByLabel('Quantity').fill('2');
  await j.customer.getByRole('button', { name: 'Add to cart' }).click();
  await j.customer.getByText(/Added 2 ×/).waitFor();
  await screenshot(j.customer, 'product');

  await j.customer.goto('/cart');
  await j.customer.reload();
  const line = j.customer.getByTestId('cart-line').filter({ hasText: j.product.name });
  await line.waitFor();
  assert.equal(await line.getByRole('spinbutton').inputValue(), '2');
  await screenshot(j.customer, 'cart');

  await j.customer.getByRole('button', { name: 'Checkout' }).click();
  await fillAddress(j.customer, { name: j.shopper.name, line1: '12 Harbour Street', city: 'Portsmouth', postalCode: 'PO1 2AB', country: 'United Kingdom' });
  // Outside the US only the demo's International method delivers; it is chosen for the customer.
  await j.customer.getByTestId('breakdown-shipping').filter({ hasText: '$24.99' }).waitFor();
  assert.equal(await j.customer.getByTestId('shipping-method').filter({ hasText: 'International' }).getByRole('radio').isChecked(), true);
  await screenshot(j.customer, 'checkout');
  await j.customer.getByRole('button', { name: 'Place order' }).dblclick();
  // The order is placed; its pay step comes next.
  await j.customer.waitForURL(/\/orders\/[^/]+\/pay\?placed=1$/);
  j.orderId = decodeURIComponent(new URL(j.customer.url()).pathname.split('/')[2]);
  await j.customer.getByText('Thank you! Your order is placed.').waitFor();
  await j.customer.getByText(`2 × ${j.product.name}`).waitFor();

  const mine = await apiAs<{ items: { id: string; items: { quantity: number }[] }[] }>(j.customer, '/api/orders');
  assert.deepEqual(mine.items.map((order) => order.id), [j.orderId], 'one order, not two');
  assert.equal(mine.items[0].items[0].quantity, 2);
  assert.equal(await j.customer.getByRole('link', { name: /Cart, 0 items/ }).count(), 1, 'the cart is empty after ordering');
}

/** An expired or broken access token is renewed quietly with the refresh token (in its cookie). */
export async function renewsTokenQuietly(j: Journey): Promise<void> {
  // The access token lives in the page's memory: the API is made to refuse it once, as it would an expired one.
  const sent: string[] = [];
  await j.customer.route('**/api/orders*', async (route) => {
    sent.push(route.request().headers().authorization ?? '');
    if (sent.length > 1) return route.continue();
    return route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ status: 401, title: 'Unauthorized' }) });
  });
  try {
    await j.customer.goto('/orders');
    await j.customer.getByTestId('order-row').first().waitFor();
  } finally {
    await j.customer.unroute('**/api/orders*');
  }
  assert.equal(sent.length, 2);
  assert.match(sent[1], /^Bearer ey/);
  assert.notEqual(sent[1], sent[0], 'the retry carries a renewed token');
}

/** The customer follows the timeline and reviews the product with a verified purchase badge. */
export async function followTimelineAndReview(j: Journey): Promise<void> {
  await j.customer.goto(`/orders/${encodeURIComponent(j.orderId)}`);
  const timeline = j.customer.getByRole('list', { name: 'Order status' });
  await timeline.getByText(j.shipment.trackingNumber).waitFor();
  assert.match((await timeline.textContent()) ?? '', new RegExp(j.shipment.carrier));
  assert.match((await j.customer.locator('[aria-current="step"]').textContent()) ?? '', /Delivered/);
  await screenshot(j.customer, 'order-timeline');

  await j.customer.getByRole('link', { name: `Review ${j.product.name}` }).click();
  await j.customer.locator('.rating-summary').waitFor();
  await j.customer.getByRole('button', { name: 'Write a review' }).click();
  await j.customer.getByRole('radio', { name: '5 stars' }).check();
  await j.customer.getByLabel('Title').fill(j.reviewTitle);
  await j.customer.getByLabel('Your review').fill('Heats fast, the spout is precise.\n<b>Not bold</b>');
  await j.customer.getByRole('button', { name: 'Post review' }).click();
  const review = j.customer.getByTestId('review').filter({ hasText: j.reviewTitle });
  await review.waitFor();
  assert.match((await review.textContent()) ?? '', /<b>Not bold<\/b>/, 'user text is shown as text, never as HTML');
  await eventually(j.customer, () => review.getByText('Verified purchase').isVisible());
  await j.customer.getByRole('button', { name: 'Edit your review' }).waitFor();
  await screenshot(j.customer, 'product-reviews');
}

/** The next checkout offers the saved address, and a pending order can be cancelled. */
export async function reuseAddressAndCancel(j: Journey): Promise<void> {
  await j.customer.goto('/?q=socks');
  await j.customer.getByRole('link', { name: 'Cotton Socks (3 Pairs)' }).click();
  await j.customer.getByRole('button', { name: 'Add to cart' }).click();
  await j.customer.goto('/checkout');
  assert.equal(await j.customer.getByRole('radio', { name: /12 Harbour Street.*United Kingdom/ }).isChecked(), true);
  await j.customer.getByTestId('shipping-method').filter({ hasText: 'International' }).waitFor();
  await j.customer.getByRole('button', { name: 'Place order' }).click();
  await j.customer.waitForURL(/\/orders\/[^/]+\/pay\?placed=1$/);
  await j.customer.getByRole('link', { name: 'Pay later: see your order' }).click();
  await j.customer.getByTestId('payment-status').getByText('Awaiting payment').waitFor();
  j.customer.once('dialog', (dialog) => void dialog.accept());
  await j.customer.getByRole('button', { name: 'Cancel order' }).click();
  await j.customer.getByRole('heading', { name: /Cancelled/ }).waitFor();
  await screenshot(j.customer, 'order-cancelled');
}

/** The storefront fits a phone screen. */
export async function fitsPhone(j: Journey): Promise<void> {
  const phone = await j.browser.newPage({ phone: true });
  await phone.goto('/');
  await phone.getByTestId('product-card').first().waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await screenshot(phone, 'catalog-phone');
}
