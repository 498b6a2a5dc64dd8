// Issue 17 in the browser: the emails a customer gets (read from the shop's mailbox as an employee
// reads it), the pages their links lead to, and the console's outgoing mail.
import assert from 'node:assert/strict';
import type { ConsoleMessage, Page } from 'playwright-core';
import { apiAs, demo, eventually, logIn, register } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

interface Mail {
  id: string;
  template: string;
  subject: string;
  text: string;
  status: string;
}

/** The newest message of a kind to an address, once it is there (events reach notifications a moment later). */
async function newestMail(j: Journey, to: string, template: string, newerThan?: string): Promise<Mail> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await apiAs<{ items: Mail[] }>(j.employee, `/api/notifications?to=${encodeURIComponent(to)}`);
    const found = items.find((mail) => mail.template === template);
    if (found && found.id !== newerThan) return found;
    if (Date.now() > deadline) throw new Error(`no ${template} message to ${to}: ${items.map((m) => m.template).join(', ')}`);
    await j.employee.waitForTimeout(300);
  }
}

/** The path and query of the link in an email's text, e.g. `/verify-email?token=...`. */
function linkIn(mail: Mail, page: string): string {
  const match = new RegExp(`/${page}\\?token=[A-Za-z0-9_-]+`).exec(mail.text);
  assert.ok(match, `no ${page} link in ${mail.text}`);
  return match[0];
}

/** How far a page scrolls sideways (0 when it fits). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A new customer sees the reminder, asks for a new link and confirms the address with it; the first link then says so. */
export async function confirmEmail(j: Journey): Promise<void> {
  await logIn(j.employee, demo.employee, '/console');
  const first = await newestMail(j, j.shopper.email, 'verify_email');
  await j.customer.goto('/account');
  const banner = j.customer.getByRole('complementary', { name: 'Email address not confirmed' });
  await banner.getByText(j.shopper.email).waitFor();
  await j.customer.getByRole('heading', { name: 'Your account' }).waitFor();
  await screenshot(j.customer, 'verify-banner');
  const phone = await j.browser.newPage({ phone: true });
  await logIn(phone, j.shopper, '/account');
  await phone.getByRole('complementary', { name: 'Email address not confirmed' }).waitFor();
  await phone.getByRole('heading', { name: 'Your account' }).waitFor();
  assert.ok((await sideways(phone)) <= 0, 'the reminder fits a phone screen');
  await screenshot(phone, 'verify-banner-phone');
  await phone.close();
  await banner.getByRole('button', { name: 'Send a new link' }).click();
  await banner.getByText('A new link is on its way').waitFor();
  const second = await newestMail(j, j.shopper.email, 'verify_email', first.id);

  await j.customer.goto(linkIn(second, 'verify-email'));
  await j.customer.getByText('your email address is confirmed').waitFor();
  await screenshot(j.customer, 'verify-email');
  await j.customer.getByRole('link', { name: 'Continue shopping' }).click();
  await j.customer.getByTestId('product-card').first().waitFor();
  assert.equal(await banner.count(), 0, 'the reminder is gone once the address is confirmed');
  await j.customer.goto(linkIn(first, 'verify-email'));
  await j.customer.getByText(`Your email address ${j.shopper.email} is confirmed already`).waitFor();
  await j.customer.goto('/');
  await j.customer.getByTestId('product-card').first().waitFor();
  assert.equal(await banner.count(), 0, 'and stays gone after a reload');
}

