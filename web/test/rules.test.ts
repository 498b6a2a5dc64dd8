// The UI's pure rules: money typed by people, the contract's rounding, the cart, and problem+json in plain words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../src/api/client.ts';
import { describeError, fieldErrorsOf, fieldKey } from '../src/api/errors.ts';
import { addedText, addLine, cartCount, fitToStock, removeLine, restoreLine, setLineQuantity, stockNoteText, type CartLine } from '../src/cart/cart.ts';
import { cartTotals, lineTotal, priceLines, quoteKey } from '../src/cart/pricing.ts';
import { deliveryDays, isAddressComplete, methodPrice, refusalMessage, refusalOf } from '../src/cart/checkout.ts';
import { cleanAddress } from '../src/components/AddressFields.tsx';
import { breakdownRows } from '../src/components/Breakdown.tsx';
import { trackingUrl } from '../src/carriers.ts';
import { countryCode, countryList } from '../src/countries.ts';
import { discountedAmount, formatMoney, moneyInputText, parseMoneyInput, safeUrl } from '../src/format.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const line = (productId: string, quantity: number): CartLine => ({
  productId, name: productId, image: null, quantity, unitPrice: usd(1000), unitDiscountedPrice: usd(1000),
});

describe('money typed into a form', () => {
  test('prices become integer minor units without floating point', () => {
    assert.equal(parseMoneyInput('19.99', 'USD'), 1999);
    assert.equal(parseMoneyInput('0.1', 'USD'), 10);
    assert.equal(parseMoneyInput('1,299.5', 'USD'), 129950);
    assert.equal(parseMoneyInput('40', 'USD'), 4000);
    assert.equal(parseMoneyInput('1500', 'JPY'), 1500);
  });

  test('anything that is not a price is refused', () => {
    for (const text of ['', 'abc', '-1', '1.999', '1e3', '12.5.0']) assert.equal(parseMoneyInput(text, 'USD'), null, text);
    assert.equal(parseMoneyInput('1.5', 'JPY'), null);
  });

  test('minor units read back as the text a person typed', () => {
    assert.equal(moneyInputText(1999, 'USD'), '19.99');
    assert.equal(moneyInputText(5, 'USD'), '0.05');
    assert.equal(formatMoney(usd(3000)), '$30.00');
  });
});

describe('discount preview', () => {
  test('follows the contract: round-half-up(amount * (100 - percent) / 100)', () => {
    assert.equal(discountedAmount(4000, 25), 3000);
    assert.equal(discountedAmount(999, 33.33), 666); // 666.0333 rounds down
    assert.equal(discountedAmount(1, 50), 1); // 0.5 rounds up
    assert.equal(discountedAmount(1999, 12.5), 1749); // 1749.125
  });
});

describe('cart', () => {
  test('adding a product twice adds to its quantity, capped at 99', () => {
    const once = addLine([], line('a', 2));
    assert.deepEqual(addLine(once, line('a', 3)).map((l) => l.quantity), [5]);
    assert.equal(addLine(once, line('a', 500))[0].quantity, 99);
    assert.equal(cartCount(addLine(once, line('b', 1))), 3);
  });

  test('issue 21: quantities stay whole; 0 takes the line out (not 1), and it can be put back where it was', () => {
    const cart = [line('a', 2), line('b', 1), line('c', 1)];
    assert.deepEqual(setLineQuantity(cart, 'b', 0).map((l) => l.productId), ['a', 'c']);
    assert.equal(setLineQuantity(cart, 'a', 3.7)[0].quantity, 3);
    assert.deepEqual(removeLine(cart, 'a').map((l) => l.productId), ['b', 'c']);
    assert.deepEqual(restoreLine(removeLine(cart, 'b'), cart[1], 1).map((l) => l.productId), ['a', 'b', 'c']);
  });

  test('issue 21: adding twice never puts more in the cart than is in stock, and says so', () => {
    const three = { ...line('a', 3), stock: 3 };
    const once = addLine([], three);
    const twice = addLine(once, three);
    assert.equal(twice[0].quantity, 3, 'not 6 of a 3-in-stock product');
    assert.equal(addedText('Kettle', 3, 3, 3), 'Only 3 left, and all 3 are in your cart already.');
    assert.equal(addedText('Kettle', 2, 2, 3), 'Only 3 left — we set your quantity to 3.');
    assert.equal(addedText('Kettle', 2, 0, 2), 'Added 2 × Kettle to your cart.');
    assert.equal(setLineQuantity(twice, 'a', 50)[0].quantity, 3, 'typing 50 of a 3-in-stock product sets 3');
  });

  test('issue 21: the cart fits what is left now: lowered, sold out or no longer sold, each with its note', () => {
    const cart = [line('a', 50), line('b', 2), line('c', 1), line('d', 1)];
    const { lines, notes } = fitToStock(cart, new Map([['a', 2], ['b', 10], ['c', 0]]));
    assert.deepEqual(lines.map((l) => [l.productId, l.quantity, l.stock]), [['a', 2, 2], ['b', 2, 10]]);
    assert.deepEqual(notes.map(stockNoteText), [
      'Only 2 left — we set your quantity to 2.',
      'c is sold out, so we took it out of your cart.',
      'd is no longer sold, so we took it out of your cart.',
    ]);
  });
});

