// Runs every test file of the platform with node's test runner (TypeScript through tsx).
// `--postgres` runs the same suite against the PostgreSQL at TEST_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres), each test file in fresh databases.
// Other arguments narrow the run to files whose path contains them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes('--postgres')) {
  env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
}
const filters = args.filter((a) => !a.startsWith('--'));

const roots = ['packages', 'services', 'gateway', 'bench', 'tests'];
const skip = new Set(['node_modules', 'dist', 'data', 'web']);
function find(dir, out) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}
const files = roots.filter((root) => existsSync(root)).flatMap((root) => find(root, [])).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// End-to-end files start the whole platform (minutes on a busy machine), so they run after the rest,
// one at a time and with a longer timeout; a hang anywhere else is still caught after 5 minutes.
const isEndToEnd = (f) => /e2e\.test\.ts$/.test(f);
const runs = [
  { files: files.filter((f) => !isEndToEnd(f)), flags: ['--test-concurrency=2', '--test-timeout=300000'] },
  { files: files.filter(isEndToEnd), flags: ['--test-concurrency=1', '--test-timeout=900000'] },
].filter((run) => run.files.length > 0);
console.log(`${files.length} test files${env.TEST_DATABASE_URL ? ` against ${env.TEST_DATABASE_URL}` : ' on embedded PGlite'}`);
let failed = false;
for (const run of runs) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...run.flags, ...run.files], { stdio: 'inherit', env });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
