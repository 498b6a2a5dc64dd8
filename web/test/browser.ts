// Debian's chromium driven by playwright-core, and screenshots of the main pages.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface Browser {
  /** A page in a fresh context: its own localStorage, so its own cart and session. */
  newPage: (options?: { phone?: boolean }) => Promise<Page>;
  close: () => Promise<void>;
  /** Screenshots of every open page, named after the failing test, to see what went wrong. */
  captureFailure: (testName: string) => Promise<void>;
}

/** chromium.launch gives every run a fresh temporary profile (user-data dir), removed on close. */
export async function launchBrowser(baseURL: string): Promise<Browser> {
  // Failure pictures belong to the run that failed; a new run starts without them.
  if (existsSync(screenshotDir)) {
    for (const name of readdirSync(screenshotDir)) if (name.startsWith('failed-')) rmSync(join(screenshotDir, name));
  }
  const browser = await chromium.launch({ executablePath, headless: true, args });
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  return {
    async newPage(options = {}) {
      const viewport = options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 };
      const context = await browser.newContext({ baseURL, viewport });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      const page = await context.newPage();
      pages.push(page);
      return page;
    },
    async captureFailure(testName) {
      const slug = testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
      for (const [index, page] of pages.entries()) {
        if (!page.isClosed()) await screenshot(page, `failed-${slug}-${index}`).catch(() => undefined);
      }
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // From the top, so the sticky header sits where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