describe('what the cart costs', () => {
  test("lines take today's quote where there is one and the price seen when added otherwise", () => {
    const quotes = [{ productId: 'a', price: usd(1000), discountedPrice: usd(800), discount: { id: 'd', percent: 20, endsAt: null } }];
    const lines = priceLines([line('a', 2), line('b', 3)], quotes);
    assert.deepEqual(lines.map(lineTotal), [usd(1600), usd(3000)]);
    assert.deepEqual(cartTotals(lines), { subtotal: usd(5000), total: usd(4600), savings: usd(400) });
    assert.deepEqual(cartTotals(priceLines([line('a', 2)], undefined)), { subtotal: usd(2000), total: usd(2000), savings: usd(0) });
  });

  test('the same products ask for the same quote, whatever their order in the cart', () => {
    assert.equal(quoteKey([line('b', 1), line('a', 1)]), quoteKey([line('a', 5), line('b', 2)]));
  });
});

describe('problems in plain words', () => {
  test('a field error lands on the field its path names', () => {
    assert.equal(fieldKey('/body/shippingAddress/city'), 'shippingAddress.city');
    assert.equal(fieldKey('/query/minPrice'), 'minPrice');
    const error = new ApiError(400, {
      status: 400,
      errors: [
        { path: '/body/password', message: 'must NOT have fewer than 8 characters' },
        { path: '/body/shippingAddress/postalCode', message: "must have required property 'postalCode'" },
      ],
    });
    assert.deepEqual(fieldErrorsOf(error), {
      password: 'Use at least 8 characters for your password.',
      'shippingAddress.postalCode': 'Enter the postal code.',
    });
    assert.equal(describeError(error), 'Please correct the highlighted fields.');
  });

  test("issue 21: every validator message reads in the shop's words: no pattern, no limit in cents, no '1 characters'", () => {
    const said = (path: string, message: string) => fieldErrorsOf(new ApiError(400, { status: 400, errors: [{ path, message }] }))[fieldKey(path)];
    const cases: [string, string, string][] = [
      ['/body/email', 'must match pattern "^[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+$"', 'Enter an email address like name@example.com.'],
      ['/body/name', 'must NOT have fewer than 1 characters', 'Enter a name.'],
      ['/body/name', 'must match pattern "\\S"', 'Enter a name.'],
      ['/body/shippingAddress/city', 'must NOT have fewer than 1 characters', 'Enter the city.'],
      ['/body/shippingAddress/country', 'must match pattern "^[A-Z]{2}$"', 'Choose the country from the list.'],
      ['/body/addresses/0/line1', 'is required', 'Enter the street and house number.'],
      ['/body/images/1', 'must match pattern "^(?:https?://[^\\s/?#@\\\\]+)$"', 'Enter a web address starting with https:// or a path starting with /.'],
      ['/body/price/amount', 'must be >= 0', 'Enter a price of 0 or more.'],
      ['/body/title', 'must NOT have more than 120 characters', 'Use at most 120 characters.'],
      ['/body/code', 'must match pattern "^[A-Za-z0-9_-]+$"', 'Use only letters, digits, - and _.'],
      ['/body/rating', 'must be <= 5', 'Choose from 1 to 5 stars.'],
      ['/body/endsAt', 'must be after startsAt', 'The end must be after the start.'],
      ['/query/minPrice', 'must not be above maxPrice', 'The lowest price is above the highest. Swap them or change one.'],
      ['/body/note', 'must not hold a NUL or other control character', 'Remove the invisible special characters from this text.'],
      ['/body/whatever', 'must frobnicate', 'Check this field.'],
      ['/body/percent', 'Enter a percent from 1 to 90 (up to two decimals)', 'Enter a percent from 1 to 90 (up to two decimals)'],
    ];
    for (const [path, message, expected] of cases) {
      const text = said(path, message);
      assert.equal(text, expected, `${path} ${message}`);
      assert.doesNotMatch(text, /pattern|\^|\$\)|must (match|be [<>]|NOT)|\b1 characters/, text);
    }
    const one = new ApiError(400, { status: 400, errors: [{ path: '/body/shippingAddress/city', message: 'is required' }] });
    assert.equal(describeError(one), 'Enter the city.', 'one fault is said as it is, highlighted or not');
  });

  test('a busy limit and a failing service are explained, not shown as codes', () => {
    assert.match(describeError(new ApiError(429, { status: 429 }, 30)), /wait 30 seconds/);
    assert.match(describeError(new ApiError(503, { status: 503, detail: 'products unavailable' })), /not answering/);
    assert.equal(describeError(new ApiError(409, { status: 409, detail: 'Only 2 left of "Kettle"' })), 'Only 2 left of "Kettle"');
  });
});

