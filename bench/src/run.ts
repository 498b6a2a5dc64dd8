// `npm run bench`: the platform against baselines measured in the same run, so the ratios hold
// on any machine. EMPORIUM_POSTGRES=postgres://... runs the platform on PostgreSQL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measure, measureAgainst, type LoadOptions, type LoadResult } from './load.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { platformMemory } from './memory.ts';
import { startBaselines, startPlatform } from './platform.ts';
import { orderRequest, prepareOrderLoad } from './orders.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Each platform case: 20 s of load in 5 slices, each after a slice of the one-hop baseline (see measureAgainst).
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
// Each case is warmed up first. The platform is six processes JIT-compiling on the same cores: under
// order load it reaches its steady rate only after about 10 s (a second load on the same platform
// starts there at once), while the bare baselines are warm within a second.
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
const portBase = Number(process.env.BENCH_PORT_BASE ?? 18080);
const load = { connections, durationSeconds, warmupSeconds };
// BENCH_ONLY=orders measures the baselines and only the cases whose name contains it (for quick iterations).
const only = process.env.BENCH_ONLY;
const wanted = (name: string) => !only || name.includes(only);

const baselines = await startBaselines();
// A first start on an empty data folder, then a restart on the same data: the one measured under load.
const first = await startPlatform(portBase);
await first.stop();
const platform = await startPlatform(portBase, first.dataDir);
const startSeconds = { first: first.readyMs / 1000, restart: platform.readyMs / 1000 };
console.log('ready after (s):', startSeconds);
await sleep(5000); // idle: what a shop holds between customers
const memoryIdle = platformMemory(platform.launcherPid);
console.log('memory idle (MiB):', memoryIdle);
const results: LoadResult[] = [];
try {
  results.push(await measure({ ...load, name: 'baseline: bare node:http, ~1 KB JSON', url: `${baselines.origin}/product` }));
  const oneHop = { ...load, name: 'baseline: one-hop node proxy', url: `${baselines.proxy}/product` };
  results.push(await measure(oneHop));
  const platformCase = (options: LoadOptions) => measureAgainst(oneHop, options, rounds);
  const page = await (await fetch(`${platform.gateway}/api/products?limit=20`)).json();
  const id = page.items[0].id;
  if (wanted('product')) {
    results.push(await platformCase({ ...load, name: 'gateway: GET /api/products/{id}', url: `${platform.gateway}/api/products/${id}` }));
    results.push(await platformCase({ ...load, name: 'gateway: GET /api/products?limit=20', url: `${platform.gateway}/api/products?limit=20` }));
  }
  if (wanted('orders')) {
    results.push(...(await orderCases(platform.gateway, platformCase, [false, true], '')));
  }
  const memoryAfterLoad = platformMemory(platform.launcherPid);
  await platform.stop();
  // Scale-out (issue 18): the same order load on two instances of every service, behind the one gateway.
  if (wanted('replicas')) {
    const twice = await startPlatform(portBase, undefined, { EMPORIUM_REPLICAS: '2' });
    try {
      results.push(...(await orderCases(twice.gateway, platformCase, [true], ', two instances of every service')));
    } finally {
      await twice.stop();
    }
  }
  // The platform cases carry the ratio of their own slices; the bare server's is to the one-hop run above.
  for (const r of results) r.ratioToOneHop ??= Math.round((r.requestsPerSecond / results[1].requestsPerSecond) * 100) / 100;
  const report = {
    at: new Date().toISOString(),
    database: process.env.EMPORIUM_POSTGRES ? 'postgres' : 'embedded',
    node: process.version,
    cpus: cpus().length,
    connections,
    durationSeconds,
    results,
    startSeconds,
    memoryIdle,
    memoryAfterLoad,
  };
  console.table(results.map((r) => ({ ...r })));
  const failing = results.filter((r) => r.non2xx > 0 || r.errors > 0).map((r) => r.name);
  if (failing.length) console.warn(`not every answer was a 2xx in: ${failing.join('; ')}: those figures do not count`);
  console.log('memory after the load (MiB):', memoryAfterLoad);
  const dir = fileURLToPath(new URL('../results', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/latest.json`, JSON.stringify(report, null, 2));
  writeFileSync(`${dir}/${report.database}-latest.json`, JSON.stringify(report, null, 2));
} finally {
  await platform.stop();
  baselines.stop();
}

/** Order placement, 2 lines and the demo's method, without and/or with the demo's code (a fresh idempotency key each). */
async function orderCases(gateway: string, platformCase: (options: LoadOptions) => Promise<LoadResult>, withCode: boolean[], suffix: string) {
  const results: LoadResult[] = [];
  for (const code of withCode) {
    const orders = await prepareOrderLoad(gateway, code);
    if (!orders) continue;
    results.push(
      await platformCase({
        ...load,
        name: `gateway: POST /api/orders (2 lines, a method${code ? ' and a code' : ''}, fresh key${suffix})`,
        ...orderRequest(gateway, orders),
      }),
    );
  }
  return results;
}
