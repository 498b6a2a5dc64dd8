// Display helpers. Money stays integer minor units everywhere; only the text shows decimals.
import type { Money } from './api/types.ts';

export const DEFAULT_CURRENCY = 'USD';

export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(money: Money): string {
  const digits = fractionDigits(money.currency);
  const major = money.amount / 10 ** digits;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${money.currency}`;
  }
}

/** "12.5" -> 1250 (for USD), read as text so no float ever becomes money. Null when not a price. */
export function parseMoneyInput(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = text.trim().replace(/,/g, '').match(/^(\d+)(?:\.(\d*))?$/);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 1250 -> "12.50" for a form field. */
export function moneyInputText(amount: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(amount);
  const whole = Math.floor(amount / 10 ** digits);
  const fraction = String(amount % 10 ** digits).padStart(digits, '0');
  return `${whole}.${fraction}`;
}

/** The contract's rounding: round-half-up(amount * (100 - percent) / 100), in integers. */
export function discountedAmount(amount: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.floor((amount * (10_000 - basisPoints) + 5_000) / 10_000);
}

/** "8.25" -> 8.25 when it is a percent from min to max with at most `decimals` decimals; null otherwise. */
export function parsePercentInput(text: string, { min, max, decimals }: { min: number; max: number; decimals: number }): number | null {
  const match = text.trim().match(/^(\d{1,3})(?:\.(\d+))?$/);
  if (!match || (match[2]?.length ?? 0) > decimals) return null;
  const percent = Number(match[0]);
  return percent >= min && percent <= max ? percent : null;
}

export function sumMoney(items: Money[], currency: string): Money {
  return { amount: items.reduce((total, money) => total + money.amount, 0), currency };
}

export function formatPercent(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(2).replace(/0$/, '')}%`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** ISO -> value for <input type="datetime-local"> in the viewer's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** <input type="datetime-local"> value -> ISO UTC, or undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** How people name an order: the first 8 characters of its id, as every order email does in its subject. */
export const orderNumber = (id: string) => `#${id.slice(0, 8)}`;

export const statusLabels: Record<string, string> = {
  pending: 'Pending',
  paid: 'Paid',
  shipped: 'Shipped',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

/** Only web addresses and site paths become links or images; never javascript: and friends. */
export function safeUrl(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// The shop has one currency; the UI learns it from the first prices it sees.
let shopCurrency = DEFAULT_CURRENCY;
export const getShopCurrency = () => shopCurrency;
export function rememberShopCurrency(money: Money | undefined): void {
  if (money?.currency) shopCurrency = money.currency;
}
