// CPU time of the whole platform by part, as the kernel accounts it (/proc/<pid>/stat utime + stime), with
// PostgreSQL's backends by the database they serve: where an order's work goes (bench/src/profile-orders.ts).
import { readFileSync } from 'node:fs';
import { partOf, processTree } from './memory.ts';

const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by each part of the platform under the launcher. */
export function platformCpuSeconds(launcherPid: number): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const pid of processTree(launcherPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number);
      const part = partOf(pid, launcherPid) === 'postgres' ? postgresPart(pid) : partOf(pid, launcherPid);
      seconds[part] = (seconds[part] ?? 0) + (utime + stime) / TICKS_PER_SECOND;
    } catch {
      // ended meanwhile
    }
  }
  return seconds;
}

/** `postgres: postgres emporium_bench_orders ...` is a backend of orders' database; the rest is the server's own. */
function postgresPart(pid: number): string {
  const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  const database = /emporium_(?:bench_)?([a-z]+)/.exec(title);
  return database ? `postgres ${database[1]}` : 'postgres';
}
