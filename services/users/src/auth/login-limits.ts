import { AppError, type Db } from '@emporium/kit';
import * as failures from './login-failures.repository.ts';

export interface LoginLimits {
  windowSeconds: number;
  maxPerAccount: number;
  maxPerAddress: number;
}

/** A sign-in attempt counted in advance as a failure; `forgive` takes it back when the password was right. */
export interface Attempt {
  failureIds: number[];
  accountScope: string;
}

/**
 * Counts this attempt as a failure before the password is even checked, under a lock, so that a
 * burst of parallel guesses is counted in full. Over a limit: 429 with Retry-After, and no guess.
 */
export async function claimAttempt(db: Db, limits: LoginLimits, email: string, address: string): Promise<Attempt> {
  const accountScope = `account:${email}`;
  const addressScope = `address:${address}`;
  const failureIds = await db.transaction(async (tx) => {
    await failures.lockScope(tx, accountScope); // always account first, then address: no deadlock
    await failures.lockScope(tx, addressScope);
    const account = await failures.failuresInWindow(tx, accountScope, limits.windowSeconds);
    const fromAddress = await failures.failuresInWindow(tx, addressScope, limits.windowSeconds);
    const blocked = [
      account.failures >= limits.maxPerAccount ? account.freesAt : null,
      fromAddress.failures >= limits.maxPerAddress ? fromAddress.freesAt : null,
    ].filter((d): d is Date => d !== null);
    if (blocked.length > 0) throw tooManyAttempts(blocked);
    return failures.insertFailures(tx, [accountScope, addressScope]);
  });
  return { failureIds, accountScope };
}

/** The password was right: this attempt was no failure, and the account's earlier ones are forgiven. */
export async function forgive(db: Db, attempt: Attempt): Promise<void> {
  await db.transaction(async (tx) => {
    await failures.deleteFailures(tx, attempt.failureIds);
    await failures.clearScope(tx, attempt.accountScope);
  });
}

/** Failures older than the window count for nothing; dropping them keeps the table small. */
export async function pruneFailures(db: Db, limits: LoginLimits): Promise<void> {
  await failures.deleteOlderThan(db, limits.windowSeconds);
}

function tooManyAttempts(freesAt: Date[]): AppError {
  const latest = Math.max(...freesAt.map((d) => new Date(d).getTime()));
  const retryAfter = Math.max(1, Math.ceil((latest - Date.now()) / 1000));
  return new AppError('AUTH.TOO_MANY_ATTEMPTS', 429, `Too many failed sign-ins. Try again in ${retryAfter} seconds.`, { retryAfter });
}
