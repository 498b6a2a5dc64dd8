// What the steps of the browser journey share: the pages of the people involved and what they made.
import type { Page } from 'playwright-core';
import type { Browser } from './browser.ts';

export interface Journey {
  browser: Browser;
  /** A customer who registers during the journey. */
  customer: Page;
  /** The demo employee. */
  employee: Page;
  /** The order the customer places, once placed. */
  orderId: string;
  product: { name: string; search: string };
  shopper: { name: string; email: string; password: string };
  reviewTitle: string;
  shipment: { carrier: string; trackingNumber: string };
  /** The order another customer pays by bank transfer, and that customer's page. */
  transfer: { customer: Page | null; orderId: string };
}

export async function newJourney(browser: Browser): Promise<Journey> {
  const run = Date.now().toString(36);
  return {
    browser,
    customer: await browser.newPage(),
    employee: await browser.newPage(),
    orderId: '',
    product: { name: 'Electric Gooseneck Kettle', search: 'gooseneck' },
    shopper: { name: 'Robin Shopper', email: `robin-${run}@example.com`, password: 'correct-horse-1' },
    reviewTitle: `Pours like a dream (${run})`,
    shipment: { carrier: 'Parcel Express', trackingNumber: 'PX-2026-0042' },
    transfer: { customer: null, orderId: '' },
  };
}
