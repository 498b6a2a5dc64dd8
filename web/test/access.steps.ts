// Issue 21: pages that need a login, opened signed out, show the login form (they were blank or
// showed only the header), and signing in there lands on the page that was asked for.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demo } from './actions.ts';
import type { Journey } from './journey.ts';

const customer = { email: 'customer@emporium.test', password: 'customer-demo' };

/** Where each protected page should land after signing in, and what shows there. */
const protectedPages = [
  { path: '/console', heading: 'Products', account: demo.employee },
  { path: '/checkout', heading: 'Checkout', account: customer },
  { path: '/account', heading: 'Your account', account: customer },
  { path: '/orders', heading: 'My orders', account: customer },
];

async function opensLoginThenLands(page: Page, target: (typeof protectedPages)[number]): Promise<void> {
  await page.goto(target.path);
  await page.waitForURL((url) => url.pathname === '/login');
  assert.equal(new URL(page.url()).searchParams.get('next'), target.path);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByLabel('Email').fill(target.account.email);
  await page.getByLabel('Password').fill(target.account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === target.path);
  await page.getByRole('heading', { name: target.heading, level: 1 }).waitFor();
}

export async function protectedPagesShowLogin(j: Journey): Promise<void> {
  for (const target of protectedPages) {
    // A fresh context each time: signed out, no cookie, as a visitor following a link would be.
    const page = await j.browser.newPage();
    try {
      await opensLoginThenLands(page, target);
    } finally {
      await page.close();
    }
  }
}

/** The same from inside the shop: Checkout in the cart, signed out, on a phone. */
export async function checkoutFromCartShowsLogin(j: Journey): Promise<void> {
  const page = await j.browser.newPage({ phone: true });
  try {
    await page.goto('/');
    await page.getByTestId('product-card').first().getByRole('link').last().click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('button', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/checkout');
    await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  } finally {
    await page.close();
  }
}
