/**
 * Turns many concurrent calls into few batches. Calls made in the same turn of the event loop go out
 * together at its end, and a call made while `concurrency` batches are running waits and goes out
 * with every other call that arrived meanwhile (up to `maxBatch`). So an idle service adds no timer
 * delay, and a busy one pays one round trip, one statement and one commit per batch instead of per
 * call. Under a burst for the same products, that also ends the queue of transactions
 * waiting on each other's row locks: one batch takes them once.
 *
 * `flush` answers each input in order, with a value or an Error for that input alone. When a whole
 * batch fails, its calls are tried again one by one, so a single bad input cannot fail the others;
 * `retrySeparately` can say which failures that cannot help (say, a peer that is down or too slow,
 * where trying each call again would only multiply the wait), and those fail every call at once.
 *
 * `name` is a short stable label (say `orders.save`) for a measurement knob of the bench, not a setting
 * a shop needs: EMPORIUM_UNBATCHED (batcher names, comma-separated, or `all`) makes the named batchers
 * pass every call to `flush` alone, at once, so the bench can tell whether each batcher pays for
 * itself (bench/src/batchers.ts). It is read when the batcher is made, like NODE_ENV, and is no part of
 * any service's config.
 */
export function createBatcher<I, O>(flush: (inputs: I[]) => Promise<(O | Error)[]>, options: BatcherOptions = {}): (input: I) => Promise<O> {
  if (isUnbatched(options.name)) return (input) => passThrough(flush, input);
  const { maxBatch = 100, concurrency = 1, retrySeparately = () => true } = options;
  const waiting: { input: I; resolve: (value: O) => void; reject: (err: unknown) => void }[] = [];
  let running = 0;

  async function send(batch: typeof waiting): Promise<void> {
    try {
      const answers = await flush(batch.map((call) => call.input));
      batch.forEach((call, i) => (answers[i] instanceof Error ? call.reject(answers[i]) : call.resolve(answers[i] as O)));
    } catch (err) {
      if (batch.length === 1 || !retrySeparately(err)) for (const call of batch) call.reject(err);
      else await Promise.all(batch.map((call) => send([call])));
    }
  }

  // Sending waits for the end of the current turn of the event loop, so that calls made in the same
  // turn (say, by several answers read from the network at once) go in one batch.
  let scheduled = false;
  function next(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(sendWaiting);
  }

  function sendWaiting(): void {
    scheduled = false;
    while (running < concurrency && waiting.length > 0) {
      running++;
      void send(waiting.splice(0, maxBatch)).finally(() => {
        running--;
        next();
      });
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      next();
    });
}

export type BatcherOptions = {
  /** A short stable label, such as `orders.save`, that EMPORIUM_UNBATCHED can name. */
  name?: string;
  maxBatch?: number;
  concurrency?: number;
  retrySeparately?: (err: unknown) => boolean;
};

function isUnbatched(name: string | undefined): boolean {
  const names = (process.env.EMPORIUM_UNBATCHED ?? '').split(',').map((n) => n.trim());
  return names.includes('all') || (name !== undefined && names.includes(name));
}

/** An unbatched call: its own flush of one input, started at once and never queued behind another. */
async function passThrough<I, O>(flush: (inputs: I[]) => Promise<(O | Error)[]>, input: I): Promise<O> {
  const [answer] = await flush([input]);
  if (answer instanceof Error) throw answer;
  return answer;
}

/**
 * A batcher per owner (a database handle), made on first use: a repository function that takes its
 * database as an argument can still batch its concurrent calls, as its own detail, with no state to wire.
 * Only a database (a handle with `transaction`) is batched. A transaction's statements run one after
 * another, so there is nothing to gather, and waiting for a batch would only hold its locks longer: its
 * calls go alone, at once.
 */
export function batchedPer<K extends object, I, O>(
  flush: (owner: K, inputs: I[]) => Promise<(O | Error)[]>,
  options: BatcherOptions = {},
): (owner: K, input: I) => Promise<O> {
  const batchers = new WeakMap<K, (input: I) => Promise<O>>();
  return (owner, input) => {
    if (!('transaction' in owner)) return passThrough((inputs: I[]) => flush(owner, inputs), input);
    let batcher = batchers.get(owner);
    if (!batcher) {
      batcher = createBatcher((inputs: I[]) => flush(owner, inputs), options);
      batchers.set(owner, batcher);
    }
    return batcher(input);
  };
}
