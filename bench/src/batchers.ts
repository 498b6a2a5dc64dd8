// `npm run bench:batchers`: does each batcher still pay? Order placement (2 lines, a method and the demo code, a
// fresh idempotency key each) on a platform with every batcher on, then with each one off in turn
// (EMPORIUM_UNBATCHED, see createBatcher), then with all off. Each run is a platform of its own, started and
// stopped before the next, so one run's rows and warm caches never help another.
// BENCH_ONLY_BATCHERS=orders.save,products.take limits the runs (the all-batched one always runs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measure, type LoadResult } from './load.ts';
import { orderRequest, prepareOrderLoad } from './orders.ts';
import { startPlatform } from './platform.ts';

export const BATCHERS = [
  'orders.claim', 'orders.products.getMany', 'orders.discounts.quote', 'orders.discounts.check', 'orders.products.take', 'orders.discounts.redeem',
  'orders.save', 'products.find', 'products.take', 'discounts.findByCode', 'discounts.addRedemption',
];

const load = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSeconds: Number(process.env.BENCH_SECONDS ?? 15),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 10),
};
const portBase = Number(process.env.BENCH_PORT_BASE ?? 18080);

/** The runs: '' is every batcher on (the baseline), a name turns that batcher off, 'all' turns every one off. */
function runsWanted(): string[] {
  const only = process.env.BENCH_ONLY_BATCHERS?.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = only?.filter((n) => n !== 'all' && !BATCHERS.includes(n)) ?? [];
  if (unknown.length) throw new Error(`BENCH_ONLY_BATCHERS names no batcher ${unknown.join(', ')} (known: ${BATCHERS.join(', ')}, all)`);
  return ['', ...(only ?? [...BATCHERS, 'all'])];
}

/** Order placement on a platform of its own with `unbatched` off ('' sets the knob empty, so a shell's value cannot leak in). */
async function measureOrders(unbatched: string): Promise<LoadResult> {
  const platform = await startPlatform(portBase, undefined, { EMPORIUM_UNBATCHED: unbatched });
  try {
    const orders = await prepareOrderLoad(platform.gateway, true);
    if (!orders) throw new Error('the platform has no orders or users service to place orders with');
    return await measure({
      ...load,
      name: unbatched ? `unbatched: ${unbatched}` : 'every batcher on',
      ...orderRequest(platform.gateway, orders),
    });
  } finally {
    await platform.stop();
  }
}

const results: (LoadResult & { unbatched: string })[] = [];
for (const unbatched of runsWanted()) {
  results.push({ unbatched, ...(await measureOrders(unbatched)) });
  console.log(`${results.at(-1)!.name}: ${results.at(-1)!.requestsPerSecond} req/s`);
}
// The ratio is to the all-batched run of this same script: below 1, turning that batcher off cost throughput.
const base = results[0].requestsPerSecond;
const rows = results.map((r) => ({ ...r, ratioToAllBatched: Math.round((r.requestsPerSecond / base) * 100) / 100 }));
console.table(rows.map((r) => ({ name: r.name, 'req/s': r.requestsPerSecond, 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, ratio: r.ratioToAllBatched })));
const failing = rows.filter((r) => r.non2xx > 0 || r.errors > 0).map((r) => r.name);
if (failing.length) console.warn(`not every answer was a 2xx in: ${failing.join('; ')}: those figures do not count`);
const report = {
  at: new Date().toISOString(),
  database: process.env.EMPORIUM_POSTGRES ? 'postgres' : 'embedded',
  node: process.version,
  cpus: cpus().length,
  ...load,
  results: rows,
};
const dir = fileURLToPath(new URL('../results', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/batchers-latest.json`, JSON.stringify(report, null, 2));
