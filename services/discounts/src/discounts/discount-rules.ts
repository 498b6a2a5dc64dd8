import { AppError, basisPointsToPercent, percentToBasisPoints } from '@emporium/kit';

/** Where "now" comes from; tests pass a clock they can move. */
export type Clock = () => Date;

/** A rule's window: active from startsAt (inclusive) until endsAt (exclusive); null is an open end. */
export interface Window {
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface Discount extends Window {
  id: string;
  productId: string;
  percentBps: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a price quote and the discount.changed event say about the rule in force. */
export interface DiscountInForce {
  id: string;
  percent: number;
  endsAt: string | null;
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** The request's percent as basis points; more than two decimals is a 400 naming the field. */
export function percentInBasisPoints(percent: number, path = '/body/percent'): number {
  try {
    return percentToBasisPoints(percent);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError('REQUEST.INVALID', 400, `${path} takes at most two decimals`, {
      errors: [{ path, message: 'takes at most two decimals' }],
    });
  }
}

/** A window from the request's ISO strings; an end that is not after the start is a 400. */
export function windowOf(startsAt: string | null, endsAt: string | null): Window {
  const window = { startsAt: startsAt === null ? null : new Date(startsAt), endsAt: endsAt === null ? null : new Date(endsAt) };
  if (window.startsAt && window.endsAt && window.endsAt.getTime() <= window.startsAt.getTime()) {
    throw new AppError('REQUEST.INVALID', 400, '/body/endsAt must be after startsAt', {
      errors: [{ path: '/body/endsAt', message: 'must be after startsAt' }],
    });
  }
  return window;
}

export function discountInForce(rule: Discount): DiscountInForce {
  return { id: rule.id, percent: basisPointsToPercent(rule.percentBps), endsAt: iso(rule.endsAt) };
}

/** The public shape of a rule. */
export function discountView(rule: Discount) {
  return {
    id: rule.id,
    productId: rule.productId,
    percent: basisPointsToPercent(rule.percentBps),
    startsAt: iso(rule.startsAt),
    endsAt: iso(rule.endsAt),
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}
export type DiscountView = ReturnType<typeof discountView>;
