import type { FastifyBaseLogger } from 'fastify';
import { releaseExpired, type ReservationDeps } from './reservations.service.ts';

export interface Sweeper {
  /** Runs one round now (tests use it to be deterministic). */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/** Releases expired holds every intervalMs; rounds never overlap, and the timer does not keep the process alive. */
export function startSweeper(deps: ReservationDeps, intervalMs: number, log: FastifyBaseLogger): Sweeper {
  let running: Promise<number> | null = null;
  const sweep = () => {
    running ??= releaseExpired(deps)
      .then((n) => {
        if (n > 0) log.info({ released: n }, 'released expired stock reservations');
        return n;
      })
      .catch((err) => {
        log.warn({ err: (err as Error).message }, 'reservation sweep failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
