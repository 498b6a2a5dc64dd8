import type { FastifyBaseLogger } from 'fastify';

export interface WorkLoop {
  /** Runs a round now, or right after the one running (rounds never overlap). */
  round(): void;
  /** Stops the timer and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * A background job that works through due rows in rounds: every `intervalMs`, and at once again after a
 * full batch (more may be waiting) or when asked meanwhile. `work` returns how many rows it handled; a
 * round that throws is logged and the next one tries again. Used by the outbox relay and by senders.
 */
export function startWorkLoop(options: {
  work: () => Promise<number>;
  batchSize: number;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** For the log line of a failed round, e.g. 'outbox relay'. */
  name: string;
}): WorkLoop {
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  function round(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = options
      .work()
      .catch((err) => {
        options.log.warn({ err: (err as Error).message }, `${options.name} round failed`);
        return 0;
      })
      .then((n) => {
        running = null;
        if (again || n === options.batchSize) {
          again = false;
          round();
        }
        return n;
      });
  }

  const timer = setInterval(round, options.intervalMs);
  timer.unref();
  return {
    round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
