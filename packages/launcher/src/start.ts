// `npm start`: every service that exists and the gateway, each its own process, on one machine.
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { say } from './console.ts';
import type { EmbeddedServer } from './embedded-postgres.ts';
import { runDemoActivityOnce } from './demo-activity.ts';
import { existingServices, planProcesses, plannedPorts, reachableHost, readSettings, SERVICES, type ProcessSpec, type Settings } from './plan.ts';
import { buildWebIfMissing, createDatabases, keyEncryptionKey, portsInUse, startDatabaseServer } from './prepare.ts';
import { supervise, type Supervised } from './supervise.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const running: Supervised[] = [];
let stopping = false;
let stopRequestedAt = 0;
let database: EmbeddedServer | undefined;

async function main() {
  let settings: Settings;
  try {
    settings = readSettings(process.env, root);
  } catch (err) {
    return fail((err as Error).message, 78);
  }
  if (!settings.authKeyEncryptionKey && !process.env.AUTH_SIGNING_KEY_FILE) settings.authKeyEncryptionKey = await keyEncryptionKey(settings.dataDir);
  const services = existingServices(root);
  const busy = await portsInUse(plannedPorts(settings, services));
  if (busy.length) return fail(`${busy.join(', ')} already in use. Is Emporium already running? Choose other ports with EMPORIUM_PORT_BASE.`, 1);
  await mkdir(join(settings.dataDir, 'logs'), { recursive: true });
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  if (!settings.postgres) {
    database = await startDatabaseServer(settings);
    settings = { ...settings, postgres: database.url };
  }
  await createDatabases(settings, services);
  if (settings.buildWeb) await buildWebIfMissing(root, join(settings.dataDir, 'logs', 'web-build.log'));

  const specs = planProcesses(settings, services);
  const several = services.filter((name) => settings.replicas[name] > 1).map((name) => `${name} x${settings.replicas[name]}`);
  say.info(`starting ${services.join(', ') || 'no services yet'}${several.length ? ` (${several.join(', ')})` : ''} ...`);
  // All at once: the gateway needs no service to start, and its readiness waits for theirs.
  await startAll(settings, specs);
  printBanner(settings, specs);
  if (settings.demoActivity && SERVICES.every((name) => services.includes(name)) && !stopping) {
    void runDemoActivityOnce(`http://${reachableHost(settings.gatewayHost)}:${settings.portBase}`, settings.dataDir, say.info);
  }
}

async function startAll(settings: Settings, specs: ProcessSpec[]) {
  const started = specs.map((spec) =>
    supervise(spec, {
      cwd: root,
      env: inheritedEnv(),
      logFile: join(settings.dataDir, 'logs', `${spec.label}.log`),
      readyTimeoutMs: settings.readyTimeoutMs,
      onFatal: (reason) => void stopAll(1, reason),
    }),
  );
  running.push(...started);
  try {
    await Promise.all(started.map((s) => s.ready));
  } catch (err) {
    if (!stopping) await stopAll(1, (err as Error).message);
  }
}

/** The launcher's environment minus what it sets per process, so a stray DATABASE_URL or key in the shell cannot leak in. */
function inheritedEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  const owned = ['PORT', 'HOST', 'DATABASE_URL', 'SERVICE_TOKEN_SECRET', 'DEMO_MODE', 'UPSTREAMS', 'AUTH_PUBLIC_JWK', 'AUTH_JWKS_URL', 'TEST_DATABASE_URL'];
  for (const key of [...owned, ...SERVICES.map((s) => `${s.toUpperCase()}_URL`)]) delete env[key];
  return env;
}

function printBanner(settings: Settings, specs: ProcessSpec[]) {
  const url = `http://localhost:${settings.portBase}`;
  const pidOf = (label: string) => running.find((r) => r.name === label)?.pids.at(-1);
  const rows = specs.map((spec) => [
    spec.label,
    spec.name === 'gateway' ? url : `http://127.0.0.1:${spec.port}`,
    spec.storage ? storageLabel(spec.storage) : '',
    `pid ${pidOf(spec.label)}`,
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
  if (database) lines.push(`  PostgreSQL (embedded): ${storageLabel(database.url)}, data in ${shortPath(join(settings.dataDir, 'postgres'))}, pid ${database.pid}`);
  const missing = SERVICES.filter((name) => !specs.some((s) => s.name === name));
  if (missing.length) lines.push(`  not built yet: ${missing.join(', ')} (their /api routes answer 503)`);
  if (specs.some((s) => s.name === 'users')) {
    if (settings.adminEmail && settings.adminPassword) lines.push(`  admin account: ${settings.adminEmail} (password from ADMIN_PASSWORD)`);
    if (settings.demo) lines.push('  demo accounts: admin@emporium.test / admin-demo, employee@emporium.test / employee-demo, customer@emporium.test / customer-demo');
  }
  if (settings.demo && specs.some((s) => s.name === 'discounts')) lines.push('  demo promotion code: WELCOME10 (10% off any order)');
  lines.push(`  gateway listens on ${settings.gatewayHost ?? '0.0.0.0'} (${settings.gatewayHostReason})`);
  if (settings.demo && !['127.0.0.1', 'localhost', '::1'].includes(settings.gatewayHost ?? '')) {
    lines.push('  warning: demo mode with published passwords is reachable from the network; set EMPORIUM_DEMO=false for a real shop');
  }
  lines.push(`  logs: ${shortPath(join(settings.dataDir, 'logs'))}/<service>.log (warnings and errors show here too). Ctrl-C stops everything.`);
  say.info(`Emporium is ready at ${url} (API docs: ${url}/docs)\n${lines.join('\n')}`);
}

/** A data folder relative to where we stand, or a database URL without its credentials. */
function storageLabel(storage: string): string {
  return storage.startsWith('postgres') ? storage.replace(/\/\/[^@/]*@/, '//') : shortPath(storage);
}

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

async function stopAll(code: number, reason?: string) {
  if (stopping) {
    // One Ctrl-C reaches us more than once (from the terminal, and relayed by npm and tsx): only a
    // second press a moment later means "stop now".
    if (Date.now() - stopRequestedAt < 1500) return;
    say.warn('stopping right now (SIGKILL)');
    for (const r of running) r.kill();
    process.exit(code || 130);
  }
  stopping = true;
  stopRequestedAt = Date.now();
  if (reason) say.error(reason);
  say.info('stopping ...');
  // The gateway first, so no new traffic arrives while the services drain.
  const gateway = running.filter((r) => r.name === 'gateway');
  await Promise.all(gateway.map((r) => r.stop()));
  await Promise.all(running.filter((r) => r.name !== 'gateway').map((r) => r.stop()));
  await database?.stop();
  say.info('stopped');
  process.exit(code);
}

function fail(message: string, code: number) {
  say.error(message);
  process.exit(code);
}

main().catch((err) => void stopAll(1, `could not start: ${(err as Error).message}`));
