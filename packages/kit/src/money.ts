import { Type, type Static } from 'typebox';
import { AppError } from './errors.ts';

/** The largest amount in minor units the platform takes (a billion in a two-decimal currency). */
export const MAX_AMOUNT = 100_000_000_000;

export const Money = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, maximum: MAX_AMOUNT, description: 'Integer minor units, e.g. cents' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
  },
  { additionalProperties: false },
);
export type Money = Static<typeof Money>;

/** A percent with up to two decimals kept as an integer count of hundredths (basis points): 12.5% is 1250. */
export function percentToBasisPoints(percent: number): number {
  const bps = Math.round(percent * 100);
  if (Math.abs(percent * 100 - bps) > 1e-6) throw new AppError('REQUEST.INVALID', 400, 'percent takes at most two decimals');
  return bps;
}

export const basisPointsToPercent = (bps: number) => bps / 100;

/** round-half-up(amount * (100 - percent) / 100), in integers only. */
export function discountedAmount(amount: number, percentBasisPoints: number): number {
  const scaled = amount * (10_000 - percentBasisPoints);
  return Math.floor((scaled + 5_000) / 10_000);
}

export function assertCurrency(money: Money, shopCurrency: string): void {
  if (money.currency !== shopCurrency) {
    throw new AppError('REQUEST.CURRENCY', 400, `This shop sells in ${shopCurrency}; ${money.currency} is not accepted`);
  }
}

/** Integer minor units as the currency writes them, e.g. 12999 USD -> $129.99 (for messages people read). */
export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}
