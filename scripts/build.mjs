// Compiles every process the platform runs (the launcher, each service, the gateway) into one JavaScript
// file each, `<package>/dist/*.js` with a source map, so nothing compiles TypeScript at run time (tsx held
// about 100 MB more per process and slowed every start). The workspace's own packages (@emporium/kit) are
// bundled in; every other package stays an ordinary import from node_modules.
// `--if-stale` builds only when a source file is newer than the output (what `npm start` and `npm test` do).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const entries = [
  ['packages/launcher/src/start.ts', 'packages/launcher/dist/start.js'],
  ['packages/launcher/src/orphan-guard.ts', 'packages/launcher/dist/orphan-guard.js'],
  ['gateway/src/server.ts', 'gateway/dist/server.js'],
  ...readdirSync('services')
    .filter((name) => existsSync(join('services', name, 'src', 'server.ts')))
    .map((name) => [`services/${name}/src/server.ts`, `services/${name}/dist/server.js`]),
];

/** Newest modification time of the TypeScript sources (the kit's included) and this script. */
function newestSource() {
  let newest = statSync(new URL(import.meta.url).pathname).mtimeMs;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name === 'test') continue;
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (name.endsWith('.ts')) newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const dir of ['packages', 'services', 'gateway']) walk(dir);
  return newest;
}

const isStale = () => {
  const newest = newestSource();
  return entries.some(([, out]) => !existsSync(out) || statSync(out).mtimeMs < newest);
};

/** Bare imports stay imports, except the workspace's own TypeScript packages. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@emporium/') ? undefined : { path: args.path, external: true }));
  },
};

if (!process.argv.includes('--if-stale') || isStale()) {
  const started = Date.now();
  await Promise.all(
    entries.map(([entry, outfile]) =>
      build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        sourcemap: 'linked',
        plugins: [externalPackages],
        logLevel: 'warning',
      }),
    ),
  );
  console.log(`built ${entries.length} programs in ${Date.now() - started} ms`);
}
