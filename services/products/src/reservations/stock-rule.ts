import type { Line, LockedProduct } from './reservations.repository.ts';
import type { ReservationStatus } from './reservations.schemas.ts';

/**
 * The stock rule of products, in plain TypeScript: what the `take_stock_batch` SQL function
 * (migrations/006_take_stock_batch_arrays.sql) decides, without its locking, arrays and writes.
 * test/stock-rule.test.ts checks on random batches that the SQL function and this model agree.
 *
 * The rule: a batch's reservations are decided one after another, in the order given. A reservation
 * id seen before (saved earlier, or taken earlier in the same batch) changes nothing and answers as it
 * stands. Otherwise all its lines are taken or none: none when one line names a product that is
 * unknown, deleted or has fewer units than the line asks, judged on the stock before any of its lines
 * is taken. So stock never goes below zero. (Products refuses a reservation naming a product twice
 * before it gets here.)
 */
export interface StockRequest {
  reservationId: string;
  commit: boolean;
  lines: Line[];
}

export interface StockDecision {
  reservationId: string;
  outcome: 'taken' | 'exists' | 'short';
  /** The reservation's status after the decision; null when short. */
  status: ReservationStatus | null;
  /** When short: the requested products that exist, as they are, in the order of the lines; otherwise empty. */
  products: LockedProduct[];
}

export interface StockState {
  products: Map<string, LockedProduct>;
  reservations: Map<string, ReservationStatus>;
}

/** Decides a batch on a state; returns the decisions and the state after it (the given state is not changed). */
export function takeStockBatch(state: StockState, requests: StockRequest[]): { decisions: StockDecision[]; state: StockState } {
  const products = new Map([...state.products].map(([id, p]) => [id, { ...p }]));
  const reservations = new Map(state.reservations);
  const decisions = requests.map((request): StockDecision => {
    const { reservationId, lines } = request;
    const known = reservations.get(reservationId);
    if (known) return { reservationId, outcome: 'exists', status: known, products: [] };
    const fits = lines.every((line) => {
      const product = products.get(line.productId);
      return product !== undefined && !product.deleted && product.stock >= line.quantity;
    });
    if (!fits) {
      const requested = lines.flatMap((line) => products.get(line.productId) ?? []);
      return { reservationId, outcome: 'short', status: null, products: requested.map((p) => ({ ...p })) };
    }
    for (const line of lines) products.get(line.productId)!.stock -= line.quantity;
    const status = request.commit ? 'committed' : 'held';
    reservations.set(reservationId, status);
    return { reservationId, outcome: 'taken', status, products: [] };
  });
  return { decisions, state: { products, reservations } };
}
