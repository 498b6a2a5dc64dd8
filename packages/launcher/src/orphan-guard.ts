import { Worker } from 'node:worker_threads';

// Loaded into every process the launcher starts (node --import). When the launcher dies without
// stopping its children (kill -9, a crashed terminal), the IPC channel to it closes: stop
// gracefully then, instead of living on as an orphan that holds its port.
const BACKSTOP_MS = 15_000;

if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => {
    // The backstop runs on a thread of its own, because the main thread may be what is stuck: the output
    // sockets' reader (the launcher) is gone, and pino's last flush at exit (sonic-boom 4.2.1 `flushSync`)
    // retries a failed write every 100 ms for any error, EPIPE included: a service whose last log lines were
    // still buffered slept in that loop for good, past its own shutdown timer (seen in CI, and here under gdb).
    const backstop = `setTimeout(() => process.kill(${process.pid}, 'SIGKILL'), ${BACKSTOP_MS})`;
    new Worker(backstop, { eval: true }).unref();
    process.kill(process.pid, 'SIGTERM');
  });
}