describe('what user data may become', () => {
  test('only web addresses and site paths become links or images', () => {
    assert.equal(safeUrl('/images/products/kettle.svg'), '/images/products/kettle.svg');
    assert.equal(safeUrl('https://example.com/a'), 'https://example.com/a');
    assert.equal(safeUrl('javascript:alert(1)'), null);
    assert.equal(safeUrl('//evil.example/x'), null);
    assert.equal(safeUrl('data:text/html,hi'), null);
  });

  test('a saved address is sent as a shipping address without its id or an empty line', () => {
    const saved = { id: 'a1', name: ' Robin ', line1: '12 Harbour St', line2: ' ', city: 'Portsmouth', postalCode: 'PO1', country: 'GB' };
    assert.deepEqual(cleanAddress(saved), { name: 'Robin', line1: '12 Harbour St', city: 'Portsmouth', postalCode: 'PO1', country: 'GB' });
  });

  test('an address saved with its country typed out is sent with the country code where it can be read', () => {
    const base = { name: 'Robin', line1: '12 Harbour St', city: 'Portsmouth', postalCode: 'PO1' };
    assert.equal(cleanAddress({ ...base, country: 'United Kingdom' }).country, 'GB');
    assert.equal(cleanAddress({ ...base, country: ' uk ' }).country, 'GB');
    assert.equal(cleanAddress({ ...base, country: 'Narnia' }).country, 'Narnia', 'left for the customer to pick');
  });
});

describe('countries', () => {
  test('codes, alpha-3 codes and names people type become ISO 3166-1 alpha-2 codes', () => {
    const cases: [string, string | null][] = [
      ['us', 'US'], ['USA', 'US'], ['United States', 'US'], ['united states of america', 'US'], ['GBR', 'GB'],
      ['Great Britain', 'GB'], ['germany', 'DE'], ["cote d'ivoire", 'CI'], ['Narnia', null], ['', null], ['ZZ', null],
    ];
    for (const [typed, code] of cases) assert.equal(countryCode(typed), code, typed);
  });

  test('the select lists every country once, by name, with its code', () => {
    const list = countryList();
    assert.ok(list.length >= 249);
    assert.equal(new Set(list.map((c) => c.code)).size, list.length);
    assert.ok(list.every((c) => /^[A-Z]{2}$/.test(c.code) && c.name));
    assert.deepEqual(list.find((c) => c.code === 'US'), { code: 'US', name: 'United States' });
  });
});

