// Issue 21 in the console: an order shows who placed it (name and email, not a UUID), staff find it by
// its number or the email, and a tracking number with a known carrier is a link that opens its page.
import assert from 'node:assert/strict';
import { demo, eventually, fillAddress, logIn, register } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';
import { screenshotBoth } from './storefront.steps.ts';

const parcel = { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' };
const upsPage = `https://www.ups.com/track?tracknum=${parcel.trackingNumber}`;

export async function consoleOrderShowsCustomer(j: Journey): Promise<void> {
  const run = Date.now().toString(36);
  const person = { name: 'Ola Nordmann', email: `ola-${run}@example.com`, password: 'correct-horse-3' };
  const customer = await j.browser.newPage();
  await register(customer, person);
  await customer.goto('/?q=socks');
  await customer.getByRole('button', { name: 'Add Cotton Socks (3 Pairs) to cart' }).click();
  await customer.goto('/checkout');
  await fillAddress(customer, { name: person.name, line1: '1 Congress Ave', city: 'Austin', postalCode: '78701', country: 'US' });
  await customer.getByTestId('breakdown-tax').filter({ hasText: /^\$/ }).waitFor();
  await customer.getByRole('button', { name: 'Place order' }).click();
  await customer.waitForURL(/\/orders\/[^/]+\/pay/);
  const orderId = decodeURIComponent(new URL(customer.url()).pathname.split('/')[2]);
  const number = `#${orderId.slice(0, 8)}`;
  // Paid on the pay step the order lands on, with the test card.
  await customer.getByLabel('Card number').fill('4242 4242 4242 4242');
  await customer.getByLabel('Expiry (MM/YY)').fill('12/34');
  await customer.getByLabel('CVC').fill('123');
  await customer.getByRole('button', { name: /^Pay \$/ }).click();
  await customer.waitForURL(/\/orders\/[^/]+\?paid=1$/);

  const staff = await j.browser.newPage();
  await logIn(staff, demo.employee, '/console/orders');
  // Found by the customer's email (any case), then by the first characters of the order number.
  await staff.getByLabel('Order number or email').fill(person.email.toUpperCase());
  await staff.getByRole('button', { name: 'Search', exact: true }).click();
  const row = staff.getByTestId('console-order-row').filter({ hasText: number });
  await row.filter({ hasText: person.name }).filter({ hasText: person.email }).waitFor();
  assert.equal(await staff.getByTestId('console-order-row').count(), 1);
  await screenshot(staff, 'console-orders-search');
  await staff.getByLabel('Order number or email').fill(orderId.slice(0, 6));
  await staff.getByRole('button', { name: 'Search', exact: true }).click();
  await staff.waitForURL((url) => url.searchParams.get('q') === orderId.slice(0, 6));
  await row.waitFor();
  await staff.getByLabel('Order number or email').fill('ab');
  await staff.getByRole('button', { name: 'Search', exact: true }).click();
  await staff.getByText('Enter an order number (its first 4 characters or more) or a whole email address.').waitFor();

  // The order itself: who, and once shipped with UPS, a tracking link that opens UPS's page.
  await staff.goto(`/console/orders/${orderId}`);
  const who = staff.getByTestId('order-customer');
  await who.filter({ hasText: person.name }).filter({ hasText: person.email }).waitFor();
  assert.doesNotMatch((await who.textContent()) ?? '', /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no raw customer id');
  await eventually(staff, () => staff.getByRole('button', { name: 'Mark as shipped' }).isVisible());
  await staff.getByLabel('Carrier').fill(parcel.carrier);
  await staff.getByLabel('Tracking number').fill(parcel.trackingNumber);
  await staff.getByRole('button', { name: 'Mark as shipped' }).click();
  const link = staff.getByTestId('tracking-link');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), upsPage);
  // The carrier's site is outside this machine: the browser's request to it is answered here, to prove the link opens it.
  await staff.context().route('https://www.ups.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>UPS Tracking</title>' }));
  const [popup] = await Promise.all([staff.waitForEvent('popup'), link.click()]);
  await popup.waitForLoadState();
  assert.equal(popup.url(), upsPage);
  assert.equal(await popup.title(), 'UPS Tracking');
  await popup.close();
  await screenshotBoth(staff, 'console-order', (page) => page.getByTestId('tracking-link').waitFor());

  // The customer's timeline links to the same page.
  await customer.goto(`/orders/${orderId}`);
  assert.equal(await customer.getByTestId('tracking-link').getAttribute('href'), upsPage);
  await customer.close();
  await staff.close();
}
