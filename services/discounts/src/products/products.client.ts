import { expectOk, type Money, type Peer } from '@emporium/kit';

/** What the products service tells us about a product (GET /internal/products, docs/ARCHITECTURE.md). */
export interface ProductSummary {
  id: string;
  name: string;
  price: Money;
  deleted: boolean;
}

export interface ProductsClient {
  /** One batch call for up to 100 ids; unknown ids are left out. Products down: a 503 AppError. */
  getMany(ids: string[]): Promise<ProductSummary[]>;
}

export function createProductsClient(peer: Peer): ProductsClient {
  return {
    async getMany(ids) {
      if (ids.length === 0) return [];
      const res = await peer.request<{ items: ProductSummary[] }>({ method: 'GET', path: '/internal/products', query: { ids: ids.join(',') } });
      return expectOk(res).items;
    },
  };
}
