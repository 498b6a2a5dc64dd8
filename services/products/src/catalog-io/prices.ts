import { MAX_AMOUNT } from '@emporium/kit';

/**
 * Prices as people write them in spreadsheets: `12.99`, `12` (whole units), `1,099.50`, with or without the
 * currency (`$12.99`, `₹1,099`, `12.99 USD`). A price in another currency than the shop's is refused, never
 * converted: the shop has one currency and no exchange rates.
 */

// One symbol each; "$" is read as USD, "¥" as JPY (other dollars and yuan name their code: "CAD 12.99").
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '₹': 'INR', '¥': 'JPY', '₩': 'KRW', '₺': 'TRY', '₽': 'RUB' };
const CODES = new Set(Intl.supportedValuesOf('currency'));

// Linear: an optional marker, a number (digits with optional thousands commas, then decimals), an optional code.
const PRICE = /^(?:([A-Z]{3}) ?|([^\d\s.,A-Za-z]))?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?: ?([A-Z]{3}))?$/;

/** Digits after the point in this currency (2 for USD and INR, 0 for JPY), as the platform's Intl data says. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export type PriceReading = { amount: number } | { error: string };

export function parsePrice(text: string, shopCurrency: string): PriceReading {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'is empty' };
  const match = trimmed.length <= 40 ? PRICE.exec(trimmed) : null;
  if (!match) return { error: `"${trimmed.slice(0, 40)}" is not a price (write it like 12.99)` };
  const [, prefixCode, symbol, whole, fraction = '', suffixCode] = match;
  const named = prefixCode ?? suffixCode;
  if (symbol !== undefined && !(symbol in SYMBOLS)) return { error: `the currency symbol ${symbol} is unknown` };
  if (named !== undefined && !CODES.has(named)) return { error: `the currency ${named} is unknown` };
  if (prefixCode && suffixCode) return { error: 'names its currency twice' };
  const currency = named ?? (symbol ? SYMBOLS[symbol] : shopCurrency);
  if (currency !== shopCurrency) return { error: `is in ${currency}; this shop sells in ${shopCurrency} only` };
  const digits = minorDigits(shopCurrency);
  if (fraction.length > digits) return { error: `has ${fraction.length} decimals; ${shopCurrency} has ${digits}` };
  const amount = Number(whole.replace(/,/g, '')) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (amount > MAX_AMOUNT) return { error: 'is above the largest price the shop takes' };
  return { amount };
}

/** The export's form: the amount in whole units with the currency's decimals, no symbol (`12.99`, `1200`). */
export function formatPrice(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const scale = 10 ** digits;
  return `${Math.floor(amount / scale)}.${String(amount % scale).padStart(digits, '0')}`;
}
