import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  ratioToOneHop?: number;
  /** For a case measured in slices against the baseline: each slice's ratio, in order. */
  sliceRatios?: number[];
}

export interface LoadOptions {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Called for every request, e.g. to give each one a fresh Idempotency-Key. */
  perRequestHeaders?: () => Record<string, string>;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

function run(options: LoadOptions, duration: number): Promise<autocannon.Result> {
  const { perRequestHeaders, headers = {}, method = 'GET', body } = options;
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration,
    method,
    headers,
    body,
    requests: perRequestHeaders
      ? [{ method, body, setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, ...perRequestHeaders() } }) }]
      : undefined,
  } as autocannon.Options);
}

const summary = (name: string, result: autocannon.Result): LoadResult => ({
  name,
  requestsPerSecond: Math.round(result.requests.average),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
});

/** Warms up (JIT, pools, caches), then measures; both at the same concurrency. */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  await run(options, options.warmupSeconds);
  return summary(options.name, await run(options, options.durationSeconds));
}

// The middle value; of an even count, the lower of the two middle ones.
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/**
 * Measures a case against a baseline in alternating slices (baseline, case, baseline, case, ...) after
 * warming the case up, so that both see the machine at the same moments: on a shared machine the rate
 * of the same load drifts by half within a minute. The ratio is the median of the slices' ratios; the
 * case's figures are the median slice's.
 */
export async function measureAgainst(baseline: LoadOptions, options: LoadOptions, rounds: number): Promise<LoadResult> {
  await run(options, options.warmupSeconds);
  const slices: { ratio: number; result: LoadResult }[] = [];
  const sliceSeconds = Math.max(1, Math.round(options.durationSeconds / rounds));
  for (let i = 0; i < rounds; i++) {
    const base = await run(baseline, sliceSeconds);
    const result = summary(options.name, await run(options, sliceSeconds));
    slices.push({ ratio: result.requestsPerSecond / base.requests.average, result });
  }
  const middle = median(slices.map((s) => s.ratio));
  const { result } = slices.find((s) => s.ratio === middle)!;
  return {
    ...result,
    non2xx: slices.reduce((n, s) => n + s.result.non2xx, 0),
    errors: slices.reduce((n, s) => n + s.result.errors, 0),
    ratioToOneHop: Math.round(middle * 100) / 100,
    sliceRatios: slices.map((s) => Math.round(s.ratio * 1000) / 1000),
  };
}
