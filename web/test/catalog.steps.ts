// Issue 20 in the browser: the console's CSV import (check, then import with progress), and the storefront's
// type-ahead suggestions, facet counts and "did you mean".
import assert from 'node:assert/strict';
import { demo, logIn } from './actions.ts';
import { screenshot } from './browser.ts';
import type { Journey } from './journey.ts';

const run = Date.now().toString(36);
const CSV = [
  'sku,name,description,category,price,stock,images,links',
  `IMP-${run}-1,Imported Enamel Teapot ${run},"Holds 1.2 litres, enamel on steel",Kitchen,34.50,50,/images/products/electric-gooseneck-kettle.svg,`,
  `IMP-${run}-2,Imported Linen Napkins ${run},Set of four,Home,18,40,,`,
  `IMP-${run}-3,,A row without a name,Home,5,1,,`,
  `IMP-${run}-4,Priced in euros ${run},Not this shop's currency,Home,€9.99,1,,`,
].join('\n');

/** An employee checks a CSV file (dry run: counts and the bad rows), imports it, and the shop has the products. */
export async function importFromConsole(j: Journey): Promise<void> {
  await logIn(j.employee, demo.employee, '/console/import');
  await j.employee.getByLabel('CSV file').setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await j.employee.getByRole('button', { name: 'Check file' }).click();
  await j.employee.getByText('Check (nothing written yet)').waitFor();
  const summary = (await j.employee.locator('.import-summary').textContent()) ?? '';
  assert.match(summary, /4 rows read: 2 products would be created, 0 would be updated, 2 rows have errors/);
  const errors = j.employee.locator('.import-errors tbody tr');
  assert.equal(await errors.count(), 2);
  assert.match((await errors.nth(0).textContent()) ?? '', /3name.*name is required/);
  assert.match((await errors.nth(1).textContent()) ?? '', /4price.*in EUR; this shop sells in USD only/);
  await screenshot(j.employee, 'console-import-check');
  await j.employee.getByRole('button', { name: 'Import 2 products' }).click();
  await j.employee.getByText('Import finished.').waitFor();
  assert.match((await j.employee.locator('.import-summary').textContent()) ?? '', /2 products were created/);
  await screenshot(j.employee, 'console-import-done');

  await j.customer.goto(`/?q=${encodeURIComponent(`enamel teapot ${run}`)}`);
  await j.customer.getByTestId('product-card').filter({ hasText: `Imported Enamel Teapot ${run}` }).waitFor();
}

/** A shopper sees suggestions while typing and opens one with the keyboard; facets count beside the filters. */
export async function suggestionsAndFacets(j: Journey): Promise<void> {
  await j.customer.goto('/');
  const box = j.customer.getByRole('combobox', { name: 'Search products' });
  await box.pressSequentially('gooseneck ket', { delay: 30 });
  const option = j.customer.getByRole('option', { name: 'Electric Gooseneck Kettle' });
  await option.waitFor();
  await screenshot(j.customer, 'search-suggestions');
  await box.press('ArrowDown');
  await box.press('Enter');
  await j.customer.waitForURL((url) => url.pathname.startsWith('/products/'));
  await j.customer.getByRole('heading', { name: 'Electric Gooseneck Kettle' }).waitFor();

  await j.customer.goto('/?q=kettle');
  await j.customer.getByRole('list', { name: 'Price ranges' }).waitFor();
  assert.match((await j.customer.getByLabel('Category').textContent()) ?? '', /Kitchen \(1\)/);
  assert.equal(await j.customer.getByLabel('Sort by').inputValue(), '', 'a search is ordered by best match');
  await screenshot(j.customer, 'catalog-facets');

  // Both words are the catalog's, but no product has both; the misspelled one is offered spelled right.
  await j.customer.goto('/?q=goosneck%20socks');
  await j.customer.getByText('Did you mean').waitFor();
  await j.customer.getByRole('link', { name: '“gooseneck socks”' }).waitFor();
  await screenshot(j.customer, 'catalog-did-you-mean');
}