/** Someone who forgot the password asks for a link, sets a new password with it and logs in; the link works once. */
export async function resetForgottenPassword(j: Journey): Promise<void> {
  const person = { name: 'Forgetful Fran', email: `fran-${Date.now().toString(36)}@example.com`, password: 'first-password-1' };
  const page = await j.browser.newPage();
  await register(page, person);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto('/login');
  await page.getByLabel('Email').fill(person.email);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
  assert.equal(await page.getByLabel('Email').inputValue(), person.email, 'the address typed at the login carries over');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await page.getByText(`If an account uses ${person.email}, we have sent it a link`).waitFor();
  await screenshot(page, 'forgot-password');

  const reset = linkIn(await newestMail(j, person.email, 'password_reset'), 'reset-password');
  await page.goto(reset);
  await page.getByLabel('New password', { exact: true }).fill('second-password-2');
  await page.getByLabel('Repeat the new password').fill('second-password-3');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByText('The two passwords are not the same.').waitFor();
  await page.getByLabel('Repeat the new password').fill('second-password-2');
  await screenshot(page, 'reset-password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByText('Your new password is set').waitFor();
  await screenshot(page, 'login-after-reset');

  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('That email and password do not match an account.').waitFor();
  await page.getByLabel('Password').fill('second-password-2');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('link', { name: 'My orders', exact: true }).waitFor();

  await page.goto(reset);
  await page.getByLabel('New password', { exact: true }).fill('third-password-3');
  await page.getByLabel('Repeat the new password').fill('third-password-3');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByText('This link does not work any more').waitFor();
  await page.getByRole('link', { name: 'Send me a new link' }).waitFor();
  await screenshot(page, 'reset-password-used');
  await page.close();
}

/** The console's outgoing mail shows the emails of the placed, paid, shipped and delivered order, each as the customer sees it. */
export async function consoleShowsOrderMail(j: Journey): Promise<void> {
  const order = j.orderId.slice(0, 8);
  const blocked: string[] = [];
  const watch = (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
  };
  j.employee.on('console', watch);
  await j.employee.goto('/console');
  await j.employee.getByRole('link', { name: 'Outgoing mail' }).click();
  await j.employee.getByLabel('Recipient').fill(j.shopper.email);
  await j.employee.getByRole('button', { name: 'Filter' }).click();
  const rows = j.employee.getByTestId('mail-row').filter({ hasText: order });
  const kinds = ['Order placed', 'Order paid', 'Order shipped', 'Order delivered'];
  await eventually(j.employee, async () => (await Promise.all(kinds.map((kind) => rows.filter({ hasText: kind }).count()))).every((n) => n > 0));
  for (const kind of kinds) assert.equal(await rows.filter({ hasText: kind }).count(), 1, `one "${kind}" email`);
  await screenshot(j.employee, 'console-mail');

  await rows.filter({ hasText: 'Order shipped' }).getByRole('link').click();
  const frame = j.employee.frameLocator('iframe.mail-frame');
  await frame.getByText(j.shipment.trackingNumber).waitFor();
  assert.match((await j.employee.locator('pre.mail-text').textContent()) ?? '', new RegExp(j.shipment.trackingNumber));
  const iframe = j.employee.locator('iframe.mail-frame');
  assert.equal(await iframe.getAttribute('sandbox'), '', 'the email runs no script and gets no access to the console');
  // Inline styles apply in the frame (the policy allows style attributes), so the email looks as sent.
  const background = await frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  assert.equal(background, 'rgb(244, 244, 245)');
  await screenshot(j.employee, 'console-mail-message');
  j.employee.off('console', watch);
  assert.deepEqual(blocked, [], 'nothing was blocked by the policy');

  const phone = await j.browser.newPage({ phone: true });
  await logIn(phone, demo.employee, `/console/mail`);
  await phone.getByLabel('Recipient').fill(j.shopper.email);
  await phone.getByRole('button', { name: 'Filter' }).click();
  await phone.getByTestId('mail-row').filter({ hasText: order }).first().waitFor();
  await screenshot(phone, 'console-mail-phone');
  await phone.getByTestId('mail-row').filter({ hasText: 'Order placed' }).getByRole('link').click();
  await phone.frameLocator('iframe.mail-frame').getByText(order).first().waitFor();
  assert.ok((await sideways(phone)) <= 0, 'the message fits a phone screen');
  await screenshot(phone, 'console-mail-message-phone');
  await phone.close();
}

/** The pages of the emailed links fit a phone screen. */
export async function accountMailPagesFitPhone(j: Journey): Promise<void> {
  const phone = await j.browser.newPage({ phone: true });
  for (const [path, heading, name] of [
    ['/forgot-password', 'Forgot your password?', 'forgot-password-phone'],
    ['/reset-password?token=not-a-real-token', 'Choose a new password', 'reset-password-phone'],
    ['/verify-email?token=not-a-real-token', 'Confirm your email address', 'verify-email-phone'],
  ]) {
    await phone.goto(path);
    await phone.getByRole('heading', { name: heading }).waitFor();
    if (path.startsWith('/verify-email')) await phone.getByText('This link does not work any more').waitFor();
    assert.ok((await sideways(phone)) <= 0, `${path} scrolls sideways`);
    await screenshot(phone, name);
  }
  await phone.close();
}
