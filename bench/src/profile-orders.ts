// Where an order's time goes: the order load for a while, then each process's CPU seconds and the
// database's wait events sampled during it. BENCH_CODE=false leaves the code out. Not part of `npm run bench`.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { platformCpuSeconds } from './cpu.ts';
import { measure } from './load.ts';
import { orderRequest, prepareOrderLoad } from './orders.ts';
import { startPlatform } from './platform.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const platform = await startPlatform(18080, undefined, { EMPORIUM_POSTGRES_PORT: '18130', EMPORIUM_REPLICAS: process.env.EMPORIUM_REPLICAS ?? '' });
try {
  const orders = (await prepareOrderLoad(platform.gateway, process.env.BENCH_CODE !== 'false'))!;
  const options = { name: 'orders', connections: 50, durationSeconds: seconds, warmupSeconds: 10, ...orderRequest(platform.gateway, orders) };
  const snap = () => platformCpuSeconds(platform.launcherPid);
  const password = readFileSync(`${platform.dataDir}/postgres.password`, 'utf8').trim();
  const db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:18130/postgres` });
  await db.connect();
  const waits = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await db.query(`SELECT datname, coalesce(wait_event_type || ':' || wait_event, 'cpu') AS w, state FROM pg_stat_activity WHERE datname LIKE 'emporium%' AND state <> 'idle'`);
      for (const r of rows) {
        const key = `${r.datname.replace('emporium_bench_', '')} ${r.w}`;
        waits.set(key, (waits.get(key) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const before = snap();
  const t0 = Date.now();
  const result = await measure(options);
  const after = snap();
  sampling = false;
  await sampler;
  await db.end();
  console.log(result);
  const cpu = Object.entries(after).map(([n, t]) => [n, ((t - (before[n] ?? 0)) / ((Date.now() - t0) / 1000)).toFixed(2)]);
  console.log('CPU cores used on average:', Object.fromEntries(cpu.filter(([, v]) => Number(v) > 0.01)));
  console.log('wait samples:', Object.fromEntries([...waits].sort((a, b) => b[1] - a[1]).slice(0, 25)));
} finally {
  await platform.stop();
}
