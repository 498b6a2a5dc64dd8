// `npm run bench:catalog`: the catalog at shop scale (issue 20). On a fresh platform it imports 1,000
// generated products through the gateway's CSV import and measures a search with facets and a filtered
// page against the one-hop baseline; then imports a 100,000-row file (the same first 1,000 rows and
// 99,000 new ones), timing it, and measures the same two cases again. Goals: p99 at 100k within 1.5x of
// p99 at 1k; the 100k-row import in under 60 s.
import { mkdirSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeCatalogCsv } from './catalog-data.ts';
import { measure, measureAgainst, type LoadOptions, type LoadResult } from './load.ts';
import { EMPLOYEE, login } from './orders.ts';
import { startBaselines, startPlatform } from './platform.ts';

const load = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSeconds: Number(process.env.BENCH_SECONDS ?? 20),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 15),
};
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const portBase = Number(process.env.BENCH_PORT_BASE ?? 18180);
const SEARCH = '/api/products?q=steel%20kettle&facets=true';
const FILTERED = '/api/products?category=Kitchen&minPrice=1000&maxPrice=5000&sort=price_asc';

/** Uploads a file to the import and waits for its job; the time runs from the first byte sent to the job done. */
async function importFile(gateway: string, token: string, path: string) {
  const startedAt = Date.now();
  const res = await fetch(`${gateway}/api/products/import`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: await openAsBlob(path),
  });
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const { jobId } = await res.json();
  for (;;) {
    // Only the counts: the bench's rows have no errors, and a poll should not carry them.
    const job = await (await fetch(`${gateway}/api/products/import/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json();
    if (job.status !== 'running') {
      const { errors, ...counts } = job;
      if (job.status !== 'done' || errors.length) throw new Error(`import ${job.status}: ${JSON.stringify(job).slice(0, 500)}`);
      return { seconds: (Date.now() - startedAt) / 1000, ...counts };
    }
    await sleep(250);
  }
}

const baselines = await startBaselines();
const platform = await startPlatform(portBase);
const dir = mkdtempSync(join(tmpdir(), 'emporium-bench-catalog-'));
try {
  const token = await login(platform.gateway, EMPLOYEE);
  if (!token) throw new Error('the demo employee could not log in');
  const oneHop: LoadOptions = { ...load, name: 'baseline: one-hop node proxy', url: `${baselines.proxy}/product` };
  const results: LoadResult[] = [await measure(oneHop)];
  const cases = async (size: string) => {
    for (const [what, path] of [['search with facets', SEARCH], ['filtered page', FILTERED]]) {
      results.push(await measureAgainst(oneHop, { ...load, name: `${size}: ${what} GET ${path}`, url: `${platform.gateway}${path}` }, rounds));
    }
    return results.slice(-2);
  };

  await writeCatalogCsv(join(dir, '1k.csv'), 0, 1_000);
  const import1k = await importFile(platform.gateway, token, join(dir, '1k.csv'));
  console.log('import of 1,000 rows:', import1k);
  const [search1k, filtered1k] = await cases('1k');

  const bytes = await writeCatalogCsv(join(dir, '100k.csv'), 0, 100_000);
  const loadBefore = loadavg()[0];
  const import100k = await importFile(platform.gateway, token, join(dir, '100k.csv'));
  console.log(`import of 100,000 rows (${(bytes / 1e6).toFixed(1)} MB):`, import100k, `load average before ${loadBefore.toFixed(1)}`);
  const [search100k, filtered100k] = await cases('100k');

  const p99Ratio = (big: LoadResult, small: LoadResult) => Math.round((big.p99Ms / small.p99Ms) * 100) / 100;
  const report = {
    at: new Date().toISOString(),
    database: process.env.EMPORIUM_POSTGRES ? 'postgres' : 'embedded',
    node: process.version,
    cpus: cpus().length,
    loadAverageAtEnd: loadavg(),
    goals: { p99At100kOverP99At1k: 1.5, importSeconds: 60 },
    import100k: { ...import100k, bytes, loadAverageBefore: loadBefore },
    p99At100kOverP99At1k: { search: p99Ratio(search100k, search1k), filtered: p99Ratio(filtered100k, filtered1k) },
    results,
  };
  console.table(results.map((r) => ({ ...r, sliceRatios: r.sliceRatios?.join(' ') })));
  console.log('import of 100,000 rows (s):', import100k.seconds, '- p99 at 100k / p99 at 1k:', report.p99At100kOverP99At1k);
  const failing = results.filter((r) => r.non2xx > 0 || r.errors > 0).map((r) => r.name);
  if (failing.length) console.warn(`not every answer was a 2xx in: ${failing.join('; ')}: those figures do not count`);
  const out = fileURLToPath(new URL('../results', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/catalog-latest.json`, JSON.stringify(report, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
  await platform.stop();
  baselines.stop();
}
