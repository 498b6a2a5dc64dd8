// After `npm install`: compiles the platform's programs (scripts/build.mjs) and builds the web UI, so
// `npm start` serves it at once; a missing web workspace is not an error.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(process.execPath, ['scripts/build.mjs']);
if (existsSync('web/index.html') && !process.env.EMPORIUM_SKIP_WEB_BUILD) run('npm', ['run', 'build', '-w', 'web']);
