import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const hasEnded = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Sends `signal`, then SIGKILL if the process is still there after `graceMs`; resolves once it has exited. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (hasEnded(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Whether a process runs. One that ended but was not yet reaped by whoever adopted it (a zombie, as
 * the children of a killed launcher are where nothing reaps them) does not. Without /proc, the
 * process existing is all that can be told.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}
