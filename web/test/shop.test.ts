// The storefront and the console in a real browser against the real platform (launcher, demo data).
import assert from 'node:assert/strict';
import { after, before, describe, test as nodeTest } from 'node:test';
import type { Page } from 'playwright-core';
import { apiAs, demo, eventually, fillAddress, logIn, register } from './actions.ts';
import { launchBrowser, screenshot, type Browser } from './browser.ts';
import { startPlatform, type Platform } from './platform.ts';

let platform: Platform;
let browser: Browser;
let customer: Page;
let employee: Page;
let orderId = '';
const product = { name: 'Electric Gooseneck Kettle', search: 'gooseneck' };
const shopper = { name: 'Robin Shopper', email: `robin-${Date.now()}@example.com`, password: 'correct-horse-1' };
const reviewTitle = `Pours like a dream (${Date.now().toString(36)})`;
const shipment = { carrier: 'Parcel Express', trackingNumber: 'PX-2026-0042' };

/** A test step that leaves screenshots of every page behind when it fails. */
function test(name: string, body: () => Promise<void>) {
  nodeTest(name, async () => {
    try {
      await body();
    } catch (error) {
      await browser.captureFailure(name);
      throw error;
    }
  });
}

before(async () => {
  // EMPORIUM_TEST_URL points the tests at a platform that is already running (handy while developing).
  platform = process.env.EMPORIUM_TEST_URL
    ? { url: process.env.EMPORIUM_TEST_URL, log: [], stop: async () => undefined }
    : await startPlatform();
  browser = await launchBrowser(platform.url);
  customer = await browser.newPage();
  employee = await browser.newPage();
}, { timeout: 660_000 });

after(async () => {
  await browser?.close();
  await platform?.stop();
}, { timeout: 60_000 });

