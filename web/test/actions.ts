// What a person does in the UI, as small steps the browser tests put together.
import type { Page } from 'playwright-core';

export const demo = {
  employee: { email: 'employee@emporium.test', password: 'employee-demo' },
  admin: { email: 'admin@emporium.test', password: 'admin-demo' },
};

export async function logIn(page: Page, account: { email: string; password: string }, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

export async function register(page: Page, person: { name: string; email: string; password: string }): Promise<void> {
  await page.goto('/register');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/**
 * Calls the public API as the person signed in on this page. Their access token lives in the page's
 * memory only, so a fresh one comes from the session cookie, in turn with the page's own refreshes.
 */
export async function apiAs<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (target) => {
    // Inline, not a named function: the test's compiler would wrap a name in a helper the page lacks.
    const session = await navigator.locks.request('emporium.refresh', () =>
      fetch('/api/auth/refresh', { method: 'POST', headers: { 'x-emporium-session': 'cookie' } }),
    );
    const { accessToken } = session.ok ? ((await session.json()) as { accessToken: string }) : { accessToken: null };
    const response = await fetch(target, { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
    if (!response.ok) throw new Error(`${target} answered ${response.status}`);
    return response.json();
  }, path) as Promise<T>;
}

/**
 * Reloads until the check passes: for what other services learn through events, a moment later. After
 * each load the check is polled for a while: the page asks for its data only once its script runs, so
 * judging it the moment it loads (and reloading before looking again) could miss the answer forever.
 */
export async function eventually(page: Page, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lookUntil = Date.now() + 2_000;
    do {
      if (await check().catch(() => false)) return;
      await page.waitForTimeout(200);
    } while (Date.now() < lookUntil);
    if (Date.now() > deadline) throw new Error('the page never showed the expected change');
    await page.reload();
  }
}

export async function fillAddress(page: Page, address: { name: string; line1: string; city: string; postalCode: string; country: string }) {
  await page.getByLabel('Full name').fill(address.name);
  await page.getByLabel('Address', { exact: true }).fill(address.line1);
  await page.getByLabel('City').fill(address.city);
  await page.getByLabel('Postal code').fill(address.postalCode);
  // A select of countries: its option's value is the code, its label the name.
  await page.getByLabel('Country', { exact: true }).selectOption(address.country);
}

/** The figures a Breakdown shows, row by row: {subtotal: "$60.00", shipping: "Free", ...}. */
export async function breakdownOf(page: Page, testId = 'breakdown'): Promise<Record<string, string>> {
  const box = page.getByTestId(testId);
  await box.waitFor();
  const figures: Record<string, string> = {};
  for (const key of ['subtotal', 'promotion', 'shipping', 'tax', 'total']) {
    const cell = box.getByTestId(`${testId}-${key}`);
    if (await cell.count()) figures[key] = ((await cell.textContent()) ?? '').trim();
  }
  return figures;
}
