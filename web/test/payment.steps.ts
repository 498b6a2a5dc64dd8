// Issue 16 in the browser: the customer pays on the pay step (refused cards first, never charged twice),
// a bank transfer an employee confirms in the console, refunds, and a paid order cancelled.
import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import { apiAs, demo, eventually, fillAddress, logIn, register } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

interface Payment {
  id: string;
  provider: string;
  status: string;
  failureCode: string | null;
  amount: { amount: number };
  refundedAmount: { amount: number };
  card: { brand: string; last4: string } | null;
}

const paymentsOf = async (page: Page, orderId: string) => (await apiAs<{ items: Payment[] }>(page, `/api/payments?orderId=${orderId}`)).items;
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const orderIdIn = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);

/** Types a card into the pay step and presses Pay. */
async function payWith(page: Page, card: { number: string; expiry?: string }): Promise<void> {
  await page.getByLabel('Card number').fill(card.number);
  await page.getByLabel('Expiry (MM/YY)').fill(card.expiry ?? '12/34');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay \$/ }).click();
}

/** The Idempotency-Key of every payment the page asks for. */
function watchPayments(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/payments') keys.push(request.headers()['idempotency-key']);
  });
  return keys;
}

/**
 * On the pay step the order just placed lands on: a mistyped number, a declined card, one without funds and
 * an expired one, each refused with its reason; then 4242, double-clicked, whose answer is lost on the way
 * back: "Try again" sends the same attempt, the shop replays its answer, and the card is charged once.
 */
