// Issue 14, finding 4 in the browser: tokens out of page scripts' reach, and the pages under the CSP.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

/** No token where page scripts can read it; a reload keeps the customer signed in through the httpOnly cookie. */
export async function keepsTokensFromScripts(j: Journey): Promise<void> {
  const readable = () =>
    j.customer.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  for (const moment of ['signed in', 'after a reload']) {
    const text = await readable();
    assert.doesNotMatch(text, /eyJ|accessToken|refreshToken|emporium_refresh|emporium\.session/, `${moment}: ${text}`);
    const cookie = (await j.customer.context().cookies()).find((c) => c.name === 'emporium_refresh');
    assert.ok(cookie, `${moment}: the refresh token is in its cookie`);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/api/auth');
    await j.customer.reload();
    await j.customer.getByRole('link', { name: 'My orders', exact: true }).waitFor();
  }
}

/** Collects what Chromium reports as blocked by the page's Content-Security-Policy. */
function violations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text());
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  return seen;
}

/** The shop, the login page and the API docs work under the CSP, and the CSP is there. */
export async function worksUnderCsp(j: Journey): Promise<void> {
  const page = await j.browser.newPage();
  const blocked = violations(page);
  const visits: [string, string, () => Promise<unknown>][] = [
    ['/', 'csp-shop', () => page.getByTestId('product-card').first().waitFor()],
    ['/login', 'csp-login', () => page.getByRole('button', { name: 'Log in' }).waitFor()],
    ['/docs', 'csp-docs', () => page.locator('.swagger-ui .opblock').first().waitFor()],
  ];
  for (const [url, name, loaded] of visits) {
    const response = await page.goto(url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/, url);
    assert.match(csp, /frame-ancestors 'none'/, url);
    assert.equal(response?.headers()['x-content-type-options'], 'nosniff', url);
    await loaded();
    await screenshot(page, name);
  }
  assert.deepEqual(blocked, [], 'nothing was blocked by the policy');
}
