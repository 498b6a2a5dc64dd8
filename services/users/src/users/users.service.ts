import { randomUUID } from 'node:crypto';
import { AppError, cursorPart, decodeCursor, pageOf, type AuthUser, type Db, type Role } from '@emporium/kit';
import { claimAttempt, forgive, type LoginLimits } from '../auth/login-limits.ts';
import type { Passwords } from '../auth/passwords.ts';
import * as sessions from '../auth/sessions.repository.ts';
import * as users from './users.repository.ts';
import type { Address, ListUsersQuery, UpdateMe, User } from './users.schemas.ts';

export interface UserDeps {
  db: Db;
  passwords: Passwords;
  limits: LoginLimits;
}

export const normalEmail = (email: string) => email.trim().toLowerCase();

/** What anyone but the database sees of an account: never the password hash. */
export function toPublicUser(user: users.UserRecord): User {
  return { id: user.id, email: user.email, name: user.name, role: user.role, emailVerified: user.emailVerified, createdAt: new Date(user.createdAt).toISOString() };
}

export const toMe = (user: users.UserRecord) => ({ ...toPublicUser(user), addresses: user.addresses });

/** The token is valid but names no account (deleted, or a database reset): the client must sign in again. */
async function signedInAccount(db: Db, who: AuthUser): Promise<users.UserRecord> {
  const user = await users.findById(db, who.userId);
  if (!user) throw new AppError('AUTH.UNAUTHENTICATED', 401, 'This account no longer exists; sign in again');
  return user;
}

export async function getMe(deps: UserDeps, who: AuthUser) {
  return toMe(await signedInAccount(deps.db, who));
}

/**
 * Name, addresses (the list is replaced as a whole) and password. A new password needs the current
 * one, whose wrong guesses count against the account's sign-in limit; after a change every
 * refresh token of the account is revoked, so other devices must sign in again.
 */
export async function updateMe(deps: UserDeps, who: AuthUser, input: UpdateMe, clientAddress: string) {
  const user = await signedInAccount(deps.db, who);
  const addresses = input.addresses ? withIds(input.addresses) : undefined;
  const passwordHash = input.password !== undefined ? await checkedNewPassword(deps, user, input, clientAddress) : undefined;
  const updated = await deps.db.transaction(async (tx) => {
    const changed = await users.updateUser(tx, user.id, { name: input.name?.trim(), addresses, passwordHash });
    if (passwordHash) await sessions.revokeAllOfUser(tx, user.id);
    return changed;
  });
  if (!updated) throw new AppError('AUTH.UNAUTHENTICATED', 401, 'This account no longer exists; sign in again');
  return toMe(updated);
}

async function checkedNewPassword(deps: UserDeps, user: users.UserRecord, input: UpdateMe, clientAddress: string): Promise<string> {
  if (input.currentPassword === undefined) {
    throw new AppError('USER.CURRENT_PASSWORD_REQUIRED', 400, 'Give your current password to set a new one', {
      errors: [{ path: '/body/currentPassword', message: 'is required to change the password' }],
    });
  }
  const attempt = await claimAttempt(deps.db, deps.limits, user.email, clientAddress);
  if (!(await deps.passwords.verify(user.passwordHash, input.currentPassword))) {
    throw new AppError('USER.WRONG_PASSWORD', 403, 'The current password is not right');
  }
  await forgive(deps.db, attempt);
  return deps.passwords.hash(input.password!);
}

/** Addresses keep the ids they came with; new ones get one. Two with the same id are a mistake. */
export function withIds(addresses: Address[]): users.StoredAddress[] {
  const seen = new Set<string>();
  return addresses.map((address, index) => {
    const id = address.id ?? randomUUID();
    if (seen.has(id)) {
      throw new AppError('REQUEST.INVALID', 400, `Two addresses have the id "${id}"`, {
        errors: [{ path: `/body/addresses/${index}/id`, message: 'is used twice' }],
      });
    }
    seen.add(id);
    return { ...address, id };
  });
}

export async function listUsers(deps: UserDeps, query: ListUsersQuery) {
  const afterSeq = decodeCursor(query.cursor, [cursorPart.integer])?.[0];
  const rows = await users.listUsers(deps.db, { role: query.role, q: query.q, afterSeq, limit: query.limit });
  return pageOf(rows, query.limit, toPublicUser, (row) => [row.seq]);
}

/**
 * An admin sets a role. The last admin cannot step down, or no one could ever appoint another. A
 * changed role ends every session of the account: its refresh tokens would otherwise keep handing
 * out tokens of the old role's sessions (a demoted employee kept signed in for weeks).
 */
export async function changeRole(deps: UserDeps, id: string, role: Role): Promise<User> {
  return deps.db.transaction(async (tx) => {
    await users.lockRoles(tx);
    const target = await users.findById(tx, id);
    if (!target) throw new AppError('USER.NOT_FOUND', 404, 'User not found');
    if (target.role === 'admin' && role !== 'admin' && (await users.countAdmins(tx)) <= 1) {
      throw new AppError('USER.LAST_ADMIN', 409, 'This is the only admin; make someone else admin first');
    }
    if (target.role !== role) await sessions.revokeAllOfUser(tx, id);
    return toPublicUser((await users.updateUser(tx, id, { role }))!);
  });
}

/** The address and name of each account (at most 100 ids); unknown ids are left out. */
export async function contactsOf(deps: Pick<UserDeps, 'db'>, ids: string): Promise<{ items: Array<{ id: string; email: string; name: string }> }> {
  const list = [...new Set(ids.split(','))];
  if (list.length > 100) {
    throw new AppError('REQUEST.INVALID', 400, 'At most 100 ids at once', { errors: [{ path: '/query/ids', message: 'names more than 100 ids' }] });
  }
  return { items: await users.findContacts(deps.db, list) };
}
