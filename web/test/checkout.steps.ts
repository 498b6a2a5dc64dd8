// Issue 15 in the browser: a promotion code, a delivery option and tax priced by the shop as the customer
// chooses, the same figures on the order; and the console pages that set up methods, rates and codes.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, breakdownOf, demo, fillAddress, logIn } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

interface Money { amount: number; currency: string }
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
/** The contract's round-half-up of amount * bps / 10000, in integers. */
const share = (amount: number, basisPoints: number) => Math.floor((amount * basisPoints + 5_000) / 10_000);

async function addToCart(page: Page, search: string, name: string, quantity: number): Promise<Money> {
  const found = await apiAs<{ items: { name: string; discountedPrice: Money }[] }>(page, `/api/products?q=${encodeURIComponent(search)}`);
  const product = found.items.find((item) => item.name === name);
  assert.ok(product, `${name} is in the demo catalog`);
  await page.goto(`/?q=${encodeURIComponent(search)}`);
  await page.getByRole('link', { name }).first().click();
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText(new RegExp(`Added ${quantity} ×`)).waitFor();
  return product.discountedPrice;
}

/** Nothing on the page reaches past the screen's right edge. */
async function fitsWidth(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px`);
}

/** In the cart: an unknown code is refused with the reason, the demo code applies and takes 10% off. */
async function applyCodeInCart(page: Page, subtotal: number): Promise<void> {
  await page.goto('/cart');
  await page.getByTestId('breakdown-subtotal').filter({ hasText: dollars(subtotal) }).waitFor();
  const code = page.getByLabel('Promotion code');
  await code.fill('nope-404');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText(`We don't know the code "NOPE-404"`).waitFor();
  assert.equal(await page.getByTestId('breakdown-promotion').count(), 0);
  await code.fill('welcome10');
  await code.press('Enter');
  await page.getByText('Code WELCOME10 applied.').waitFor();
  assert.equal((await breakdownOf(page)).promotion, `-${dollars(share(subtotal, 1_000))}`);
  assert.equal((await breakdownOf(page)).shipping, 'At checkout');
  await screenshot(page, 'cart-promotion');
}

/** Picks a delivery option and waits until the breakdown shows its price. */
async function pickMethod(page: Page, name: string, shipping: string): Promise<Record<string, string>> {
  await page.getByTestId('shipping-method').filter({ hasText: name }).getByRole('radio').check();
  await page.getByTestId('breakdown-shipping').filter({ hasText: shipping }).waitFor();
  // The address is priced a moment after it is typed: until then the tax waits for it.
  await page.getByTestId('breakdown-tax').filter({ hasText: /^\$/ }).waitFor();
  return breakdownOf(page);
}

/** A customer applies the demo code, picks a method, sees the numbers change, and the order keeps them. */
export async function orderWithCodeAndMethod(j: Journey): Promise<void> {
  const page = j.customer;
  const unit = await addToCart(page, 'socks', 'Cotton Socks (3 Pairs)', 3);
  const subtotal = unit.amount * 3;
  await applyCodeInCart(page, subtotal);

  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('radio', { name: 'Another address' }).check();
  await fillAddress(page, { name: j.shopper.name, line1: '500 Congress Ave', city: 'Austin', postalCode: '78701', country: 'US' });
  const options = page.getByTestId('shipping-method');
  await options.filter({ hasText: 'Express' }).waitFor();
  assert.deepEqual((await options.allTextContents()).map((text) => text.split(/USPS|UPS|DHL/)[0]), ['Standard', 'Express', 'International']);

  // The independent arithmetic of the contract: 10% off, then Standard free over $50, then 8.25% US tax on the goods.
  const promotion = share(subtotal, 1_000);
  const goods = subtotal - promotion;
  const standardShipping = goods >= 5_000 ? 0 : 499;
  const tax = share(goods, 825);
  const express = await pickMethod(page, 'Express', '$14.99');
  assert.deepEqual(express, {
    subtotal: dollars(subtotal), promotion: `-${dollars(promotion)}`, shipping: '$14.99', tax: dollars(tax), total: dollars(goods + 1_499 + tax),
  });
  const standard = await pickMethod(page, 'Standard', standardShipping ? dollars(standardShipping) : 'Free');
  assert.equal(standard.total, dollars(goods + standardShipping + tax));
  assert.notEqual(standard.total, express.total, 'the total follows the delivery option');
  await screenshot(page, 'checkout-breakdown');

  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[^/]+\/pay\?placed=1$/);
  const orderId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  assert.deepEqual(await breakdownOf(page), standard, 'the pay step shows the figures the checkout showed');
  await page.getByRole('link', { name: 'Pay later: see your order' }).click();
  await page.getByTestId('payment-status').waitFor();
  assert.deepEqual(await breakdownOf(page), standard, 'and so does the order page');
  await screenshot(page, 'order-breakdown');

  await page.goto('/orders');
  const listed = await breakdownOf(page, `order-breakdown-${orderId}`);
  assert.deepEqual(listed, { subtotal: standard.subtotal, promotion: standard.promotion, shipping: standard.shipping, tax: standard.tax });
  await screenshot(page, 'orders-breakdown');
}

