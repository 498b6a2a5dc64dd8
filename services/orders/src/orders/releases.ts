import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '@emporium/kit';
import { abandonStaleClaims, deleteExpiredKeys } from './idempotency.repository.ts';
import type { DiscountsClient, ProductsClient } from './peers.ts';
import { claimDueReleases, removePendingRelease, retryReleaseLater } from './releases.repository.ts';

/** What an order that is cancelled or failed holds elsewhere, given back: its stock at products, its code's use at discounts. */
export type ReleaseHolds = (orderId: string) => Promise<void>;

export function releaseHoldsAt(products: ProductsClient, discounts: DiscountsClient): ReleaseHolds {
  return async (orderId) => {
    await Promise.all([products.release(orderId), discounts.releasePromotion(orderId)]);
  };
}

interface ReleaseDeps {
  db: Db;
  releaseHolds: ReleaseHolds;
  log: FastifyBaseLogger;
}

/** Sends one recorded release (both are idempotent); on failure it stays recorded and the sweeper tries again. */
export async function releaseNow({ db, releaseHolds, log }: ReleaseDeps, reservationId: string): Promise<boolean> {
  try {
    await releaseHolds(reservationId);
    await removePendingRelease(db, reservationId);
    return true;
  } catch (err) {
    log.warn({ reservationId, err: (err as Error).message }, 'release of stock or code use failed; the sweeper will retry');
    await retryReleaseLater(db, reservationId).catch(() => {}); // left as it is, it is due when its lease ends
    return false;
  }
}

export interface SweeperOptions extends ReleaseDeps {
  intervalMs: number;
  claimStaleSeconds: number;
  keyTtlHours: number;
}

export interface Sweeper {
  /** One round: abandoned claims become releases, due releases are sent, expired keys go. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export function startSweeper(options: SweeperOptions): Sweeper {
  const { db, log } = options;
  let running: Promise<void> | null = null;
  async function round(): Promise<void> {
    await abandonStaleClaims(db, options.claimStaleSeconds);
    const due = await claimDueReleases(db);
    for (const reservationId of due) await releaseNow(options, reservationId);
    await deleteExpiredKeys(db, options.keyTtlHours);
  }
  function sweep(): Promise<void> {
    running ??= round()
      .catch((err) => log.warn({ err: (err as Error).message }, 'orders sweep failed'))
      .finally(() => { running = null; });
    return running;
  }
  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
