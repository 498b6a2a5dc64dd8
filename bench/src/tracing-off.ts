// `npm run bench:tracing-off`: what the tracing wrappers cost with tracing off (OTEL_EXPORTER_OTLP_ENDPOINT
// unset, startTracing never called), in one process: each wrapper against the bare call, 5 rounds after a
// warm-up, the median of each. Then that cost as a share of the CPU a `GET /api/products/{id}` takes, from
// its throughput on the 2 cores (BENCH_PRODUCT_RPS, default the latest bench figure).
import { incomingTraceparent, traced, tracedQuery, tracingEnabled } from '@emporium/kit';

const ROUNDS = 5;
const ASYNC_CALLS = 1_000_000;
// randomBytes makes incomingTraceparent a microsecond or so: fewer calls give as steady a figure.
const SYNC_CALLS = 200_000;
const CORES = 2;
const productRps = Number(process.env.BENCH_PRODUCT_RPS ?? 4758);

// Results are folded into this, so no call can be optimised away as unused.
let sink = 0;

async function nsPerAsyncCall(call: () => Promise<number>, calls: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink ^= await call();
  return Number(process.hrtime.bigint() - start) / calls;
}

function nsPerSyncCall(call: () => string, calls: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink ^= call().length;
  return Number(process.hrtime.bigint() - start) / calls;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Comparison {
  what: string;
  bareNs: number;
  wrappedNs: number;
  /** The median of each round's difference: both sides of a round see the machine at the same moment. */
  overheadNs: number;
}

/** Times the bare and the wrapped call in alternation, once to warm up, then ROUNDS times. */
async function compare(what: string, timeBare: () => Promise<number> | number, timeWrapped: () => Promise<number> | number): Promise<Comparison> {
  await timeBare();
  await timeWrapped();
  const bare: number[] = [];
  const wrapped: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await timeBare());
    wrapped.push(await timeWrapped());
  }
  return { what, bareNs: median(bare), wrappedNs: median(wrapped), overheadNs: median(wrapped.map((w, i) => w - bare[i])) };
}

if (tracingEnabled()) throw new Error('tracing is on in this process: this bench measures it off');

const work = async () => 1; // an already-answered query or peer call: only the wrapper's own cost is left
const SQL = 'SELECT id, name FROM products WHERE id = $1';
const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const headers: Record<string, string> = {};
const noTraceparent = () => VALID; // the bare side of (3): a call that hands back a string and does nothing else

const results = [
  await compare('tracedQuery(sql, work) vs work()',
    () => nsPerAsyncCall(work, ASYNC_CALLS), () => nsPerAsyncCall(() => tracedQuery(SQL, work), ASYNC_CALLS)),
  await compare("traced(name, 'client', headers, work, { traceparent }) vs work()",
    () => nsPerAsyncCall(work, ASYNC_CALLS), () => nsPerAsyncCall(() => traced('GET products', 'client', headers, work, { traceparent: VALID }), ASYNC_CALLS)),
  await compare('incomingTraceparent({}) (makes one) vs a bare call',
    () => nsPerSyncCall(noTraceparent, SYNC_CALLS), () => nsPerSyncCall(() => incomingTraceparent({}), SYNC_CALLS)),
  await compare('incomingTraceparent({ traceparent: valid }) vs a bare call',
    () => nsPerSyncCall(noTraceparent, SYNC_CALLS), () => nsPerSyncCall(() => incomingTraceparent({ traceparent: VALID }), SYNC_CALLS)),
];
const round1 = (ns: number) => Math.round(ns * 10) / 10;
console.table(results.map((r) => ({ what: r.what, 'bare ns': round1(r.bareNs), 'wrapped ns': round1(r.wrappedNs), 'overhead ns': round1(r.overheadNs) })));

// One GET /api/products/{id} through the gateway, with no traceparent sent (as the bench sends none): the
// gateway makes one (incomingTraceparent) and wraps its one upstream call (traced); products answers from
// its read cache (one SELECT per id per CACHE_TTL_MS, 1 s, so about none per request under load), or with
// the cache off, one SELECT (findProduct), one tracedQuery.
const [query, upstream, made] = results.map((r) => Math.max(0, r.overheadNs));
const cpuPerRequestNs = (1e9 / productRps) * CORES;
for (const queries of [0, 1]) {
  const overheadNs = made + upstream + queries * query;
  const share = (overheadNs / cpuPerRequestNs) * 100;
  console.log(`GET /api/products/{id}, ${queries} quer${queries === 1 ? 'y' : 'ies'} (${queries ? 'cache off' : 'cached'}): ` +
    `${round1(overheadNs)} ns of tracing-off wrappers per request, of ${Math.round(cpuPerRequestNs)} ns CPU per request ` +
    `(${productRps} req/s on ${CORES} cores): ${share.toFixed(3)}%`);
}
if (sink === 0.5) console.log(sink); // never true: keeps the sink alive
