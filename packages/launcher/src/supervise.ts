import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopProcess } from '@emporium/kit/processes';
import { consoleLine, say } from './console.ts';
import type { ProcessSpec } from './plan.ts';

const STOP_GRACE_MS = 10_000;
/** Stack traces name the TypeScript sources (each program ships its source map). */
const NODE_FLAGS = ['--enable-source-maps'];
const CONFIG_ERROR_EXIT = 78;
const HEALTHY_RUN_MS = 60_000;
/** A process that dies this often before it was ever ready is broken, not unlucky: give up early. */
const STARTUP_CRASH_LIMIT = 4;
// The compiled guard, whether the launcher itself runs compiled (dist/) or from its sources (tests).
const ORPHAN_GUARD = fileURLToPath(new URL('../dist/orphan-guard.js', import.meta.url));

export interface Supervised {
  readonly name: string;
  /** The process ids this supervisor has started so far (the e2e test checks they are all gone). */
  readonly pids: number[];
  /** Resolves the first time the process answers /health/ready; rejects if it cannot get there. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
  /** The impatient way out (a second Ctrl-C): SIGKILL now. */
  kill(): void;
}

export interface SuperviseOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  logFile: string;
  readyTimeoutMs: number;
  /** Called when the process cannot run at all (bad configuration): the launcher gives up. */
  onFatal(reason: string): void;
}

/** Restart delay after the n-th crash in a row: 1 s, 2 s, 4 s ... at most 30 s. */
export const backoffMs = (crashes: number) => Math.min(30_000, 1000 * 2 ** Math.max(0, crashes - 1));

/** Runs one process, keeps it running (restarts with backoff, says so) and stops it on request. */
export function supervise(spec: ProcessSpec, options: SuperviseOptions): Supervised {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const pids: number[] = [];
  let child: ChildProcess | undefined;
  let stopping = false;
  let crashes = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let everReady = false;
  let startupCrashes = 0;

  const launch = () => {
    const startedAt = Date.now();
    log.write(`\n--- ${new Date().toISOString()} starting ${spec.label} on port ${spec.port}\n`);
    const flags = [...NODE_FLAGS, ...(process.env.EMPORIUM_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
    // The platform's programs are compiled; a TypeScript script (a test's fixture) runs through tsx.
    const loader = spec.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
    child = spawn(process.execPath, [...flags, ...loader, '--import', ORPHAN_GUARD, spec.script], {
      cwd: options.cwd,
      env: { ...options.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: a terminal's Ctrl-C reaches only the launcher, which stops everyone in order.
      detached: true,
    });
    if (child.pid) pids.push(child.pid);
    pipeOutput(child, spec.label, log);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (code === CONFIG_ERROR_EXIT) return options.onFatal(`${spec.label} refused its configuration (see ${options.logFile})`);
      crashes = Date.now() - startedAt > HEALTHY_RUN_MS ? 1 : crashes + 1;
      if (!everReady && ++startupCrashes >= STARTUP_CRASH_LIMIT) return;
      const delay = backoffMs(crashes);
      say.warn(`${spec.label} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s (log: ${options.logFile})`);
      restartTimer = setTimeout(() => {
        launch();
        if (everReady) void announceWhenBack();
      }, delay);
    });
  };

  const announceWhenBack = async () => {
    const current = child;
    while (!stopping && current === child && !(await answersReady(spec.readyUrl))) await sleep(250);
    if (!stopping && current === child) say.info(`${spec.label} is back on port ${spec.port} (pid ${pids.at(-1)})`);
  };

  const waitReady = async () => {
    const deadline = Date.now() + options.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (stopping) throw new Error(`${spec.label} was stopped before it became ready`);
      if (startupCrashes >= STARTUP_CRASH_LIMIT) throw new Error(`${spec.label} crashed ${startupCrashes} times while starting (see ${options.logFile})`);
      if (await answersReady(spec.readyUrl)) {
        everReady = true;
        return;
      }
      await sleep(200);
    }
    throw new Error(`${spec.label} did not become ready within ${options.readyTimeoutMs / 1000} s (see ${options.logFile})`);
  };

  const stop = async () => {
    stopping = true;
    clearTimeout(restartTimer);
    if (child) await stopChild(child);
    await new Promise((resolve) => log.end(resolve));
  };

  launch();
  const ready = waitReady();
  ready.catch(() => {}); // the caller decides what a failed start means; never an unhandled rejection
  const kill = () => {
    stopping = true;
    clearTimeout(restartTimer);
    if (child && isRunning(child)) child.kill('SIGKILL');
  };
  return { name: spec.label, pids, ready, stop, kill };
}

function pipeOutput(child: ChildProcess, name: string, log: WriteStream) {
  for (const [stream, fromStderr] of [[child.stdout, false], [child.stderr, true]] as const) {
    if (!stream) continue;
    stream.pipe(log, { end: false });
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      const shown = consoleLine(name, line, fromStderr);
      if (shown) console.log(shown);
    });
  }
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** SIGTERM, then SIGKILL if it is still there after the grace period. */
const stopChild = (child: ChildProcess) => stopProcess(child, 'SIGTERM', STOP_GRACE_MS);

async function answersReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