describe('checkout', () => {
  const standard = { id: 'm1', name: 'Standard', carrier: 'USPS', price: usd(499), freeOver: usd(5000), minDays: 3, maxDays: 5, countries: ['US'], active: true };
  const promotion = (type: 'percent' | 'fixed' | 'free_shipping', amount: number) => ({ code: 'C', type, amount: usd(amount) });

  test('a method is free from its threshold, measured after the code, or with a free-shipping code', () => {
    assert.deepEqual(methodPrice(standard, { subtotal: usd(5000), promotion: null }), usd(0));
    assert.deepEqual(methodPrice(standard, { subtotal: usd(4999), promotion: null }), usd(499));
    assert.deepEqual(methodPrice(standard, { subtotal: usd(5500), promotion: promotion('percent', 550) }), usd(499));
    assert.deepEqual(methodPrice({ ...standard, freeOver: null }, { subtotal: usd(100), promotion: promotion('free_shipping', 0) }), usd(0));
    assert.deepEqual(methodPrice(standard, undefined), usd(499));
  });

  test('delivery days read as a person says them', () => {
    assert.equal(deliveryDays({ minDays: 3, maxDays: 5 }), '3–5 business days');
    assert.equal(deliveryDays({ minDays: 1, maxDays: 1 }), '1 business day');
    assert.equal(deliveryDays({ minDays: 0, maxDays: 0 }), 'Same day');
  });

  test('a refused code says why, and how much more the basket needs', () => {
    const problem = (reason: string, extra = {}) =>
      new ApiError(422, { status: 422, code: 'PROMOTION.NOT_APPLICABLE', reason, detail: 'x', ...extra });
    const say = (error: ApiError, subtotal = usd(3800)) => refusalMessage(refusalOf(error, 'SAVE5')!, subtotal);
    assert.equal(say(problem('ended')), 'This code has expired.');
    assert.equal(say(problem('not_started')), 'This code is not valid yet.');
    assert.match(say(problem('used_up')), /used as many times/);
    assert.match(say(problem('unknown')), /don't know the code "SAVE5"/);
    assert.equal(say(problem('minimum_not_met', { minSubtotal: usd(5000) })), 'Add $12.00 more to use this code.');
    assert.match(say(problem('minimum_not_met')), /below the minimum/);
    assert.equal(refusalOf(new ApiError(422, { status: 422, code: 'CHECKOUT.UNKNOWN_METHOD' }), 'SAVE5'), null);
  });

  test('only a whole address with a country code is priced', () => {
    const address = { name: 'R', line1: '1 A St', city: 'Austin', postalCode: '78701', country: 'US' };
    assert.equal(isAddressComplete(address), true);
    assert.equal(isAddressComplete({ ...address, city: '' }), false);
    assert.equal(isAddressComplete({ ...address, country: 'United States' }), false);
  });

  test('the breakdown reads line by line: code, shipping by name or free, tax added or included', () => {
    const figures = {
      subtotal: usd(6000), promotion: promotion('percent', 600), shippingMethod: { id: 'm1', name: 'Standard', carrier: 'USPS' },
      shippingTotal: usd(0), taxTotal: usd(446), taxIncluded: false, total: usd(5846),
    };
    const text = (rows: ReturnType<typeof breakdownRows>) => rows.map((r) => `${r.label}=${r.value}`);
    assert.deepEqual(text(breakdownRows(figures)), ['Subtotal=$60.00', 'Code C=-$6.00', 'Shipping: Standard (USPS)=Free', 'Tax=$4.46', 'Total=$58.46']);
    assert.deepEqual(text(breakdownRows({ ...figures, taxIncluded: true, total: usd(5400) })).slice(3), ['Tax (incl.)=$4.46', 'Total=$54.00']);
    const cart = breakdownRows({ ...figures, promotion: promotion('free_shipping', 0), shippingMethod: null, total: usd(6000) }, { shipping: 'At checkout', tax: 'At checkout' });
    assert.deepEqual(text(cart), ['Subtotal=$60.00', 'Code C=Free shipping', 'Shipping=At checkout', 'Tax=At checkout', 'Total so far=$60.00']);
  });
});

describe('carrier tracking links', () => {
  test("issue 21: a known carrier's name, however typed, links to its tracking page with the number in it", () => {
    assert.equal(trackingUrl('UPS', '1Z999AA10123456784'), 'https://www.ups.com/track?tracknum=1Z999AA10123456784');
    assert.equal(trackingUrl('usps', '9400 1000'), 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400%201000');
    assert.match(trackingUrl('FedEx Ground', '123')!, /^https:\/\/www\.fedex\.com\/.*123$/);
    assert.match(trackingUrl('DHL Express', 'JD0146')!, /dhl\.com.*tracking-id=JD0146$/);
    assert.match(trackingUrl('Posten', 'ABC')!, /^https:\/\/sporing\.posten\.no\/sporing\/ABC$/);
    assert.match(trackingUrl('Royal Mail 24', 'AB123456789GB')!, /royalmail\.com.*AB123456789GB$/);
    assert.equal(trackingUrl('UPS', 'a&b=c#d'), 'https://www.ups.com/track?tracknum=a%26b%3Dc%23d', 'the number cannot change the address');
  });

  test('an unknown carrier, or no number, gets no link', () => {
    assert.equal(trackingUrl('Parcel Express', 'PX-1'), null);
    assert.equal(trackingUrl('GroupS', 'X'), null, 'UPS only as a word');
    assert.equal(trackingUrl('UPS', '  '), null);
    assert.equal(trackingUrl(null, 'X'), null);
  });
});
