// The console's part of the browser journey: each step is one test of shop.test.ts, in order.
import assert from 'node:assert/strict';
import { apiAs, demo, eventually, logIn } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

/** An employee ships the paid order with carrier and tracking number, then delivers it. */
export async function shipAndDeliver(j: Journey): Promise<void> {
  // A paid order waits under "Paid" (the list opens on "Pending").
  await logIn(j.employee, demo.employee, '/console/orders');
  await j.employee.getByRole('link', { name: 'Paid', exact: true }).click();
  await j.employee.getByRole('link', { name: `#${j.orderId.slice(0, 8)}` }).click();
  await j.employee.getByLabel('Carrier').fill(j.shipment.carrier);
  await j.employee.getByLabel('Tracking number').fill(j.shipment.trackingNumber);
  await screenshot(j.employee, 'console-order-ship');
  await j.employee.getByRole('button', { name: 'Mark as shipped' }).click();
  await j.employee.getByRole('button', { name: 'Mark as out for delivery' }).click();
  await j.employee.getByRole('button', { name: 'Mark as delivered' }).click();
  await j.employee.getByText('nothing more to do').waitFor();
  await screenshot(j.employee, 'console-order');
}

/** An employee creates a product and a discount, and the storefront shows the discounted price. */
export async function createProductWithDiscount(j: Journey): Promise<void> {
  const name = `Copper Watering Can ${Date.now()}`;
  await j.employee.goto('/console/low-stock');
  await j.employee.getByTestId('console-product-row').filter({ hasText: 'Woven Storage Basket' }).waitFor();
  assert.equal(await j.employee.getByTestId('console-product-row').filter({ hasText: 'Cotton Socks' }).count(), 0);
  await screenshot(j.employee, 'console-low-stock');
  await j.employee.goto('/console/products/new');
  await j.employee.getByLabel('Name').fill(name);
  await j.employee.getByLabel('Description').fill('Hand-hammered copper, 2 litres.');
  await j.employee.getByLabel('Category').fill('Garden');
  await j.employee.getByLabel(/^Price/).fill('40.00');
  await j.employee.getByLabel('Stock').fill('3');
  await j.employee.getByLabel(/^Image URLs/).fill('/images/products/watering-can-5-l.svg');
  await j.employee.getByRole('button', { name: 'Create product' }).click();
  await j.employee.getByText('Product created.').waitFor();
  await j.employee.getByLabel('Percent off').fill('25');
  await j.employee.getByText('Price becomes $30.00').waitFor();
  await j.employee.getByRole('button', { name: 'Add discount' }).click();
  await j.employee.getByTestId('discount-row').filter({ hasText: '$30.00' }).waitFor();
  await screenshot(j.employee, 'console-product');

  await j.customer.goto(`/?q=${encodeURIComponent(name)}`);
  const card = j.customer.getByTestId('product-card').filter({ hasText: name });
  await eventually(j.customer, () => card.getByText('-25%').isVisible());
  assert.match((await card.textContent()) ?? '', /\$30\.00.*\$40\.00.*Only 3 left/s);
  await screenshot(j.customer, 'catalog-discount');

  await j.employee.getByTestId('discount-row').getByRole('button', { name: 'Edit' }).click();
  await j.employee.getByLabel('Percent off').fill('30');
  await j.employee.getByRole('button', { name: 'Save discount' }).click();
  await j.employee.getByTestId('discount-row').filter({ hasText: '$28.00' }).waitFor();
}

/** An employee deletes a product and it leaves the storefront. */
export async function deleteProduct(j: Journey): Promise<void> {
  const name = `Retired Lantern ${Date.now()}`;
  await j.employee.goto('/console/products/new');
  await j.employee.getByLabel('Name').fill(name);
  await j.employee.getByLabel('Category').fill('Outdoors');
  await j.employee.getByLabel(/^Price/).fill('12.5');
  await j.employee.getByLabel('Stock').fill('10');
  await j.employee.getByRole('button', { name: 'Create product' }).click();
  await j.employee.getByText('Product created.').waitFor();
  await j.employee.goto('/console/products');
  await j.employee.getByLabel('Search products').fill(name);
  await j.employee.getByRole('button', { name: 'Search' }).click();
  const row = j.employee.getByTestId('console-product-row').filter({ hasText: name });
  await row.getByText('$12.50').waitFor();
  await screenshot(j.employee, 'console-products');
  j.employee.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.waitFor({ state: 'detached' });
  await j.customer.goto(`/?q=${encodeURIComponent(name)}`);
  await eventually(j.customer, () => j.customer.getByText('No products match').isVisible());
}

/** An employee hides a review and it leaves the product page. */
export async function hideReview(j: Journey): Promise<void> {
  await j.employee.goto('/console/reviews');
  const queued = j.employee.getByTestId('moderation-review').filter({ hasText: j.reviewTitle });
  await queued.waitFor();
  await screenshot(j.employee, 'console-reviews');
  await queued.getByRole('button', { name: 'Hide' }).click();
  await queued.waitFor({ state: 'detached' });
  await j.customer.goto('/');
  await j.customer.getByLabel('Search products').fill(j.product.search);
  await j.customer.getByRole('button', { name: 'Search', exact: true }).click();
  await j.customer.getByRole('link', { name: j.product.name }).click();
  await j.customer.locator('.rating-summary').waitFor();
  assert.equal(await j.customer.getByTestId('review').filter({ hasText: j.reviewTitle }).count(), 0);
}

/** The console is for staff only, and an admin can change roles. */
export async function staffOnlyAndRoles(j: Journey): Promise<void> {
  await j.customer.goto('/console');
  await j.customer.getByRole('heading', { name: 'Employees only' }).waitFor();
  const admin = await j.browser.newPage();
  await logIn(admin, demo.admin, '/console/users');
  const [response] = await Promise.all([
    admin.waitForResponse((r) => r.url().includes('/api/users/') && r.request().method() === 'PATCH'),
    admin.getByLabel(`Role of ${j.shopper.email}`).selectOption('employee'),
  ]);
  assert.equal(response.status(), 200);
  await screenshot(admin, 'console-users');
  const users = await apiAs<{ items: { email: string; role: string }[] }>(admin, '/api/users?limit=100');
  assert.equal(users.items.find((user) => user.email === j.shopper.email)?.role, 'employee');
}
