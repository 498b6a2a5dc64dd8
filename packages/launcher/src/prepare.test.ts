import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { keyEncryptionKey } from './prepare.ts';

test('finding 5: the launcher makes the signing key\'s encryption key once, readable by its owner only, and keeps it across restarts', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-launcher-'));
  try {
    const first = await keyEncryptionKey(dataDir);
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(await keyEncryptionKey(dataDir), first);
    const mode = (await stat(join(dataDir, 'secrets', 'auth-key-encryption.key'))).mode & 0o777;
    assert.equal(mode, 0o600);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
