import { freePort } from '@emporium/kit/testing';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ProcessSpec } from '../src/plan.ts';
import { supervise } from '../src/supervise.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));

describe('supervising one process', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'launcher-test-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const run = async (script: string, onFatal: (reason: string) => void = () => {}) => {
    const port = await freePort();
    const spec: ProcessSpec = { name: 'products', label: 'products', script: fixture(script), port, readyUrl: `http://127.0.0.1:${port}/health/ready`, env: { PORT: String(port) }, storage: null };
    const logFile = join(folder, `${script}.log`);
    return { logFile, supervised: supervise(spec, { cwd: process.cwd(), env: process.env, logFile, readyTimeoutMs: 60_000, onFatal }) };
  };

  test('a process that keeps crashing while starting is given up on, with its output in the log', async () => {
    const { supervised, logFile } = await run('crash');
    await assert.rejects(supervised.ready, /products crashed 4 times while starting/);
    await supervised.stop();
    assert.equal(supervised.pids.length, 4);
    assert.match(await readFile(logFile, 'utf8'), /cannot start: simulated failure/);
  });

  test('a process that refuses its configuration stops the launcher instead of restarting', async () => {
    let reason = '';
    const { supervised } = await run('bad-config', (why) => (reason = why));
    while (!reason) await new Promise((resolve) => setTimeout(resolve, 50));
    await supervised.stop();
    assert.match(reason, /products refused its configuration/);
    assert.equal(supervised.pids.length, 1);
  });

  test('a process that ignores SIGTERM is killed after the grace period', async () => {
    const { supervised } = await run('stubborn');
    await supervised.ready;
    await supervised.stop();
    const [pid] = supervised.pids;
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
  });
});

