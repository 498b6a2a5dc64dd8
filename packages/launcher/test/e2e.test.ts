// The platform as a newcomer runs it: the real (compiled) launcher, its embedded PostgreSQL server, real
// services as processes, calls through the gateway.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isRunning } from '@emporium/kit/processes';
import { freePortRange } from '@emporium/kit/testing';
import { existingServices } from '../src/plan.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const STARTUP_MS = 360_000;

describe('npm start, end to end', { timeout: 900_000 }, () => {
  let launcher: ChildProcess;
  let output = '';
  let gateway: string;
  let dataDir: string;
  let env: Record<string, string>;
  const services = existingServices(root);

  const call = async (path: string, init?: RequestInit) => fetch(`${gateway}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
  const json = async (path: string) => {
    const res = await call(path);
    assert.equal(res.status, 200, `${path} answered ${res.status}: ${await res.clone().text()}`);
    return res.json();
  };
  /** Waits until the launcher has printed a line matching `pattern`; fails with its output so far. */
  const waitForOutput = async (pattern: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(output)) {
      if (launcher.exitCode !== null) assert.fail(`the launcher exited (${launcher.exitCode}) before printing ${pattern}:\n${output}`);
      if (Date.now() > deadline) assert.fail(`no ${pattern} within ${ms / 1000} s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return pattern.exec(output)!;
  };
  const pidsSeen = () => [...output.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));

  before(async () => {
    // The gateway, eight services and the embedded PostgreSQL server after them.
    const portBase = await freePortRange(10);
    dataDir = await mkdtemp(join(tmpdir(), 'emporium-e2e-'));
    await chmod(dataDir, 0o755); // run as root, the embedded server runs as the user postgres
    gateway = `http://127.0.0.1:${portBase}`;
    env = {
      EMPORIUM_PORT_BASE: String(portBase),
      EMPORIUM_DATA_DIR: dataDir,
      EMPORIUM_POSTGRES_PORT: String(portBase + 9),
      EMPORIUM_HOST: '127.0.0.1',
      EMPORIUM_SKIP_WEB_BUILD: '1',
      EMPORIUM_READY_TIMEOUT_MS: String(STARTUP_MS),
    };
    startLauncher();
    await waitForOutput(/Emporium is ready at/, STARTUP_MS);
  }, { timeout: STARTUP_MS + 30_000 });

  /** `npm start` as its script runs it (the test run built dist/ first); the embedded server, not TEST_DATABASE_URL. */
  function startLauncher() {
    const inherited = { ...process.env };
    delete inherited.TEST_DATABASE_URL;
    output = '';
    // With an IPC channel and the orphan guard, the launcher stops everything even if this test process is killed.
    const guard = fileURLToPath(new URL('../dist/orphan-guard.js', import.meta.url));
    launcher = spawn(process.execPath, ['--enable-source-maps', '--import', guard, 'packages/launcher/dist/start.js'], {
      cwd: root,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    launcher.stdout!.on('data', (chunk) => (output += chunk));
    launcher.stderr!.on('data', (chunk) => (output += chunk));
  }

  after(async () => {
    if (launcher.exitCode === null) {
      launcher.kill('SIGKILL');
      for (const pid of pidsSeen()) killQuietly(pid);
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  test('the console says what runs where', () => {
    for (const name of [...services, 'gateway']) assert.match(output, new RegExp(`^\\s+${name}\\s+http://`, 'm'), name);
    assert.match(output, /http:\/\/localhost:\d+/);
  });

  test('the gateway is ready and every service behind it is up', async () => {
    const ready = await json('/health/ready');
    assert.equal(ready.status, 'ready');
    assert.deepEqual(Object.keys(ready.checks).sort(), [...services].sort());
    assert.ok(Object.values(ready.checks).every((state) => state === 'up'), JSON.stringify(ready.checks));
  });

  test('the demo catalog is there: a page of products, one by id, its image, the categories', async () => {
    assert.ok(services.includes('products'), 'the products service exists');
    const page = await json('/api/products?limit=5');
    assert.equal(page.items.length, 5);
    assert.equal(typeof page.nextCursor, 'string');
    const first = page.items[0];
    const one = await json(`/api/products/${first.id}`);
    assert.equal(one.id, first.id);
    assert.equal(one.name, first.name);
    assert.equal(one.price.currency, 'USD');
    assert.ok(Number.isInteger(one.price.amount));
    const image = await call(one.images[0]);
    assert.equal(image.status, 200, `${one.images[0]} is served`);
    assert.match(String(image.headers.get('content-type')), /image\/svg\+xml/);
    await image.arrayBuffer();

    const categories = await json('/api/categories');
    assert.ok(categories.items.length >= 6, `at least 6 categories, got ${categories.items.length}`);
    const total = categories.items.reduce((sum: number, c: { productCount: number }) => sum + c.productCount, 0);
    assert.ok(total >= 60, `at least 60 products, got ${total}`);
  });

  test("demo mode's first start gives the shop some life: products on sale, paid and delivered orders, reviews and ratings", async () => {
    const [, onSale, orders, reviews] = await waitForOutput(/demo activity: (\d+) products on sale, (\d+) orders, (\d+) reviews/, 120_000);
    assert.deepEqual([Number(onSale) > 0, Number(orders) > 0, Number(reviews) > 0], [true, true, true], output);
    const top = (await json('/api/products?sort=rating&limit=1')).items[0];
    assert.ok(top.rating.count > 0, 'the best rated product has reviews');
    const reviewed = await json(`/api/products/${top.id}/reviews`);
    assert.ok(reviewed.items.some((r: { verifiedPurchase: boolean }) => r.verifiedPurchase), 'from shoppers whose orders were delivered');
    const page = await json('/api/products?limit=60');
    assert.ok(page.items.some((p: { discount: unknown }) => p.discount !== null), 'some products are on sale');
  });

  test('the request id given by the caller comes back', async () => {
    const res = await call('/api/categories', { headers: { 'x-request-id': 'e2e-trace-1' } });
    assert.equal(res.headers.get('x-request-id'), 'e2e-trace-1');
    await res.arrayBuffer();
  });

  test('one API document covers every running service, and /docs shows it', async () => {
    const doc = await json('/openapi.json');
    assert.equal(doc['x-unavailable-services'], undefined);
    assert.ok(doc.paths['/api/products']?.get);
    assert.ok(doc.paths['/api/products/{id}']?.get);
    assert.ok(doc.paths['/api/categories']?.get);
    assert.ok(!Object.keys(doc.paths).some((path) => path.includes('/internal/')));
    const ui = await call('/docs/');
    assert.equal(ui.status, 200);
    assert.match(await ui.text(), /swagger/i);
    const home = await call('/');
    assert.equal(home.status, 200);
    assert.match(String(home.headers.get('content-type')), /text\/html/);
    await home.arrayBuffer();
  });

  test('a service that crashes is restarted, the console says so, and it serves again', async () => {
    const [, pid] = await waitForOutput(/\n\s+products\s+http:\S+\s+\S+\s+pid (\d+)/, 1000);
    process.kill(Number(pid), 'SIGKILL');
    await waitForOutput(/products exited \(SIGKILL\); restarting in/, 30_000);
    await waitForOutput(/products is back on port \d+ \(pid \d+\)/, STARTUP_MS);
    const page = await json('/api/products?limit=1');
    assert.equal(page.items.length, 1);
  });

  test('kill -9 of the launcher leaves no process behind, and the next start is not blocked by its leftovers', async () => {
    const pids = pidsSeen();
    const [, databasePid] = /PostgreSQL \(embedded\).*pid (\d+)/.exec(output)!;
    const firstProducts = (await json('/api/products?limit=1')).items[0].id;
    launcher.kill('SIGKILL');
    await once(launcher, 'exit');
    // The server is told at once (parent-death signal) and goes after its shutdown checkpoint, the services once
    // they have drained (orphan guard). A loaded machine's checkpoint can take seconds: the proof is that it goes.
    await until(() => !isRunning(Number(databasePid)), 30_000, 'the PostgreSQL server is gone');
    const left = () => pids.filter(isRunning).map((pid) => `${pid} ${commandOf(pid)}`).join('; ');
    await until(() => pids.every((pid) => !isRunning(pid)), 30_000, () => `every process is gone, left: ${left()}`);
    // A lock file whose process id now belongs to a live process that is not PostgreSQL (this test):
    // PostgreSQL alone would refuse to start, taking it for a running server.
    const lockFile = join(dataDir, 'postgres', 'postmaster.pid');
    await writeFile(lockFile, `${process.pid}\n${join(dataDir, 'postgres')}\n`);
    startLauncher();
    await waitForOutput(/Emporium is ready at/, STARTUP_MS);
    assert.equal((await json('/api/products?limit=1')).items[0].id, firstProducts, 'the same data, not a new catalog');
  });

  test('SIGTERM stops the launcher and every process it started', async () => {
    const pids = pidsSeen();
    assert.ok(pids.length >= services.length + 1, `pids of every process: ${pids}`);
    launcher.kill('SIGTERM');
    const [code] = (await once(launcher, 'exit')) as [number | null];
    assert.equal(code, 0, output);
    assert.match(output, /stopped/);
    for (const pid of pids) assert.equal(isRunning(pid), false, `process ${pid} is gone`);
  });
});

async function until(check: () => boolean, ms: number, what: string | (() => string)) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`not within ${ms / 1000} s: ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 200);
  } catch {
    return '?';
  }
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
