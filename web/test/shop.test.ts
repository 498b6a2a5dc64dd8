// The storefront and the console in a real browser against the real platform (launcher, demo data):
// one journey of a customer and an employee, step by step, each step a test that needs the ones before.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { documentText, fetchDocument, savedDocumentPath } from '../scripts/api-types.ts';
import { launchBrowser, type Browser } from './browser.ts';
import * as accessSteps from './access.steps.ts';
import * as checkoutSteps from './checkout.steps.ts';
import * as consoleSteps from './console.steps.ts';
import * as mailSteps from './mail.steps.ts';
import * as paymentSteps from './payment.steps.ts';
import { newJourney, type Journey } from './journey.ts';
import { startPlatform, type Platform } from './platform.ts';
import * as securitySteps from './security.steps.ts';
import * as storeSteps from './store.steps.ts';

let platform: Platform;
let browser: Browser;
let journey: Journey;

/** A test that leaves screenshots of every open page behind when it fails. */
function step(name: string, body: (journey: Journey) => Promise<void>) {
  test(name, async () => {
    try {
      await body(journey);
    } catch (error) {
      await browser.captureFailure(name);
      throw error;
    }
  });
}

before(async () => {
  // EMPORIUM_TEST_URL points the tests at a platform that is already running (handy while developing).
  platform = process.env.EMPORIUM_TEST_URL
    ? { url: process.env.EMPORIUM_TEST_URL, log: [], stop: async () => undefined }
    : await startPlatform();
  browser = await launchBrowser(platform.url);
  journey = await newJourney(browser);
}, { timeout: 660_000 });

after(async () => {
  await browser?.close();
  await platform?.stop();
}, { timeout: 60_000 });

describe('storefront and console', { timeout: 900_000 }, () => {
  step("the OpenAPI document the UI's types are generated from is the one the gateway serves", async () => {
    const live = documentText(await fetchDocument(platform.url));
    assert.ok(live === readFileSync(savedDocumentPath, 'utf8'), `stale: run \`npm run api-types -w web -- ${platform.url}\``);
  });
  step('issue 21: each page that needs a login, opened signed out, shows the login form and then the page asked for', accessSteps.protectedPagesShowLogin);
  step('issue 21: Checkout from the cart, signed out, asks to log in and goes on to the checkout', accessSteps.checkoutFromCartShowsLogin);
  step('a visitor sees what is wrong next to the field it concerns', storeSteps.showsFieldErrors);
  step('a customer finds a product, keeps it in the cart across a reload and orders it once despite a double click', storeSteps.findAndOrderOnce);
  step('issue 16: on the pay step a mistyped, a declined, an unfunded and an expired card are refused with their reasons; 4242 pays once despite a double click and a lost answer, and the order becomes paid', paymentSteps.payAfterRefusals);
  step('issue 17: a new customer sees the reminder, asks for a new link and confirms the address with it', mailSteps.confirmEmail);
  step('issue 17: someone who forgot the password sets a new one from the emailed link and logs in with it; the link works once', mailSteps.resetForgottenPassword);
  step('finding 4: no token is kept where page scripts can read it, and a reload keeps the customer signed in', securitySteps.keepsTokensFromScripts);
  step('an expired or broken access token is renewed quietly with the refresh token', storeSteps.renewsTokenQuietly);
  step('an employee ships the order with carrier and tracking number, then delivers it', consoleSteps.shipAndDeliver);
  step("issue 17: the console's outgoing mail shows the order's placed, paid, shipped and delivered emails, each as the customer sees it", mailSteps.consoleShowsOrderMail);
  step('issue 16: another customer chooses a bank transfer, an employee confirms it in the console, and the order becomes paid', paymentSteps.bankTransferConfirmed);
  step("issue 16: an employee refunds part of the payment (never more than is left) and the customer's order page shows the refund", paymentSteps.refundPart);
  step('issue 16: cancelling the paid order in the console says what is refunded, and the customer gets the rest back', paymentSteps.cancelPaidOrder);
  step('issue 16: the pay step, an order\'s payment and the console\'s payments fit a phone screen', paymentSteps.paymentPagesFitPhone);
  step('the customer follows the timeline and reviews the product with a verified purchase badge', storeSteps.followTimelineAndReview);
  step('the next checkout offers the saved address, and a pending order can be cancelled', storeSteps.reuseAddressAndCancel);
  step('issue 15: a customer applies the demo code and picks a method, sees the numbers change, and the order page shows the same numbers', checkoutSteps.orderWithCodeAndMethod);
  step('issue 15: the cart, the checkout and my orders fit a phone screen', checkoutSteps.checkoutFitsPhone);
  step('issue 15: an employee creates a shipping method, a tax rate and a promotion code in the console', checkoutSteps.setUpCheckoutInConsole);
  step('issue 15: the console pages of shipping, tax rates and promotions fit a phone screen', checkoutSteps.consoleCheckoutFitsPhone);
  step('an employee creates a product and a discount, and the storefront shows the discounted price', consoleSteps.createProductWithDiscount);
  step('an employee deletes a product and it leaves the storefront', consoleSteps.deleteProduct);
  step('an employee hides a review and it leaves the product page', consoleSteps.hideReview);
  step('the console is for staff only, and an admin can change roles', consoleSteps.staffOnlyAndRoles);
  step('the storefront fits a phone screen', storeSteps.fitsPhone);
  step('issue 17: the pages of the emailed links fit a phone screen', mailSteps.accountMailPagesFitPhone);
  step('finding 4: the shop, the login page and /docs work under the Content-Security-Policy', securitySteps.worksUnderCsp);
});
