import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPasswords } from './passwords.ts';

describe('passwords', () => {
  const passwords = createPasswords({ memoryKib: 19456, timeCost: 2 });

  test('a hash verifies its own password and no other', async () => {
    const stored = await passwords.hash('correct horse');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await passwords.verify(stored, 'correct horse'), true);
    assert.equal(await passwords.verify(stored, 'correct horse '), false);
  });

  test('with no stored hash nothing verifies, not even the empty password', async () => {
    assert.equal(await passwords.verify(null, ''), false);
    assert.equal(await passwords.verify(null, 'anything'), false);
  });

  test('a password typed composed or decomposed is the same password', async () => {
    const stored = await passwords.hash('caf\u00e9 au lait');
    assert.equal(await passwords.verify(stored, 'cafe\u0301 au lait'), true);
  });

  test('hashes made with weaker settings are outdated; the current ones are not', async () => {
    assert.equal(passwords.isOutdated(await passwords.hash('x')), false);
    const stronger = createPasswords({ memoryKib: 65536, timeCost: 3 });
    assert.equal(stronger.isOutdated(await passwords.hash('x')), true);
    assert.equal(passwords.isOutdated('$2b$10$abcdefghijklmnopqrstuv'), true);
  });
});
