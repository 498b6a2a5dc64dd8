import { randomBytes } from 'node:crypto';
import { AppError, type AuthUser, type Db, type Queryable } from '@emporium/kit';
import { publishAccountEvent, type AccountEventType } from '../events/user-events.ts';
import * as users from '../users/users.repository.ts';
import { normalEmail } from '../users/users.service.ts';
import type { PasswordResetConfirmBody } from './auth.schemas.ts';
import * as emailTokens from './email-tokens.repository.ts';
import type { Passwords } from './passwords.ts';
import * as sessions from './sessions.repository.ts';
import { digestOf } from './tokens.ts';

export interface AccountEmailSettings {
  /** How long an emailed link works (both kinds). */
  tokenTtlSeconds: number;
  /** Emails of one kind an account gets per hour at most, whoever asks: nobody can flood an inbox through us. */
  perHour: number;
  /** Called after a transaction wrote an event, so the relay sends it now rather than at its next tick. */
  eventsWritten(): void;
}

export interface AccountEmailDeps {
  db: Db;
  passwords: Passwords;
  emails: AccountEmailSettings;
}

const invalidToken = () => new AppError('AUTH.INVALID_EMAIL_TOKEN', 400, 'This link is not valid: it was used already, has expired or never existed');

const purposeOf = (type: AccountEventType): emailTokens.TokenPurpose => (type === 'user.password_reset_requested' ? 'password_reset' : 'verify_email');

/**
 * Makes a new single-use token for the account (older unused ones of the same kind stop working),
 * keeps its hash and writes the event that has the notifications service email it. In `tx`.
 */
export async function issueEmailToken(tx: Queryable, settings: AccountEmailSettings, user: users.UserRecord, type: AccountEventType): Promise<void> {
  const purpose = purposeOf(type);
  const token = randomBytes(32).toString('base64url');
  await emailTokens.retireTokens(tx, user.id, purpose);
  await emailTokens.insertEmailToken(tx, { tokenHash: digestOf(token), userId: user.id, purpose, ttlSeconds: settings.tokenTtlSeconds });
  await publishAccountEvent(tx, type, { userId: user.id, email: user.email, name: user.name, token });
}

/**
 * The same, on request (resend, password reset), unless the account was sent `perHour` of that
 * kind in the last hour. Then nothing is sent and the caller answers as if it had been, so the limit
 * tells nobody whether the address has an account; the links already sent keep working.
 */
async function issueRequestedToken(deps: AccountEmailDeps, user: users.UserRecord, type: AccountEventType): Promise<void> {
  const issued = await deps.db.transaction(async (tx) => {
    await users.lockUser(tx, user.id); // concurrent requests count one after the other
    if ((await emailTokens.countIssuedSince(tx, user.id, purposeOf(type), 3600)) >= deps.emails.perHour) return false;
    await issueEmailToken(tx, deps.emails, user, type);
    return true;
  });
  if (issued) deps.emails.eventsWritten();
}

export async function verifyEmail(deps: AccountEmailDeps, token: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const used = await emailTokens.useEmailToken(tx, digestOf(token), 'verify_email');
    if (!used) throw invalidToken();
    await users.setEmailVerified(tx, used.userId);
  });
}

/** A signed-in user asks for the link again; an address already verified gets nothing (the answer is the same). */
export async function resendVerification(deps: AccountEmailDeps, who: AuthUser): Promise<void> {
  const user = await users.findById(deps.db, who.userId);
  if (!user) throw new AppError('AUTH.UNAUTHENTICATED', 401, 'This account no longer exists; sign in again');
  if (user.emailVerified) return;
  await issueRequestedToken(deps, user, 'user.verification_requested');
}

/** The same answer whether or not the email has an account: the route always says 202. */
export async function requestPasswordReset(deps: AccountEmailDeps, email: string): Promise<void> {
  const user = await users.findByEmail(deps.db, normalEmail(email));
  if (!user) return;
  await issueRequestedToken(deps, user, 'user.password_reset_requested');
}

/**
 * Sets the new password with a live reset token, once. Every refresh token of the account is
 * revoked (whoever knew the old password is signed out), and the address counts as verified: the
 * link could only be read there.
 */
export async function confirmPasswordReset(deps: AccountEmailDeps, input: PasswordResetConfirmBody): Promise<void> {
  const passwordHash = await deps.passwords.hash(input.password);
  await deps.db.transaction(async (tx) => {
    const used = await emailTokens.useEmailToken(tx, digestOf(input.token), 'password_reset');
    if (!used) throw invalidToken();
    await users.updateUser(tx, used.userId, { passwordHash });
    await users.setEmailVerified(tx, used.userId);
    await sessions.revokeAllOfUser(tx, used.userId);
    await emailTokens.retireTokens(tx, used.userId, 'password_reset');
  });
}
