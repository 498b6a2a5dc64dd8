// The generated bad-input suite of issue 14 (finding 6): from the gateway's /openapi.json, every operation
// as every role, with wrong types, missing and extra fields, empty and huge strings, control characters,
// numbers out of range, bad ids and cursors, wrong content types and broken JSON. It passes when no answer
// is a 5xx, every 4xx is problem+json, none takes over 1 s, and no database changed.
// Needs TEST_DATABASE_URL (a PostgreSQL server); `npm run test:bad-input`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { casesOf, operationsOf, type Case } from './cases.ts';
import { changedTables, settledDigest, type Digest } from './digest.ts';
import { startPlatform, type Platform } from './platform.ts';
import { inParallel, judge, send, stillValid, type Verdict } from './send.ts';

const postgres = process.env.TEST_DATABASE_URL;
const root = fileURLToPath(new URL('../../', import.meta.url));
const DEMO = { customer: ['customer@emporium.test', 'customer-demo'], employee: ['employee@emporium.test', 'employee-demo'], admin: ['admin@emporium.test', 'admin-demo'] };
/** Requests in flight at once: enough to keep the platform busy on two cores without queueing past the 1 s guard. */
const WIDTH = 4;

describe('bad input through the gateway', { skip: postgres ? false : 'needs TEST_DATABASE_URL (a PostgreSQL server)', timeout: 900_000 }, () => {
  let platform: Platform;
  let doc: { paths: Record<string, Record<string, never>> };
  const roles: Record<string, Record<string, string>> = { anonymous: {} };

  before(async () => {
    platform = await startPlatform(postgres!);
    doc = await (await fetch(`${platform.url}/openapi.json`)).json();
    for (const [role, [email, password]] of Object.entries(DEMO)) {
      const res = await fetch(`${platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      const text = await res.text();
      assert.equal(res.status, 200, `the demo ${role} could not sign in: ${text}`);
      roles[role] = { authorization: `Bearer ${(JSON.parse(text) as { accessToken: string }).accessToken}` };
    }
  }, { timeout: 400_000 });

  after(async () => platform?.stop(), { timeout: 120_000 });

  test('finding 6: every operation as every role refuses bad input with a 4xx problem in time, and no database changes', { timeout: 600_000 }, async () => {
    const operations = operationsOf(doc as never);
    assert.ok(operations.length >= 25, `only ${operations.length} operations in /openapi.json`);
    const before: Digest = await settledDigest(platform.databases);
    const valid = stillValid(operations);
    const work: Array<{ role: string; c: Case }> = [];
    let skipped = 0;
    for (const op of operations) {
      for (const c of casesOf(op)) {
        if (valid(c, op)) skipped++;
        else for (const [role, headers] of Object.entries(roles)) work.push({ role, c: { ...c, headers: { ...c.headers, ...headers } } });
      }
    }
    const failures: Verdict[] = [];
    await inParallel(work, WIDTH, async ({ role, c }) => {
      const answer = await send(platform.url, c);
      const why = judge(answer);
      if (why) failures.push({ label: `${role}: ${c.label}`, status: answer.status, ms: answer.ms, why });
    });
    const after = await settledDigest(platform.databases);
    const report = failures.slice(0, 40).map((f) => `${f.label} -> ${f.why}`).join('\n');
    console.log(`${work.length} requests over ${operations.length} operations and ${Object.keys(roles).length} roles (${skipped} changes left a valid body and were not sent)`);
    assert.deepEqual(failures.length, 0, `${failures.length} answers failed:\n${report}`);
    assert.deepEqual(changedTables(before, after), [], 'refused requests changed these tables');
  });

  test("finding 6: the framework's own refusals at the gateway are problems (431 header, 414 URL, bad escape, over-size body)", async () => {
    const cases: Array<Pick<Case, 'method' | 'url' | 'headers' | 'body'> & { status: number }> = [
      { method: 'GET', url: '/api/products', headers: { 'x-filler': 'a'.repeat(100_000) }, status: 431 },
      { method: 'GET', url: `/api/products?q=${'a'.repeat(100_000)}`, headers: {}, status: 431 },
      { method: 'GET', url: '/api/products/%E0%A4%A', headers: {}, status: 400 },
      { method: 'GET', url: '/%00', headers: {}, status: 400 },
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, body: `{"email":"${'a'.repeat(2_000_000)}"}`, status: 413 },
    ];
    for (const c of cases) {
      const answer = await send(platform.url, c);
      assert.equal(answer.status, c.status, `${c.method} ${c.url.slice(0, 60)}`);
      assert.equal(judge(answer), null, `${c.method} ${c.url.slice(0, 60)}`);
    }
  });

  test('finding 6: /openapi.json passes the OpenAPI linter (@redocly/cli, recommended rules)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'emporium-openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const lint = spawnSync('npx', ['--no-install', 'redocly', 'lint', '--config', join(root, 'tests/bad-input/redocly.yaml'), file], {
        cwd: root, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
      assert.equal(lint.status, 0, `${lint.stdout}\n${lint.stderr}`);
      // Every problem, error or warning, ends with "... was generated by the <rule> rule".
      assert.doesNotMatch(lint.stdout + lint.stderr, /was generated by/, `${lint.stdout}\n${lint.stderr}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