describe('storefront and console', { timeout: 900_000 }, () => {
  test('a visitor sees what is wrong next to the field it concerns', async () => {
    await customer.goto('/register');
    await customer.getByLabel('Name').fill('Short Password');
    await customer.getByLabel('Email').fill(`short-${Date.now()}@example.com`);
    await customer.getByLabel('Password').fill('short');
    await customer.getByRole('button', { name: 'Create account' }).click();
    const password = customer.getByLabel('Password');
    await customer.locator('input[aria-invalid="true"]').first().waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    const errorId = await password.getAttribute('aria-describedby');
    assert.match((await customer.locator(`[id="${errorId}"]`).textContent()) ?? '', /8 characters/);
    await screenshot(customer, 'register-field-error');
  });

  test('a customer finds a product, keeps it in the cart across a reload and orders it once despite a double click', async () => {
    await register(customer, shopper);
    await customer.getByLabel('Search products').fill(product.search);
    await customer.getByRole('button', { name: 'Search', exact: true }).click();
    await customer.getByRole('heading', { name: /Results for/ }).waitFor();
    const card = customer.getByTestId('product-card').filter({ hasText: product.name });
    await card.waitFor();
    await screenshot(customer, 'catalog-search');
    await card.getByRole('link', { name: product.name }).click();
    await customer.getByRole('heading', { level: 1, name: product.name }).waitFor();
    await customer.getByLabel('Quantity').fill('2');
    await customer.getByRole('button', { name: 'Add to cart' }).click();
    await customer.getByText(/Added 2 ×/).waitFor();
    await screenshot(customer, 'product');

    await customer.goto('/cart');
    await customer.reload();
    const line = customer.getByTestId('cart-line').filter({ hasText: product.name });
    await line.waitFor();
    assert.equal(await line.getByRole('spinbutton').inputValue(), '2');
    await screenshot(customer, 'cart');

    await customer.getByRole('button', { name: 'Checkout' }).click();
    await fillAddress(customer, { name: shopper.name, line1: '12 Harbour Street', city: 'Portsmouth', postalCode: 'PO1 2AB', country: 'United Kingdom' });
    await screenshot(customer, 'checkout');
    await customer.getByRole('button', { name: 'Place order' }).dblclick();
    await customer.waitForURL(/\/orders\/[^/]+\?placed=1$/);
    orderId = decodeURIComponent(new URL(customer.url()).pathname.split('/').pop()!);
    await customer.getByText('Thank you! Your order is placed.').waitFor();
    await customer.getByText('Estimated delivery:').waitFor();
    await customer.getByRole('cell', { name: product.name }).waitFor();

    const mine = await apiAs<{ items: { id: string; items: { quantity: number }[] }[] }>(customer, '/api/orders');
    assert.deepEqual(mine.items.map((order) => order.id), [orderId], 'one order, not two');
    assert.equal(mine.items[0].items[0].quantity, 2);
    assert.equal(await customer.getByRole('link', { name: /Cart, 0 items/ }).count(), 1, 'the cart is empty after ordering');
  });

  test('an expired or broken access token is renewed quietly with the refresh token', async () => {
    const before = await customer.evaluate(() => JSON.parse(localStorage.getItem('emporium.session')!) as { accessToken: string });
    await customer.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('emporium.session')!);
      localStorage.setItem('emporium.session', JSON.stringify({ ...session, accessToken: 'expired.token.here' }));
    });
    await customer.goto('/orders');
    await customer.getByTestId('order-row').first().waitFor();
    const after = await customer.evaluate(() => JSON.parse(localStorage.getItem('emporium.session')!) as { accessToken: string; refreshToken: string });
    assert.notEqual(after.accessToken, 'expired.token.here');
    assert.notEqual(after.accessToken, before.accessToken);
  });

  test('an employee ships the order with carrier and tracking number, then delivers it', async () => {
    await logIn(employee, demo.employee, '/console/orders');
    await employee.getByRole('link', { name: `#${orderId.slice(-8)}` }).click();
    await employee.getByLabel('Carrier').fill(shipment.carrier);
    await employee.getByLabel('Tracking number').fill(shipment.trackingNumber);
    await screenshot(employee, 'console-order-ship');
    await employee.getByRole('button', { name: 'Mark as shipped' }).click();
    await employee.getByRole('button', { name: 'Mark as out for delivery' }).click();
    await employee.getByRole('button', { name: 'Mark as delivered' }).click();
    await employee.getByText('nothing more to do').waitFor();
    await screenshot(employee, 'console-order');
  });

  test('the customer follows the timeline and reviews the product with a verified purchase badge', async () => {
    await customer.goto(`/orders/${encodeURIComponent(orderId)}`);
    const timeline = customer.getByRole('list', { name: 'Order status' });
    await timeline.getByText(shipment.trackingNumber).waitFor();
    assert.match((await timeline.textContent()) ?? '', new RegExp(shipment.carrier));
    assert.match((await customer.locator('[aria-current="step"]').textContent()) ?? '', /Delivered/);
    await screenshot(customer, 'order-timeline');

    await customer.getByRole('link', { name: `Review ${product.name}` }).click();
    await customer.getByRole('button', { name: 'Write a review' }).click();
    await customer.getByRole('radio', { name: '5 stars' }).check();
    await customer.getByLabel('Title').fill(reviewTitle);
    await customer.getByLabel('Your review').fill('Heats fast, the spout is precise.\n<b>Not bold</b>');
    await customer.getByRole('button', { name: 'Post review' }).click();
    const review = customer.getByTestId('review').filter({ hasText: reviewTitle });
    await review.waitFor();
    assert.match((await review.textContent()) ?? '', /<b>Not bold<\/b>/, 'user text is shown as text, never as HTML');
    await eventually(customer, () => review.getByText('Verified purchase').isVisible());
    await customer.getByRole('button', { name: 'Edit your review' }).waitFor();
    await screenshot(customer, 'product-reviews');
  });

  test('the next checkout offers the saved address, and a pending order can be cancelled', async () => {
    await customer.goto('/?q=socks');
    await customer.getByRole('link', { name: 'Cotton Socks (3 Pairs)' }).click();
    await customer.getByRole('button', { name: 'Add to cart' }).click();
    await customer.goto('/checkout');
    assert.equal(await customer.getByRole('radio', { name: /12 Harbour Street/ }).isChecked(), true);
    await customer.getByRole('button', { name: 'Place order' }).click();
    await customer.waitForURL(/\/orders\/[^/]+\?placed=1$/);
    customer.once('dialog', (dialog) => void dialog.accept());
    await customer.getByRole('button', { name: 'Cancel order' }).click();
    await customer.getByRole('heading', { name: /Cancelled/ }).waitFor();
    await screenshot(customer, 'order-cancelled');
  });

  test('an employee creates a product and a discount, and the storefront shows the discounted price', async () => {
    const name = `Copper Watering Can ${Date.now()}`;
    await employee.goto('/console/low-stock');
    await employee.getByTestId('console-product-row').filter({ hasText: 'Woven Storage Basket' }).waitFor();
    assert.equal(await employee.getByTestId('console-product-row').filter({ hasText: 'Cotton Socks' }).count(), 0);
    await screenshot(employee, 'console-low-stock');
    await employee.goto('/console/products/new');
    await employee.getByLabel('Name').fill(name);
    await employee.getByLabel('Description').fill('Hand-hammered copper, 2 litres.');
    await employee.getByLabel('Category').fill('Garden');
    await employee.getByLabel(/^Price/).fill('40.00');
    await employee.getByLabel('Stock').fill('3');
    await employee.getByLabel(/^Image URLs/).fill('/images/products/watering-can-5-l.svg');
    await employee.getByRole('button', { name: 'Create product' }).click();
    await employee.getByText('Product created.').waitFor();
    await employee.getByLabel('Percent off').fill('25');
    await employee.getByText('Price becomes $30.00').waitFor();
    await employee.getByRole('button', { name: 'Add discount' }).click();
    await employee.getByTestId('discount-row').filter({ hasText: '$30.00' }).waitFor();
    await screenshot(employee, 'console-product');

    await customer.goto(`/?q=${encodeURIComponent(name)}`);
    const card = customer.getByTestId('product-card').filter({ hasText: name });
    await eventually(customer, () => card.getByText('-25%').isVisible());
    assert.match((await card.textContent()) ?? '', /\$30\.00.*\$40\.00.*Only 3 left/s);
    await screenshot(customer, 'catalog-discount');

    await employee.getByTestId('discount-row').getByRole('button', { name: 'Edit' }).click();
    await employee.getByLabel('Percent off').fill('30');
    await employee.getByRole('button', { name: 'Save discount' }).click();
    await employee.getByTestId('discount-row').filter({ hasText: '$28.00' }).waitFor();
  });

  test('an employee deletes a product and it leaves the storefront', async () => {
    const name = `Retired Lantern ${Date.now()}`;
    await employee.goto('/console/products/new');
    await employee.getByLabel('Name').fill(name);
    await employee.getByLabel('Category').fill('Outdoors');
    await employee.getByLabel(/^Price/).fill('12.5');
    await employee.getByLabel('Stock').fill('10');
    await employee.getByRole('button', { name: 'Create product' }).click();
    await employee.getByText('Product created.').waitFor();
    await employee.goto('/console/products');
    await employee.getByLabel('Search products').fill(name);
    await employee.getByRole('button', { name: 'Search' }).click();
    const row = employee.getByTestId('console-product-row').filter({ hasText: name });
    await row.getByText('$12.50').waitFor();
    await screenshot(employee, 'console-products');
    employee.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    await customer.goto(`/?q=${encodeURIComponent(name)}`);
    await eventually(customer, () => customer.getByText('No products match').isVisible());
  });

  test('an employee hides a review and it leaves the product page', async () => {
    await employee.goto('/console/reviews');
    const queued = employee.getByTestId('moderation-review').filter({ hasText: reviewTitle });
    await queued.waitFor();
    await screenshot(employee, 'console-reviews');
    await queued.getByRole('button', { name: 'Hide' }).click();
    await queued.waitFor({ state: 'detached' });
    await customer.goto('/');
    await customer.getByLabel('Search products').fill(product.search);
    await customer.getByRole('button', { name: 'Search', exact: true }).click();
    await customer.getByRole('link', { name: product.name }).click();
    await customer.locator('.rating-summary').waitFor();
    assert.equal(await customer.getByTestId('review').filter({ hasText: reviewTitle }).count(), 0);
  });

  test('the console is for staff only, and an admin can change roles', async () => {
    await customer.goto('/console');
    await customer.getByRole('heading', { name: 'Employees only' }).waitFor();
    const admin = await browser.newPage();
    await logIn(admin, demo.admin, '/console/users');
    const [response] = await Promise.all([
      admin.waitForResponse((r) => r.url().includes('/api/users/') && r.request().method() === 'PATCH'),
      admin.getByLabel(`Role of ${shopper.email}`).selectOption('employee'),
    ]);
    assert.equal(response.status(), 200);
    await screenshot(admin, 'console-users');
    const users = await apiAs<{ items: { email: string; role: string }[] }>(admin, '/api/users?limit=100');
    assert.equal(users.items.find((user) => user.email === shopper.email)?.role, 'employee');
  });

  test('the storefront fits a phone screen', async () => {
    const phone = await browser.newPage({ phone: true });
    await phone.goto('/');
    await phone.getByTestId('product-card').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await screenshot(phone, 'catalog-phone');
  });
});
