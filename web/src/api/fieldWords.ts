// What a field error says to a person. The services answer in the validator's words ("must match pattern
// ...", "must NOT have fewer than 1 characters"); this reads which kind of fault it is and says it in the
// shop's words for that field, so no pattern, limit in minor units or "1 characters" ever reaches a shopper.

export type Fault =
  | 'empty' | 'short' | 'long' | 'few' | 'many' | 'below' | 'above' | 'whole' | 'number' | 'shape' | 'choice'
  | 'control' | 'order' | 'decimals' | 'taken' | 'unknown' | 'twice' | 'other';

/** Validator (and service) wording -> the kind of fault; the first group, where there is one, is its limit. */
const faults: [RegExp, Fault][] = [
  [/^is required|^must have required property/, 'empty'],
  [/^must NOT have fewer than (\d+) characters?/, 'short'],
  [/^must NOT have more than (\d+) characters?/, 'long'],
  [/^must NOT have fewer than (\d+) items?/, 'few'],
  [/^must NOT have more than (\d+) items?/, 'many'],
  [/^must be >=? (\S+)/, 'below'],
  [/^must be <=? (\S+)/, 'above'],
  [/^must be integer/, 'whole'],
  [/^must be (a finite )?number/, 'number'],
  [/^must match pattern "\\S"/, 'empty'],
  [/^must match (pattern|format)/, 'shape'],
  [/^must be equal to (one of the allowed values|constant)/, 'choice'],
  [/control character/, 'control'],
  [/^must not be (above|more than)|^must be after/, 'order'],
  [/^takes at most (\w+) decimals?/, 'decimals'],
  [/already in use|already exists/, 'taken'],
  [/^names no /, 'unknown'],
  [/^is neither /, 'shape'],
  [/more than once|used twice/, 'twice'],
];

export function faultOf(message: string): { fault: Fault; limit: string } {
  for (const [pattern, fault] of faults) {
    const match = message.match(pattern);
    if (match) return { fault, limit: match[1] ?? '' };
  }
  return { fault: 'other', limit: '' };
}

type Words = Partial<Record<Fault, string>> & { empty: string };

const webAddress = 'Enter a web address starting with https:// or a path starting with /.';
const days = { empty: 'Enter a number of days.', below: 'Enter 0 days or more.', above: 'Enter at most 60 days.', order: 'The fastest delivery cannot take longer than the slowest.' };

