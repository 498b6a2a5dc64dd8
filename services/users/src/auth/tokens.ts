import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { signAccessToken, type Queryable, type SigningKey } from '@emporium/kit';
import type { UserRecord } from '../users/users.repository.ts';
import { toPublicUser } from '../users/users.service.ts';
import * as sessions from './sessions.repository.ts';

export interface TokenSettings {
  /** The key that signs now (it changes when the key rotates). */
  signingKey: () => SigningKey;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** The absolute lifetime of a family (one sign-in), whatever its rotations. */
  refreshFamilyTtlSeconds: number;
}

/** The family a rotated token continues; a sign-in starts a new one. */
export interface Family {
  id: string;
  expiresAt: Date;
}

/** Only this digest is stored: a leaked table gives nobody a usable refresh token. */
export const digestOf = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('hex');

/** A signed-in session: an access token and a new refresh token in `family` (a new family for a login). */
export async function issueSession(db: Queryable, tokens: TokenSettings, user: UserRecord, family?: Family) {
  const refreshToken = randomBytes(32).toString('base64url');
  await sessions.insertRefreshToken(db, {
    tokenHash: digestOf(refreshToken),
    familyId: family?.id ?? randomUUID(),
    userId: user.id,
    ttlSeconds: tokens.refreshTtlSeconds,
    familyExpiresAt: family?.expiresAt ?? null,
    familyTtlSeconds: tokens.refreshFamilyTtlSeconds,
  });
  const accessToken = await signAccessToken(tokens.signingKey(), { userId: user.id, role: user.role, name: user.name, email: user.email }, {
    issuer: tokens.issuer,
    audience: tokens.audience,
    ttlSeconds: tokens.accessTtlSeconds,
  });
  return { user: toPublicUser(user), accessToken, refreshToken };
}
