import type { Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../discounts/discount-rules.ts';
import { lockProduct } from '../discounts/discounts.repository.ts';
import { publishDiscountChanged } from './discount-changed.ts';
import { claimLastRun, productsWithWindowEdges, saveLastRun } from './window-scheduler.repository.ts';

export interface WindowScheduler {
  /** One pass: publishes discount.changed for each product whose rule started or ended since the last pass. */
  runOnce(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface WindowSchedulerOptions {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  intervalMs: number;
  /** Called after a pass that published something (the app kicks the outbox relay). */
  onPublished: () => void;
}

/**
 * A rule that begins at 09:00 changes the price at 09:00: nothing is written then, so this pass
 * turns window edges into events. The last run's time lives in the database, so edges that passed
 * while the service was down are published by the first pass after it starts.
 */
export function startWindowScheduler(options: WindowSchedulerOptions): WindowScheduler {
  const { db, clock, log, intervalMs, onPublished } = options;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function runOnce(): Promise<string[]> {
    const productIds = await db.transaction(async (tx) => {
      // The row lock makes the passes of several instances run one after another, and the time is read
      // once it is held: each pass covers (last run, now], the next one starts where it ended, so no edge
      // is published twice or missed. A pass whose clock is not past the last run publishes nothing.
      const lastRun = await claimLastRun(tx);
      const now = clock();
      if (lastRun && now.getTime() <= lastRun.getTime()) return [];
      const edged = await productsWithWindowEdges(tx, lastRun, now);
      for (const productId of edged) {
        await lockProduct(tx, productId);
        await publishDiscountChanged(tx, productId, now);
      }
      await saveLastRun(tx, now);
      return edged;
    });
    if (productIds.length > 0) onPublished();
    return productIds;
  }

  function tick(): void {
    if (stopped || running) return;
    running = runOnce()
      .catch((err) => log.warn({ err: (err as Error).message }, 'discount window pass failed'))
      .finally(() => {
        running = null;
      });
  }

  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
