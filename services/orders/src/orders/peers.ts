import { AppError, createBatcher, expectOk, type Money, type Peer, type PeerResponse } from '@emporium/kit';
import type { CatalogProduct, PriceQuote, RequestedLine } from './pricing.ts';

/** What orders asks of products: one batch read, and the stock reservation for an order. */
export interface ProductsClient {
  getMany(ids: string[]): Promise<CatalogProduct[]>;
  reserve(reservationId: string, items: RequestedLine[], ttlSeconds: number): Promise<void>;
  commit(reservationId: string): Promise<void>;
  /** Gives the reservation's units back (held or committed); a reservation products never saw counts as released. */
  release(reservationId: string): Promise<void>;
}

type QuoteItem = { productId: string; price: Money };

export interface DiscountsClient {
  quote(items: QuoteItem[]): Promise<PriceQuote[]>;
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

// Reservations, commits and releases are idempotent at products (keyed by reservation id), so retrying them is safe;
// reservations and commits of orders placed at the same moment go to products together.
export function productsClient(peer: Peer): ProductsClient {
  const path = (id: string, action: string) => `/internal/reservations/${encodeURIComponent(id)}/${action}`;
  // Each entry of a batch is answered with the status and body its single call would have had.
  const inBatches = <I>(batchPath: string, field: string) =>
    createBatcher(async (inputs: I[]) => {
      const res = await peer.request<{ results: PeerResponse<unknown>[] }>({ method: 'POST', path: batchPath, body: { [field]: inputs }, idempotent: true });
      return expectOk(res).results;
    }, batchOptions);
  const reserveInBatch = inBatches<{ reservationId: string; items: RequestedLine[]; ttlSeconds: number }>('/internal/reservations/batch', 'reservations');
  const commitInBatch = inBatches<string>('/internal/reservations/commit', 'reservationIds');
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
    }, batchOptions),
    async reserve(reservationId, items, ttlSeconds) {
      expectOk(await reserveInBatch({ reservationId, items, ttlSeconds }));
    },
    async commit(reservationId) {
      const res = await commitInBatch(reservationId);
      if (res.status === 409 || res.status === 404) {
        throw new AppError('ORDER.RESERVATION_LOST', 503, 'The stock held for this order ran out of time. Please try again.');
      }
      expectOk(res);
    },
    async release(reservationId) {
      const res = await peer.request({ method: 'POST', path: path(reservationId, 'release'), idempotent: true });
      if (res.status !== 404) expectOk(res);
    },
  };
}

export function discountsClient(peer: Peer): DiscountsClient {
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
    }, batchOptions),
  };
}
