import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is a const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export interface PasswordPolicy {
  memoryKib: number;
  timeCost: number;
}

export interface Passwords {
  hash(password: string): Promise<string>;
  /** False for a wrong password; for no stored hash it still does the same work (a dummy hash). */
  verify(storedHash: string | null, password: string): Promise<boolean>;
  /** True when a stored hash was made with weaker settings than today's and should be redone. */
  isOutdated(storedHash: string): boolean;
}

/** argon2id at OWASP's settings or stronger (m >= 19 MiB, t >= 2, p = 1). */
export function createPasswords(policy: PasswordPolicy): Passwords {
  const options = { algorithm: ARGON2ID, memoryCost: policy.memoryKib, timeCost: policy.timeCost, parallelism: 1 };
  // NFC so the same password typed on two keyboards hashes the same.
  const hashOf = (password: string) => hash(password.normalize('NFC'), options);
  // Made now, not on the first unknown email, so that first answer takes no longer than the rest.
  const dummy = hashOf(randomBytes(16).toString('hex'));

  return {
    hash: hashOf,
    async verify(storedHash, password) {
      const target = storedHash ?? (await dummy);
      const matches = await verify(target, password.normalize('NFC')).catch(() => false);
      return storedHash !== null && matches;
    },
    isOutdated(storedHash) {
      const params = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
      if (!params) return true;
      return Number(params[1]) < policy.memoryKib || Number(params[2]) < policy.timeCost;
    },
  };
}