/** The cart, the checkout and the order at a phone's width, signed in. */
export async function checkoutFitsPhone(j: Journey): Promise<void> {
  const phone = await j.browser.newPage({ phone: true });
  try {
    await logIn(phone, j.shopper);
    await addToCart(phone, 'socks', 'Cotton Socks (3 Pairs)', 1);
    await phone.goto('/cart');
    await phone.getByTestId('breakdown').waitFor();
    await fitsWidth(phone, 'the cart');
    await screenshot(phone, 'cart-phone');
    await phone.getByRole('button', { name: 'Checkout' }).click();
    await phone.getByTestId('shipping-method').first().waitFor();
    // The saved UK address is chosen: International, and the tax of a country without a rate.
    await phone.getByTestId('breakdown-tax').filter({ hasText: '$0.00' }).waitFor();
    await fitsWidth(phone, 'the checkout');
    await screenshot(phone, 'checkout-phone');
    await phone.goto('/orders');
    await phone.getByTestId('order-row').first().waitFor();
    await fitsWidth(phone, 'my orders');
    await screenshot(phone, 'orders-phone');
  } finally {
    await phone.close();
  }
}

/** An employee creates a shipping method, a tax rate and a promotion code in the console. */
export async function setUpCheckoutInConsole(j: Journey): Promise<void> {
  const page = j.employee;
  const run = Date.now().toString(36).toUpperCase();
  await page.goto('/console/shipping');
  await page.getByRole('button', { name: 'New method' }).click();
  await page.getByLabel('Name').fill(`Maple Post ${run}`);
  await page.getByLabel('Carrier').fill('Canada Post');
  await page.getByLabel(/^Price/).fill('9.50');
  await page.getByLabel(/^Free over/).fill('100');
  await page.getByLabel(/^Fastest/).fill('2');
  await page.getByLabel(/^Slowest/).fill('6');
  await page.getByLabel('Countries').fill('Canada, mx');
  await page.getByText('Canada, Mexico').waitFor();
  await page.getByRole('button', { name: 'Create method' }).click();
  const method = page.getByTestId('shipping-method-row').filter({ hasText: `Maple Post ${run}` });
  await method.filter({ hasText: '2–6 business days' }).filter({ hasText: 'Canada (CA), Mexico (MX)' }).waitFor();
  assert.match((await method.textContent()) ?? '', /\$9\.50.*free over \$100\.00.*Active/);
  await method.getByRole('button', { name: 'Retire' }).click();
  await method.getByRole('button', { name: 'Activate' }).waitFor();
  assert.equal((await apiAs<{ items: { name: string }[] }>(page, '/api/shipping-methods?country=CA')).items.some((m) => m.name === `Maple Post ${run}`), false, 'a retired method is not offered');
  await method.getByRole('button', { name: 'Activate' }).click();
  await method.getByRole('button', { name: 'Retire' }).waitFor();
  assert.equal((await apiAs<{ items: { name: string }[] }>(page, '/api/shipping-methods?country=CA')).items.some((m) => m.name === `Maple Post ${run}`), true);
  await screenshot(page, 'console-shipping');

  await page.getByRole('link', { name: 'Tax rates' }).click();
  await page.getByTestId('tax-rate-row').filter({ hasText: 'United States (US)' }).filter({ hasText: '8.25%' }).waitFor();
  await page.getByLabel('Country').selectOption('CA');
  await page.getByLabel('Rate (%)').fill('5');
  await page.getByLabel('Shipping is taxed too').check();
  await page.getByRole('button', { name: 'Save rate' }).click();
  await page.getByTestId('tax-rate-row').filter({ hasText: 'Canada (CA)' }).filter({ hasText: '5%' }).filter({ hasText: 'Yes' }).waitFor();
  await screenshot(page, 'console-tax-rates');

  await page.getByRole('link', { name: 'Promotions' }).click();
  // The customer's order of the previous steps used the demo code.
  const welcome = page.getByTestId('promotion-row').filter({ hasText: 'WELCOME10' });
  assert.match((await welcome.textContent()) ?? '', /10% off/);
  const used = await welcome.locator('td').nth(4).textContent();
  assert.ok(Number(used) >= 1, `WELCOME10 used ${used} times`);
  await page.getByRole('button', { name: 'New code' }).click();
  await page.getByLabel('Code').fill(`spring-${run}`);
  await page.getByLabel('Type').selectOption('fixed');
  await page.getByLabel(/^Amount off/).fill('5');
  await page.getByLabel(/^Minimum order/).fill('30');
  await page.getByLabel('Total uses').fill('100');
  await page.getByLabel('Uses per customer').fill('1');
  await page.getByRole('button', { name: 'Create code' }).click();
  const spring = page.getByTestId('promotion-row').filter({ hasText: `SPRING-${run}` });
  await spring.waitFor();
  assert.match((await spring.textContent()) ?? '', /\$5\.00 off.*\$30\.00.*0 of 100.*1.*Active/);
  await spring.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel(/^Amount off/).fill('6');
  await page.getByRole('button', { name: 'Save code' }).click();
  await spring.filter({ hasText: '$6.00 off' }).waitFor();
  await screenshot(page, 'console-promotions');

  await page.getByRole('link', { name: 'Tax rates' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('tax-rate-row').filter({ hasText: 'Canada (CA)' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('tax-rate-row').filter({ hasText: 'Canada (CA)' }).waitFor({ state: 'detached' });
}

/** The three console pages at a phone's width. */
export async function consoleCheckoutFitsPhone(j: Journey): Promise<void> {
  const phone = await j.browser.newPage({ phone: true });
  try {
    await logIn(phone, demo.employee, '/console/shipping');
    for (const [path, name] of [['/console/shipping', 'shipping-method-row'], ['/console/tax-rates', 'tax-rate-row'], ['/console/promotions', 'promotion-row']]) {
      await phone.goto(path);
      await phone.getByTestId(name).first().waitFor();
      await fitsWidth(phone, path);
      await screenshot(phone, `console-${path.split('/').pop()}-phone`);
    }
  } finally {
    await phone.close();
  }
}
