// The money of a checkout line by line: subtotal, promotion code, shipping, tax and total. The cart, the
// checkout, the order page, the orders list and the console all show it this one way.
import type { Breakdown as Figures } from '../api/types.ts';
import { formatMoney } from '../format.ts';

/** Lines not priced yet (no delivery option or no address): what to say instead of an amount. */
export interface Pending {
  shipping?: string;
  tax?: string;
}

export interface BreakdownRow {
  key: 'subtotal' | 'promotion' | 'shipping' | 'tax' | 'total';
  label: string;
  value: string;
}

export function breakdownRows(figures: Figures, pending: Pending = {}): BreakdownRow[] {
  const rows: BreakdownRow[] = [{ key: 'subtotal', label: 'Subtotal', value: formatMoney(figures.subtotal) }];
  const { promotion, shippingMethod: method } = figures;
  if (promotion) {
    const off = promotion.type === 'free_shipping' ? 'Free shipping' : `-${formatMoney(promotion.amount)}`;
    rows.push({ key: 'promotion', label: `Code ${promotion.code}`, value: off });
  }
  if (pending.shipping && !method) rows.push({ key: 'shipping', label: 'Shipping', value: pending.shipping });
  else {
    const cost = figures.shippingTotal.amount === 0 && method ? 'Free' : formatMoney(figures.shippingTotal);
    rows.push({ key: 'shipping', label: method ? `Shipping: ${method.name} (${method.carrier})` : 'Shipping', value: cost });
  }
  if (pending.tax) rows.push({ key: 'tax', label: 'Tax', value: pending.tax });
  // Included tax is part of the prices above, so it reads as a note rather than something added.
  else rows.push({ key: 'tax', label: figures.taxIncluded ? 'Tax (incl.)' : 'Tax', value: formatMoney(figures.taxTotal) });
  const partial = (pending.shipping && !method) || pending.tax;
  rows.push({ key: 'total', label: partial ? 'Total so far' : 'Total', value: formatMoney(figures.total) });
  return rows;
}

interface BreakdownProps {
  figures: Figures;
  pending?: Pending;
  /** One line of small print, for lists. */
  compact?: boolean;
  /** Marks the numbers for the browser tests: several breakdowns can share a page. */
  testId?: string;
}

export function Breakdown({ figures, pending, compact, testId = 'breakdown' }: BreakdownProps) {
  // In a list the total already stands beside the order, so the small print stops before it.
  const rows = breakdownRows(figures, pending).filter((row) => !compact || row.key !== 'total');
  return (
    <dl className={compact ? 'breakdown breakdown-compact' : 'totals breakdown'} data-testid={testId}>
      {rows.map((row) => (
        <div key={row.key} className={`breakdown-${row.key}${row.key === 'total' ? ' grand-total' : ''}`}>
          <dt>{row.label}</dt>
          <dd data-testid={`${testId}-${row.key}`}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
