import { expectOk, type Peer } from '@emporium/kit';

export interface StandingResult {
  productId: string;
  status: 'unchanged' | 'created' | 'updated' | 'refused';
  detail?: string;
}

/** The discounts service as the amazon import needs it (POST /internal/discounts/standing, docs/ARCHITECTURE.md). */
export interface DiscountsClient {
  /** Makes each product's discount in force the given percent; 100 a call. Discounts down: a 503 AppError. */
  setStanding(items: { productId: string; percent: number }[], dryRun: boolean): Promise<StandingResult[]>;
}

export function createDiscountsClient(peer: Peer): DiscountsClient {
  return {
    async setStanding(items, dryRun) {
      const results: StandingResult[] = [];
      for (let i = 0; i < items.length; i += 100) {
        // Safe to send again: the same percent a second time changes nothing.
        const res = await peer.request<{ items: StandingResult[] }>({
          method: 'POST', path: '/internal/discounts/standing', body: { items: items.slice(i, i + 100), dryRun }, idempotent: true,
        });
        results.push(...expectOk(res).items);
      }
      return results;
    },
  };
}
