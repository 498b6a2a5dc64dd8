// Issue 21 in the browser: a cart that knows the stock, a checkout that keeps what was typed, messages in
// the shop's words, not-found pages, and screenshots of the main pages at desktop and phone widths.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, fillAddress, register } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

interface Listed { id: string; name: string; stock: number }

/** A demo product with a few units left (read now: other steps and the demo story may have sold some). */
async function lowStockProduct(page: Page): Promise<Listed> {
  await page.goto('/');
  const found = await apiAs<{ items: Listed[] }>(page, '/api/products?limit=100&sort=name');
  const product = found.items.find((item) => item.stock >= 2 && item.stock <= 5);
  assert.ok(product, 'the demo catalog has a product with 2 to 5 left');
  return product;
}

/** Validator words that must never reach a shopper. */
const RAW = /pattern|must (match|NOT|be [<>])|\b1 characters|\^\[/;

async function messageOf(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  await page.locator('input[aria-invalid="true"]').first().waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true', `${label} is marked`);
  const text = (await page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).textContent()) ?? '';
  assert.doesNotMatch(text, RAW, text);
  return text;
}

/** Screenshots of the page at 1280 and 390 px wide (the same page, so the same cart), every lazy picture loaded. */
export async function screenshotBoth(page: Page, name: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 844 });
    await ready(page);
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 500) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${width}px`);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Adding beyond the stock: the product page, the cart's quantity box and a cart from before all stay within it. */
export async function addBeyondStock(j: Journey): Promise<void> {
  const page = await j.browser.newPage();
  const product = await lowStockProduct(page);
  const left = product.stock;
  await page.goto(`/products/${product.id}`);
  await page.getByLabel('Quantity').fill(String(left));
  await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
  await page.getByText(`Added ${left} × ${product.name}`).waitFor();
  await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
  await page.getByText(`Only ${left} left, and all ${left} are in your cart already.`).waitFor();

  await page.goto('/cart');
  const box = page.getByLabel(`Quantity of ${product.name}`);
  assert.equal(await box.inputValue(), String(left), `not ${left * 2} of a ${left}-in-stock product`);
  await box.fill('50');
  await page.getByTestId('stock-note').filter({ hasText: `Only ${left} left — we set your quantity to ${left}.` }).waitFor();
  await box.blur();
  assert.equal(await box.inputValue(), String(left));

  // A cart kept from an earlier visit asks for more than is left: the cart fits it when it opens.
  await page.evaluate(() => {
    const lines = JSON.parse(localStorage.getItem('emporium.cart') ?? '[]') as { quantity: number; stock?: number }[];
    localStorage.setItem('emporium.cart', JSON.stringify(lines.map((line) => ({ ...line, quantity: 40, stock: undefined }))));
  });
  await page.reload();
  await page.getByTestId('stock-note').filter({ hasText: `Only ${left} left — we set your quantity to ${left}.` }).waitFor();
  assert.equal(await page.getByLabel(`Quantity of ${product.name}`).inputValue(), String(left));
  await screenshotBoth(page, 'cart', (shot) => shot.getByTestId('stock-note').first().waitFor());

  // 0 takes the line out (it used to become 1), and Undo puts it back.
  await page.getByLabel(`Quantity of ${product.name}`).fill('0');
  await page.getByText(`Removed ${product.name} from your cart.`).waitFor();
  assert.equal(await page.getByTestId('cart-line').count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.getByLabel(`Quantity of ${product.name}`).inputValue(), String(left));
  await page.close();
}

/** Type an address, go back to the cart, return: the address is still there; a missing city says so in words. */
export async function checkoutKeepsTyping(j: Journey): Promise<void> {
  const page = await j.browser.newPage();
  const run = Date.now().toString(36);
  await register(page, { name: 'Kim Draft', email: `kim-${run}@example.com`, password: 'correct-horse-2' });
  await page.goto('/?q=socks');
  await page.getByRole('button', { name: 'Add Cotton Socks (3 Pairs) to cart' }).click();
  await page.getByText('Added 1 × Cotton Socks (3 Pairs) to your cart.').waitFor();
  await page.goto('/checkout');
  await fillAddress(page, { name: 'Kim Draft', line1: '7 Quay Road', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' });
  await page.getByRole('link', { name: 'Back to cart' }).click();
  await page.getByRole('heading', { name: 'Your cart' }).waitFor();
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Address', { exact: true }).inputValue(), '7 Quay Road');
  assert.equal(await page.getByLabel('City').inputValue(), 'Bristol');
  assert.equal(await page.getByLabel('Country', { exact: true }).inputValue(), 'GB');
  await page.goBack();
  await page.goForward();
  assert.equal(await page.getByLabel('Postal code').inputValue(), 'BS1 4DJ', 'kept across history steps too');

  await page.getByLabel('City').fill('');
  await page.getByRole('button', { name: 'Place order' }).click();
  assert.equal(await messageOf(page, 'City'), 'Enter the city.');
  await page.close();
}

/** Every validation message a shopper meets is in the shop's words, next to its field. */
export async function humanMessages(j: Journey): Promise<void> {
  const page = await j.browser.newPage();
  await page.goto('/register');
  const fill = async (name: string, email: string, password: string) => {
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
  };
  const ok = `words-${Date.now().toString(36)}@example.com`;
  await fill('   ', ok, 'long-enough-1');
  assert.equal(await messageOf(page, 'Name'), 'Enter a name.');
  await fill('Wren', 'wren@', 'long-enough-1');
  assert.equal(await messageOf(page, 'Email'), 'Enter an email address like name@example.com.');
  await fill('Wren', ok, 'short');
  assert.equal(await messageOf(page, 'Password'), 'Use at least 8 characters for your password.');

  // A price range upside down says so beside the fields, from a typed range and from a shared link.
  await page.goto('/?min=50&max=10');
  assert.equal(await messageOf(page, 'Min'), 'The lowest price is above the highest. Swap them or change one.');
  await page.getByTestId('product-card').first().waitFor();
  assert.equal(await page.getByText('Please correct the highlighted fields').count(), 0);

  // Unknown product and order: a not-found page, not "Try again".
  await page.goto('/products/no-such-product');
  await page.getByRole('heading', { name: 'Product not found' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0);
  await page.goto('/no/such/page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.close();
}

/** The home page and a product page, as a shopper sees them, at both widths. */
export async function storefrontScreenshots(j: Journey): Promise<void> {
  const page = await j.browser.newPage();
  await page.goto('/');
  await screenshotBoth(page, 'home', async (shot) => {
    await shot.getByTestId('product-card').first().waitFor();
    await shot.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: /Kitchen/ }).waitFor();
    await shot.getByTestId('result-count').waitFor();
  });
  const kettle = (await apiAs<{ items: Listed[] }>(page, '/api/products?q=gooseneck')).items[0];
  await page.goto(`/products/${kettle.id}`);
  await screenshotBoth(page, 'product', async (shot) => {
    await shot.getByTestId('shipping-note').getByText('Standard').waitFor();
    await shot.getByRole('heading', { name: 'More in Kitchen' }).waitFor();
  });
  // The picture opens full size.
  await page.getByTestId('gallery-zoom').click();
  await page.getByRole('dialog').getByRole('img', { name: kettle.name }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.close();
}
