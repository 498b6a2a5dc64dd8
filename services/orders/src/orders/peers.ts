import { AppError, expectOk, type Money, type Peer } from '@emporium/kit';
import type { CatalogProduct, PriceQuote, RequestedLine } from './pricing.ts';

/** What orders asks of products: one batch read, and the stock reservation for an order. */
export interface ProductsClient {
  getMany(ids: string[]): Promise<CatalogProduct[]>;
  reserve(reservationId: string, items: RequestedLine[], ttlSeconds: number): Promise<void>;
  commit(reservationId: string): Promise<void>;
  /** Gives the reservation's units back (held or committed); a reservation products never saw counts as released. */
  release(reservationId: string): Promise<void>;
}

export interface DiscountsClient {
  quote(items: { productId: string; price: Money }[]): Promise<PriceQuote[]>;
}

// Reservations, commits and releases are idempotent at products (keyed by reservation id), so retrying them is safe.
export function productsClient(peer: Peer): ProductsClient {
  const path = (id: string, action: string) => `/internal/reservations/${encodeURIComponent(id)}/${action}`;
  return {
    async getMany(ids) {
      const res = await peer.request<{ items: CatalogProduct[] }>({ method: 'GET', path: '/internal/products', query: { ids: ids.join(',') } });
      return expectOk(res).items;
    },
    async reserve(reservationId, items, ttlSeconds) {
      expectOk(await peer.request({ method: 'POST', path: '/internal/reservations', body: { reservationId, items, ttlSeconds }, idempotent: true }));
    },
    async commit(reservationId) {
      const res = await peer.request({ method: 'POST', path: path(reservationId, 'commit'), idempotent: true });
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
    async quote(items) {
      const res = await peer.request<{ items: PriceQuote[] }>({ method: 'POST', path: '/internal/quotes', body: { items }, idempotent: true });
      return expectOk(res).items;
    },
  };
}
