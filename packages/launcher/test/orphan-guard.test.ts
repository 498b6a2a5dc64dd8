// The orphan guard (src/orphan-guard.ts), loaded into a process as the launcher loads it, when the launcher goes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const guard = fileURLToPath(new URL('../src/orphan-guard.ts', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/stuck-on-exit.ts', import.meta.url));

test('an orphan whose own shutdown never ends is killed by the guard all the same', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', guard, fixture], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  try {
    await once(child.stdout!, 'data'); // ready, the guard loaded
    const startedAt = Date.now();
    child.disconnect(); // what the child sees when the launcher dies: its channel closes
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const outcome = await Promise.race([exited, sleep(30_000, 'still running' as const)]);
    assert.notEqual(outcome, 'still running', 'the orphan is still there 30 s after its launcher went');
    const seconds = (Date.now() - startedAt) / 1000;
    assert.deepEqual(outcome, [null, 'SIGKILL'], 'the backstop, not the program, ended it');
    assert.ok(seconds >= 14, `gone after ${seconds} s: the backstop's 15 s`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
