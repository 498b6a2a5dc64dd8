import { randomUUID } from 'node:crypto';
import { AppError, type Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import * as users from '../users/users.repository.ts';
import { normalEmail } from '../users/users.service.ts';
import { issueEmailToken, type AccountEmailSettings } from './account-emails.service.ts';
import type { Login, Register } from './auth.schemas.ts';
import { claimAttempt, forgive, type LoginLimits } from './login-limits.ts';
import type { Passwords } from './passwords.ts';
import * as sessions from './sessions.repository.ts';
import { digestOf, issueSession, type TokenSettings } from './tokens.ts';

export interface AuthDeps {
  db: Db;
  passwords: Passwords;
  tokens: TokenSettings;
  limits: LoginLimits;
  emails: AccountEmailSettings;
  log: FastifyBaseLogger;
}

const invalidCredentials = () => new AppError('AUTH.INVALID_CREDENTIALS', 401, 'The email or password is not right');
const invalidRefreshToken = () => new AppError('AUTH.INVALID_REFRESH_TOKEN', 401, 'The refresh token is not valid; sign in again');

/** A new customer, signed in at once; the verification email goes out with the account (same transaction). */
export async function register(deps: AuthDeps, input: Register) {
  const passwordHash = await deps.passwords.hash(input.password);
  const session = await deps.db.transaction(async (tx) => {
    const user = await users.insertUser(tx, { id: randomUUID(), email: normalEmail(input.email), name: input.name.trim(), role: 'customer', passwordHash });
    if (!user) throw new AppError('USER.EMAIL_TAKEN', 409, 'An account with this email already exists');
    await issueEmailToken(tx, deps.emails, user, 'user.registered');
    return issueSession(tx, deps.tokens, user);
  });
  deps.emails.eventsWritten();
  return session;
}

/**
 * An unknown email and a wrong password get the same 401 after the same work: one argon2 check
 * (against a dummy hash when there is no account) and one counted failure.
 */
export async function login(deps: AuthDeps, input: Login, clientAddress: string) {
  const email = normalEmail(input.email);
  const attempt = await claimAttempt(deps.db, deps.limits, email, clientAddress);
  const user = await users.findByEmail(deps.db, email);
  const valid = await deps.passwords.verify(user?.passwordHash ?? null, input.password);
  if (!user || !valid) {
    deps.log.info({ userId: user?.id ?? null, clientAddress }, 'sign-in failed');
    throw invalidCredentials();
  }
  await forgive(deps.db, attempt);
  if (deps.passwords.isOutdated(user.passwordHash)) {
    await users.updateUser(deps.db, user.id, { passwordHash: await deps.passwords.hash(input.password) });
  }
  return issueSession(deps.db, deps.tokens, user);
}

/**
 * Rotation: a refresh token works once and yields a new pair in the same family. A token used a
 * second time means a copy is in someone else's hands, so the whole family is revoked.
 */
export async function refresh(deps: AuthDeps, refreshToken: string) {
  const tokenHash = digestOf(refreshToken);
  const outcome = await deps.db.transaction(async (tx) => {
    const current = await sessions.useRefreshToken(tx, tokenHash);
    if (current) {
      const user = await users.findById(tx, current.userId);
      const family = { id: current.familyId, expiresAt: current.familyExpiresAt };
      return user ? { session: await issueSession(tx, deps.tokens, user, family) } : { session: null };
    }
    const known = await sessions.findRefreshToken(tx, tokenHash);
    if (known?.usedAt && !known.revokedAt) {
      await sessions.revokeFamily(tx, known.familyId);
      deps.log.warn({ userId: known.userId, familyId: known.familyId }, 'refresh token reused; its family is revoked');
    }
    return { session: null };
  });
  if (!outcome.session) throw invalidRefreshToken();
  return outcome.session;
}

/** Ends the session the token belongs to (its whole family). Unknown tokens are fine: the result is the same. */
export async function logout(deps: AuthDeps, refreshToken: string): Promise<void> {
  const known = await sessions.findRefreshToken(deps.db, digestOf(refreshToken));
  if (known) await sessions.revokeFamily(deps.db, known.familyId);
}