/** Per field (the last named part of its key): what to say for each fault; the rest fall back to `general`. */
const byField: Record<string, Words> = {
  email: { empty: 'Enter your email address.', shape: 'Enter an email address like name@example.com.', taken: 'An account with this email already exists.' },
  to: { empty: 'Enter an email address.', shape: 'Enter an email address like name@example.com.' },
  password: { empty: 'Enter a password.', short: 'Use at least {n} characters for your password.', long: 'Use at most {n} characters for your password.' },
  currentPassword: { empty: 'Enter your current password to set a new one.' },
  name: { empty: 'Enter a name.' },
  line1: { empty: 'Enter the street and house number.' },
  city: { empty: 'Enter the city.' },
  postalCode: { empty: 'Enter the postal code.' },
  country: { empty: 'Choose the country.', shape: 'Choose the country from the list.' },
  countries: { empty: 'Choose at least one country.', few: 'Choose at least one country.', shape: 'Choose the countries from the list.' },
  shippingMethodId: { empty: 'Choose a delivery option.', unknown: 'That delivery option is no longer offered. Choose another.' },
  title: { empty: 'Give your review a title.' },
  body: { empty: 'Tell others what you think of it.' },
  rating: { empty: 'Choose from 1 to 5 stars.', below: 'Choose from 1 to 5 stars.', above: 'Choose from 1 to 5 stars.', whole: 'Choose from 1 to 5 stars.' },
  category: { empty: 'Enter a category.' },
  description: { empty: 'Enter a description.' },
  price: { empty: 'Enter a price.', below: 'Enter a price of 0 or more.', above: 'That price is too high.', whole: 'Enter a price like 19.99.' },
  stock: { empty: 'Enter how many are in stock.', below: 'Enter 0 or more.', above: 'That is more than the shop can hold.', whole: 'Enter a whole number.' },
  images: { empty: 'Enter a web address.', shape: webAddress },
  links: { empty: 'Enter a web address.', shape: webAddress },
  percent: { empty: 'Enter a percent.', below: 'Enter a percent of at least {n}.', above: 'Enter a percent of at most {n}.', decimals: 'Use at most {n} decimals.' },
  code: { empty: 'Enter a code.', short: 'Use at least {n} characters.', shape: 'Use only letters, digits, - and _.', taken: 'Another promotion already uses this code.' },
  value: { empty: 'Enter the amount off.', below: 'Enter a larger amount.', above: 'Enter a smaller amount.', decimals: 'Use at most {n} decimals.' },
  minSubtotal: { empty: 'Enter the minimum order.', below: 'Enter an amount of 0 or more.', above: 'That amount is too high.' },
  freeOver: { empty: 'Enter the amount from which shipping is free.', below: 'Enter an amount of 0 or more.', above: 'That amount is too high.' },
  usageLimit: { empty: 'Enter how many times the code can be used.', below: 'Enter 1 or more.' },
  perCustomerLimit: { empty: 'Enter how often one customer can use it.', below: 'Enter 1 or more.' },
  minDays: days,
  maxDays: days,
  startsAt: { empty: 'Enter a start.', shape: 'Enter a date and time.' },
  endsAt: { empty: 'Enter an end.', shape: 'Enter a date and time.', order: 'The end must be after the start.' },
  estimatedDelivery: { empty: 'Enter a date.', shape: 'Enter a date and time.' },
  carrier: { empty: 'Enter the carrier, such as UPS or DHL.' },
  trackingNumber: { empty: "Enter the carrier's tracking number." },
  minPrice: { empty: 'Enter a price.', order: 'The lowest price is above the highest. Swap them or change one.', below: 'Enter a price of 0 or more.' },
  maxPrice: { empty: 'Enter a price.', below: 'Enter a price of 0 or more.' },
  q: { empty: 'Enter an order number or an email address.', shape: 'Enter an order number (its first 4 characters or more) or a whole email address.' },
  productId: { empty: 'Choose a product.', unknown: 'That product is no longer sold.' },
  quantity: { empty: 'Enter a quantity.', below: 'Enter a quantity of at least {n}.', above: 'Enter a quantity of at most {n}.', whole: 'Enter a whole number.' },
  number: { empty: 'Enter the card number.', short: 'Enter the whole card number.', long: 'That card number is too long.', shape: 'Enter the card number, digits only.' },
  cvc: { empty: 'Enter the security code.', short: 'Enter the 3 or 4 digits on the back of the card.', long: 'Enter the 3 or 4 digits on the back of the card.', shape: 'Enter the 3 or 4 digits on the back of the card.' },
  expMonth: { empty: 'Enter the month.', below: 'Enter a month from 1 to 12.', above: 'Enter a month from 1 to 12.' },
  expYear: { empty: 'Enter the year.', below: 'That year has passed.', above: 'Check the year.' },
};

/** What any field gets when it has no words of its own for a fault: never the validator's text. */
const general: Record<Fault, string> = {
  empty: 'Please fill this in.',
  short: 'Use at least {n} characters.',
  long: 'Use at most {n} characters.',
  few: 'Add at least {n}.',
  many: 'Use at most {n} entries.',
  below: 'Enter {n} or more.',
  above: 'Enter {n} or less.',
  whole: 'Enter a whole number.',
  number: 'Enter a number.',
  shape: 'This does not look right. Check what you typed.',
  choice: 'Choose one of the options.',
  control: 'Remove the invisible special characters from this text.',
  order: 'This does not fit with the other values.',
  decimals: 'Use at most {n} decimals.',
  taken: 'This is already in use.',
  unknown: 'This no longer exists. Choose another.',
  twice: 'This appears more than once.',
  other: 'Check this field.',
};

/** "shippingAddress.city" -> "city"; "images.1" -> "images"; "price.amount" -> "price". */
export function fieldName(key: string): string {
  const named = key.split('.').filter((part) => !/^\d+$/.test(part));
  const last = named.at(-1) ?? '';
  return (last === 'amount' || last === 'currency') && named.length > 1 ? named.at(-2)! : last;
}

/** The message under a field, from the field's key ("shippingAddress.city") and the problem's message. */
export function fieldMessage(key: string, message: string): string {
  // Messages the UI wrote itself (and any service that writes for people) start with a capital: kept.
  if (/^[A-Z]/.test(message)) return message;
  const { fault, limit } = faultOf(message);
  // "at least 1 character" is "not empty".
  const kind: Fault = (fault === 'short' || fault === 'few') && limit === '1' ? 'empty' : fault;
  const words = byField[fieldName(key)];
  return (words?.[kind] ?? general[kind]).replace('{n}', limit);
}
