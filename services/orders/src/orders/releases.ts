import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '@emporium/kit';
import { abandonStaleClaims, deleteExpiredKeys } from './idempotency.repository.ts';
import type { ProductsClient } from './peers.ts';
import { claimDueReleases, removePendingRelease } from './releases.repository.ts';

/** Sends one recorded release to products; on failure it stays recorded and the sweeper tries again. */
export async function releaseNow(db: Db, products: ProductsClient, reservationId: string, log: FastifyBaseLogger): Promise<boolean> {
  try {
    await products.release(reservationId);
    await removePendingRelease(db, reservationId);
    return true;
  } catch (err) {
    log.warn({ reservationId, err: (err as Error).message }, 'stock release failed; the sweeper will retry');
    return false;
  }
}

export interface SweeperOptions {
  db: Db;
  products: ProductsClient;
  log: FastifyBaseLogger;
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
  const { db, products, log } = options;
  let running: Promise<void> | null = null;
  async function round(): Promise<void> {
    await abandonStaleClaims(db, options.claimStaleSeconds);
    const due = await claimDueReleases(db);
    for (const reservationId of due) await releaseNow(db, products, reservationId, log);
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
