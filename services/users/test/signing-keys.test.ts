import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '@emporium/kit';
import { createTestServiceCredential } from '@emporium/kit/testing';
import { decodeProtectedHeader } from 'jose';
import { keySourceOf, readConfig } from '../src/config.ts';
import { bearer, sharing, startUsers, type TestUsers } from './helpers.ts';

const jwks = async (users: TestUsers) => (await users.call({ url: '/.well-known/jwks.json' })).json().keys.map((k: { kid: string }) => k.kid);
const kidOf = (token: string) => decodeProtectedHeader(token).kid;

describe('finding 5: the token signing key', () => {
  let base: TestUsers;
  let folder: string;
  before(async () => {
    base = await startUsers();
    folder = await mkdtemp(join(tmpdir(), 'emporium-keys-'));
  });
  after(async () => {
    await base.close();
    await rm(folder, { recursive: true, force: true });
  });
  const startInstance = (env: Record<string, string> = {}) => startUsers(env, { db: sharing(base.db) });

  test('finding 5: is stored sealed with AUTH_KEY_ENCRYPTION_KEY: no row holds the private key in the clear', async () => {
    const rows = await base.db.query('SELECT private_jwk, sealed_private_jwk FROM signing_keys WHERE retired_at IS NULL');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].private_jwk, null);
    assert.match(rows[0].sealed_private_jwk, /^v1\./);
    assert.doesNotMatch(rows[0].sealed_private_jwk, /"d"/);
  });

  test('finding 5: an instance with another encryption key refuses to start instead of signing with something else', async () => {
    await assert.rejects(startInstance({ AUTH_KEY_ENCRYPTION_KEY: 'ff'.repeat(32) }), /AUTH_KEY_ENCRYPTION_KEY/);
  });

  test('finding 5: with a database but neither an encryption key nor a key file, users will not start', () => {
    const credential = createTestServiceCredential().env;
    const config = readConfig({ DATABASE_URL: 'postgres://db/users', ...credential });
    assert.throws(() => keySourceOf(config), (err) => err instanceof ConfigError && /AUTH_KEY_ENCRYPTION_KEY/.test(err.message));
    assert.throws(() => keySourceOf(readConfig({ DATABASE_URL: 'postgres://db/users', AUTH_KEY_ENCRYPTION_KEY: 'short', ...credential })), ConfigError);
  });

  test('finding 5: a key older than SIGNING_KEY_ROTATE_DAYS is replaced; the old one verifies only for an access token\'s lifetime more', async () => {
    const before = await base.register('before-rotation@example.com');
    const oldKid = kidOf(before.accessToken);
    await base.db.query(`UPDATE signing_keys SET created_at = now() - interval '31 days' WHERE kid = $1`, [oldKid]);
    const rotated = await startInstance();
    try {
      const after = await rotated.register('after-rotation@example.com');
      assert.notEqual(kidOf(after.accessToken), oldKid);
      assert.deepEqual(await jwks(rotated), [kidOf(after.accessToken), oldKid], 'the retired key is still published');
      assert.equal((await rotated.call({ url: '/api/users/me', headers: bearer(before.accessToken) })).statusCode, 200);
      const [old] = await base.db.query('SELECT private_jwk, sealed_private_jwk FROM signing_keys WHERE kid = $1', [oldKid]);
      assert.deepEqual(old, { private_jwk: null, sealed_private_jwk: null }, 'a retired key keeps no private half');

      await base.db.query(`UPDATE signing_keys SET retired_at = now() - interval '16 minutes' - interval '10 minutes 1 second' WHERE kid = $1`, [oldKid]);
      const later = await startInstance();
      assert.deepEqual(await jwks(later), [kidOf(after.accessToken)], 'past the overlap only the current key is published');
      assert.equal((await later.call({ url: '/api/users/me', headers: bearer(before.accessToken) })).statusCode, 401);
      assert.equal((await later.call({ url: '/api/users/me', headers: bearer(after.accessToken) })).statusCode, 200);
      await later.close();
    } finally {
      await rotated.close();
    }
  });

  test('finding 5: AUTH_SIGNING_KEY_FILE signs with a mounted key, publishes it, and keeps its private half out of the database', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const file = join(folder, 'signing-key.pem');
    await writeFile(file, pem, { mode: 0o600 });
    const previous = (await jwks(base))[0];
    const mounted = await startInstance({ AUTH_SIGNING_KEY_FILE: file });
    try {
      const session = await mounted.register('mounted-key@example.com');
      const kid = kidOf(session.accessToken);
      assert.deepEqual(await jwks(mounted), [kid, previous], 'the database key is retired but still published for the overlap');
      const [row] = await base.db.query('SELECT private_jwk, sealed_private_jwk FROM signing_keys WHERE kid = $1', [kid]);
      assert.deepEqual(row, { private_jwk: null, sealed_private_jwk: null });
      const again = await startInstance({ AUTH_SIGNING_KEY_FILE: file });
      assert.equal((await again.call({ url: '/api/users/me', headers: bearer(session.accessToken) })).statusCode, 200, 'same file, same kid');
      await again.close();
    } finally {
      await mounted.close();
    }
  });
});
