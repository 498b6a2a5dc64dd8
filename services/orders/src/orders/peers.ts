import { AppError, createBatcher, expectOk, type Money, type Peer, type PeerResponse } from '@emporium/kit';
import type { PromotionTerms } from '../checkout/breakdown.ts';
import type { CatalogProduct, PriceQuote, RequestedLine } from './pricing.ts';

/** What orders asks of products: one batch read, and the stock of an order. */
export interface ProductsClient {
  getMany(ids: string[]): Promise<CatalogProduct[]>;
  /** Takes the order's units as sold (a committed reservation keyed by the order id), all lines or none. */
  take(reservationId: string, items: RequestedLine[]): Promise<void>;
  /** Gives the reservation's units back (held or committed); a reservation products never saw counts as released. */
  release(reservationId: string): Promise<void>;
}

type QuoteItem = { productId: string; price: Money };

export interface PromotionUse {
  code: string;
  customerId: string;
  subtotal: Money;
}

export interface DiscountsClient {
  quote(items: QuoteItem[]): Promise<PriceQuote[]>;
  /** The code's terms when it applies to this basket now; else the 422 with its reason. */
  checkPromotion(use: PromotionUse): Promise<PromotionTerms>;
  /** Counts the order's use of the code, once per order id (a retry counts nothing more); a 422 when it no longer applies. */
  redeemPromotion(orderId: string, use: PromotionUse): Promise<PromotionTerms>;
  /** Gives an order's use back; an order that used no code changes nothing. */
  releasePromotion(orderId: string): Promise<void>;
}

// What products' batch read and discounts' quote take at most in one call.
const MAX_BATCH_ITEMS = 100;

// A batch the peer refused (a 4xx problem) may hold one bad order: each is tried alone. A peer that is down
// or too slow (503) fails the whole batch at once; trying each order again would only multiply the wait.
const batchOptions = {
  concurrency: 2,
  maxBatch: MAX_BATCH_ITEMS,
  retrySeparately: (err: unknown) => !(err instanceof AppError && err.status >= 500),
};

/**
 * Orders placed at the same moment share their batch reads and quotes: the calls waiting are sent
 * together (see createBatcher), in groups of at most `limit` items, each call's answer taken back out.
 * Such a request carries the request id of one of them only.
 */
export function groupsOf(calls: unknown[][], limit: number): number[][] {
  const groups: number[][] = [];
  let size = Infinity;
  calls.forEach((items, i) => {
    if (size + items.length > limit) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1].push(i);
    size += items.length;
  });
  return groups;
}

/**
 * Calls to one of a peer's internal batch endpoints (`{ [field]: inputs }` in, `{ results }` out) made at the
 * same moment go as one; each is answered with the status and body its single call would have had. Only
 * for calls that are safe to send twice (keyed by an id, or reads).
 */
function batchEndpoint<I, O>(name: string, peer: Peer, path: string, field: string): (input: I) => Promise<PeerResponse<O>> {
  return createBatcher(async (inputs: I[]) => {
    const res = await peer.request<{ results: PeerResponse<O>[] }>({ method: 'POST', path, body: { [field]: inputs }, idempotent: true });
    return expectOk(res).results;
  }, { ...batchOptions, name });
}

// Takes and releases are idempotent at products (keyed by reservation id), so retrying them is safe;
// the takes of orders placed at the same moment go to products together.
export function productsClient(peer: Peer): ProductsClient {
  const path = (id: string, action: string) => `/internal/reservations/${encodeURIComponent(id)}/${action}`;
  const takeInBatch = batchEndpoint<{ reservationId: string; items: RequestedLine[]; commit: true }, { status?: string }>(
    'orders.products.take', peer, '/internal/reservations/batch', 'reservations',
  );
  return {
    getMany: createBatcher(async (idLists: string[][]) => {
      const answers: CatalogProduct[][] = [];
      await Promise.all(groupsOf(idLists, MAX_BATCH_ITEMS).map(async (group) => {
        const ids = [...new Set(group.flatMap((i) => idLists[i]))];
        const res = await peer.request<{ items: CatalogProduct[] }>({ method: 'GET', path: '/internal/products', query: { ids: ids.join(',') } });
        const byId = new Map(expectOk(res).items.map((product) => [product.id, product]));
        for (const i of group) answers[i] = idLists[i].flatMap((id) => byId.get(id) ?? []);
      }));
      return answers;
    }, { ...batchOptions, name: 'orders.products.getMany' }),
    async take(reservationId, items) {
      const taken = expectOk(await takeInBatch({ reservationId, items, commit: true }));
      // Products answered with a reservation this order made before (a retried call): it must still stand.
      if (taken.status !== 'committed') {
        throw new AppError('ORDER.RESERVATION_LOST', 503, 'The stock taken for this order was given back. Please try again.');
      }
    },
    async release(reservationId) {
      const res = await peer.request({ method: 'POST', path: path(reservationId, 'release'), idempotent: true });
      if (res.status !== 404) expectOk(res);
    },
  };
}

export function discountsClient(peer: Peer): DiscountsClient {
  // The codes of orders priced and placed at the same moment go to discounts together, like their quotes.
  const checkInBatch = batchEndpoint<PromotionUse, PromotionTerms>('orders.discounts.check', peer, '/internal/promotions/check/batch', 'uses');
  const redeemInBatch = batchEndpoint<PromotionUse & { orderId: string }, PromotionTerms>('orders.discounts.redeem', peer, '/internal/promotions/redemptions/batch', 'redemptions');
  return {
    quote: createBatcher(async (itemLists: QuoteItem[][]) => {
      const answers: PriceQuote[][] = [];
      await Promise.all(groupsOf(itemLists, MAX_BATCH_ITEMS).map(async (group) => {
        const items = group.flatMap((i) => itemLists[i]);
        const res = await peer.request<{ items: PriceQuote[] }>({ method: 'POST', path: '/internal/quotes', body: { items }, idempotent: true });
        const quotes = expectOk(res).items; // in the order asked
        let offset = 0;
        for (const i of group) answers[i] = quotes.slice(offset, (offset += itemLists[i].length));
      }));
      return answers;
    }, { ...batchOptions, name: 'orders.discounts.quote' }),
    // Each is safe to retry: checking reads only, and redeeming and releasing are keyed by the order id.
    checkPromotion: async (use) => expectOk(await checkInBatch(use)),
    redeemPromotion: async (orderId, use) => expectOk(await redeemInBatch({ orderId, ...use })),
    async releasePromotion(orderId) {
      const path = `/internal/promotions/redemptions/${encodeURIComponent(orderId)}/release`;
      expectOk(await peer.request({ method: 'POST', path, idempotent: true }));
    },
  };
}
