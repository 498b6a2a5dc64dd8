// Kubernetes' migration step (deploy/kubernetes: each pod's `migrate` init container): a service program
// started with --migrate-only applies its migrations to its database and exits 0 without listening.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDb } from '@emporium/kit';
import { createTestDatabase, createTestServiceCredential, freePort } from '@emporium/kit/testing';

const root = fileURLToPath(new URL('..', import.meta.url));

test('a service started with --migrate-only migrates its database and exits without listening', async () => {
  const { url, cleanup } = await createTestDatabase();
  const port = await freePort();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/orders/src/server.ts', '--migrate-only'], {
      cwd: root,
      env: { ...process.env, ...createTestServiceCredential().env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    const db = await openDb({ url });
    try {
      const tables = await db.query("SELECT table_name FROM information_schema.tables WHERE table_name IN ('orders', 'idempotency_keys', 'outbox') ORDER BY 1");
      assert.deepEqual(tables.map((t) => t.table_name), ['idempotency_keys', 'orders', 'outbox']);
    } finally {
      await db.close();
    }
    const listening = await fetch(`http://127.0.0.1:${port}/health/live`).then(() => true, () => false);
    assert.equal(listening, false, 'nothing listens on its port');
  } finally {
    await cleanup();
  }
});
