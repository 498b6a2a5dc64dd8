// Builds the web UI after `npm install` so `npm start` serves it; a missing web workspace is not an error.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (existsSync('web/index.html') && !process.env.EMPORIUM_SKIP_WEB_BUILD) {
  const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
