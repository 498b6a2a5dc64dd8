import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  ratioToOneHop?: number;
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

/** Warms up (JIT, pools, caches), then measures; both at the same concurrency. */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  await run(options, options.warmupSeconds);
  const result = await run(options, options.durationSeconds);
  return {
    name: options.name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
