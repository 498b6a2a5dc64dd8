// Memory of the whole platform as the kernel accounts it: every process under the launcher (the
// launcher, each service, the gateway, the embedded PostgreSQL server and its backends), each as PSS
// (proportional set size, /proc/<pid>/smaps_rollup: a page shared by N processes counts 1/N in each,
// so the sum is what the platform really holds) and RSS beside it (shared pages counted in every process).
import { readdirSync, readFileSync } from 'node:fs';

export interface MemoryReport {
  /** MiB per part of the platform: launcher, each service, gateway, postgres (server and backends together). */
  pssMiB: Record<string, number>;
  rssMiB: Record<string, number>;
  totalPssMiB: number;
  totalRssMiB: number;
}

/** The process ids of `root` and everything below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in `stat` may hold spaces and parentheses: the parent id follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

function kB(file: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Which part of the platform a process is, from its command line. */
export function partOf(pid: number, root: number): string {
  if (pid === root) return 'launcher';
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  const service = /services\/([a-z]+)\/dist\//.exec(command);
  if (service) return service[1];
  if (command.includes('gateway/dist/')) return 'gateway';
  if (command.includes('postgres')) return 'postgres';
  return 'other';
}

export function platformMemory(launcherPid: number): MemoryReport {
  const pss: Record<string, number> = {};
  const rss: Record<string, number> = {};
  for (const pid of processTree(launcherPid)) {
    const part = partOf(pid, launcherPid);
    pss[part] = (pss[part] ?? 0) + kB(`/proc/${pid}/smaps_rollup`, 'Pss');
    rss[part] = (rss[part] ?? 0) + kB(`/proc/${pid}/status`, 'VmRSS');
  }
  const toMiB = (table: Record<string, number>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, Math.round(v / 1024)]));
  const sum = (table: Record<string, number>) => Math.round(Object.values(table).reduce((a, b) => a + b, 0) / 1024);
  return { pssMiB: toMiB(pss), rssMiB: toMiB(rss), totalPssMiB: sum(pss), totalRssMiB: sum(rss) };
}