export async function payAfterRefusals(j: Journey): Promise<void> {
  const page = j.customer;
  await page.getByRole('heading', { name: 'Pay for your order' }).waitFor();
  await page.getByText('4242 4242 4242 4242').waitFor();
  await screenshot(page, 'pay');
  const keys = watchPayments(page);

  await payWith(page, { number: '4242 4242 4242 4241' });
  await page.locator('.field-error').filter({ hasText: 'This card number is not valid. Please check it.' }).waitFor();
  assert.equal(await page.getByLabel('Card number').getAttribute('aria-invalid'), 'true');
  await payWith(page, { number: '4000 0000 0000 0002' });
  await page.getByRole('alert').filter({ hasText: 'Your card was declined. Please try another card' }).waitFor();
  await screenshot(page, 'pay-declined');
  await payWith(page, { number: '4000000000009995' });
  await page.getByRole('alert').filter({ hasText: 'there are not enough funds on it' }).waitFor();
  await payWith(page, { number: '4242 4242 4242 4242', expiry: '01/20' });
  await page.getByRole('alert').filter({ hasText: 'This card has expired' }).waitFor();
  assert.equal(new Set(keys).size, 4, 'each attempt has its own key');

  // The shop takes the payment, but its answer never reaches the browser.
  let lost = false;
  await page.route('**/api/payments', async (route) => {
    if (lost) return route.continue();
    lost = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByLabel('Expiry (MM/YY)').fill('12/34');
  await page.getByRole('button', { name: /^Pay \$/ }).dblclick();
  await page.getByText('Could not reach the shop').waitFor();
  assert.equal(keys.length, 5, 'the double click sent one request');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.waitForURL(/\/orders\/[^/]+\?paid=1$/);
  await page.unroute('**/api/payments');
  assert.equal(keys[5], keys[4], 'the retry sends the same attempt again');

  await page.getByText('Thank you! Your payment is received.').waitFor();
  // The order hears of the payment by an event: the page asks again until it says paid, without a reload.
  // Named as the emails name it (their subjects carry the first 8 characters of the id).
  await page.getByRole('heading', { name: new RegExp(`#${j.orderId.slice(0, 8)}.*Paid`) }).waitFor({ timeout: 15_000 });
  const status = page.getByTestId('payment-status');
  await status.getByText(/Paid \$[\d.,]+ by Visa ending 4242/).waitFor();
  assert.match((await page.locator('[aria-current="step"]').textContent()) ?? '', /Paid/);
  await screenshot(page, 'order-paid');
  const payments = await paymentsOf(page, j.orderId);
  assert.deepEqual(payments.map((p) => p.failureCode ?? p.status), ['card_declined', 'insufficient_funds', 'expired_card', 'succeeded']);
}

/** Another customer chooses a bank transfer; an employee confirms it arrived, and the order becomes paid. */
export async function bankTransferConfirmed(j: Journey): Promise<void> {
  const page = await j.browser.newPage();
  j.transfer.customer = page;
  await register(page, { name: 'Sam Transfer', email: `sam-${Date.now().toString(36)}@example.com`, password: 'transfer-pass-1' });
  await page.goto('/?q=socks');
  await page.getByRole('link', { name: 'Cotton Socks (3 Pairs)' }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.goto('/checkout');
  await fillAddress(page, { name: 'Sam Transfer', line1: '1 Main St', city: 'Boston', postalCode: '02108', country: 'US' });
  await page.getByTestId('breakdown-tax').filter({ hasText: /^\$/ }).waitFor();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/pay\?placed=1$/);
  j.transfer.orderId = orderIdIn(page);
  await page.getByRole('radio', { name: /Bank transfer/ }).check();
  await page.getByText(j.transfer.orderId).waitFor();
  await page.getByText('up to 7 days').waitFor();
  await screenshot(page, 'pay-transfer');
  await page.getByRole('button', { name: 'Pay by bank transfer' }).click();
  await page.waitForURL(/\?transfer=1$/);
  await page.getByTestId('payment-status').getByText('Bank transfer awaiting confirmation').waitFor();
  await screenshot(page, 'order-transfer');

  await j.employee.goto('/console/orders?status=pending');
  await j.employee.getByRole('link', { name: `#${j.transfer.orderId.slice(0, 8)}` }).click();
  const row = j.employee.getByTestId('payment-row');
  await row.filter({ hasText: 'Bank transfer' }).filter({ hasText: 'Pending' }).waitFor();
  await screenshot(j.employee, 'console-order-transfer');
  await row.getByRole('button', { name: 'Confirm payment received' }).click();
  await row.filter({ hasText: 'Succeeded' }).waitFor();
  // The order follows by event; the console page asks again until it shows.
  await j.employee.getByRole('heading', { name: /Paid/ }).waitFor({ timeout: 15_000 });
  await j.employee.getByRole('button', { name: 'Mark as shipped' }).waitFor();

  await eventually(page, () => page.getByTestId('payment-status').getByText(/Paid \$[\d.,]+ by bank transfer/).isVisible());
  await page.getByRole('heading', { name: /Paid/ }).waitFor();
}

/**
 * An employee refunds part of the transfer; a second one refunds meanwhile, so the first one's form asks
 * for more than is left and shows the shop's refusal. The customer's order page shows what came back.
 */
export async function refundPart(j: Journey): Promise<void> {
  const staff = j.employee;
  const [payment] = await paymentsOf(staff, j.transfer.orderId);
  const row = staff.getByTestId('payment-row');
  await row.getByRole('button', { name: 'Refund' }).click();
  const form = staff.getByRole('form', { name: 'Refund' });
  assert.equal(await form.getByLabel('Amount (USD)').inputValue(), (payment.amount.amount / 100).toFixed(2), 'the rest is offered');
  await form.getByLabel('Amount (USD)').fill('5');
  await form.getByLabel('Reason (optional)').fill('One pair arrived torn');
  await form.getByRole('button', { name: 'Refund' }).click();
  await staff.getByText('Refunded $5.00 of the bank transfer payment.').waitFor();
  await row.getByTestId('payment-refunded').filter({ hasText: '$5.00' }).waitFor();

  await row.getByRole('button', { name: 'Refund' }).click();
  const rest = payment.amount.amount - 500;
  assert.equal(await form.getByLabel('Amount (USD)').inputValue(), (rest / 100).toFixed(2));
  const other = await j.browser.newPage({ phone: true });
  await logIn(other, demo.employee, `/console/orders/${j.transfer.orderId}`);
  await other.getByTestId('payment-row').getByRole('button', { name: 'Refund' }).click();
  const otherForm = other.getByRole('form', { name: 'Refund' });
  await otherForm.getByLabel('Amount (USD)').fill('1.00');
  await otherForm.getByRole('button', { name: 'Refund' }).click();
  await other.getByText('Refunded $1.00').waitFor();
  await screenshot(other, 'console-refund-phone');
  await other.close();
  await form.getByRole('button', { name: 'Refund' }).click();
  await form.getByText(`Only ${dollars(rest - 100)} of this payment is left to refund.`).waitFor();
  await row.getByTestId('payment-refunded').filter({ hasText: '$6.00' }).waitFor();
  await screenshot(staff, 'console-refund-refused');

  const customer = j.transfer.customer!;
  await eventually(customer, () => customer.getByTestId('payment-refund').getByText(`Refunded $6.00 of ${dollars(payment.amount.amount)}`).isVisible());
  await screenshot(customer, 'order-refund');
}

/** Cancelling the paid order in the console says the rest is refunded; the customer then sees it all back. */
export async function cancelPaidOrder(j: Journey): Promise<void> {
  const staff = j.employee;
  const [payment] = await paymentsOf(staff, j.transfer.orderId);
  const left = payment.amount.amount - payment.refundedAmount.amount;
  const question = new Promise<string>((resolve) => staff.once('dialog', (dialog) => {
    resolve(dialog.message());
    void dialog.accept();
  }));
  await staff.getByRole('button', { name: 'Cancel order' }).click();
  assert.match(await question, new RegExp(`paid order.*\\${dollars(left)} will be refunded to the customer`));
  await staff.getByRole('heading', { name: /Cancelled/ }).waitFor();
  await eventually(staff, () => staff.getByTestId('payment-refunded').filter({ hasText: dollars(payment.amount.amount) }).isVisible());
  const customer = j.transfer.customer!;
  await eventually(customer, () => customer.getByText(`Refunded in full: ${dollars(payment.amount.amount)}`).isVisible());
  await screenshot(customer, 'order-refunded-in-full');
}

/** The pay step, an order's payment and the console's payments at a phone's width. */
export async function paymentPagesFitPhone(j: Journey): Promise<void> {
  const phone = await j.browser.newPage({ phone: true });
  const sideways = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  try {
    await logIn(phone, j.shopper, `/orders/${j.orderId}`);
    await phone.getByTestId('payment-status').getByText(/by Visa ending 4242/).waitFor();
    await screenshot(phone, 'order-paid-phone');
    assert.ok((await sideways()) <= 0, 'the paid order fits');
    await phone.goto('/?q=socks');
    await phone.getByRole('link', { name: 'Cotton Socks (3 Pairs)' }).click();
    await phone.getByRole('button', { name: 'Add to cart' }).click();
    await phone.goto('/checkout');
    await phone.getByTestId('breakdown-tax').filter({ hasText: /^\$/ }).waitFor();
    await phone.getByRole('button', { name: 'Place order' }).click();
    await phone.waitForURL(/\/pay\?placed=1$/);
    await phone.getByLabel('Card number').waitFor();
    await screenshot(phone, 'pay-phone');
    assert.ok((await sideways()) <= 0, 'the pay step fits');
    await phone.getByRole('radio', { name: /Bank transfer/ }).check();
    await screenshot(phone, 'pay-transfer-phone');
    assert.ok((await sideways()) <= 0, 'the bank transfer fits');
    await phone.getByRole('link', { name: 'Pay later: see your order' }).click();
    await phone.getByRole('link', { name: 'Pay now' }).waitFor();
    await screenshot(phone, 'order-unpaid-phone');
    const staff = await j.browser.newPage({ phone: true });
    await logIn(staff, demo.employee, `/console/orders/${j.transfer.orderId}`);
    await staff.getByTestId('payment-row').first().waitFor();
    await screenshot(staff, 'console-order-payments-phone');
    assert.ok(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the console order fits');
    await staff.close();
  } finally {
    await phone.close();
  }
}
