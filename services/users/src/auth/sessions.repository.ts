import type { Queryable } from '@emporium/kit';

export interface RefreshTokenRecord {
  tokenHash: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  familyExpiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

const toRecord = (row: Record<string, any>): RefreshTokenRecord => ({
  tokenHash: row.token_hash,
  familyId: row.family_id,
  userId: row.user_id,
  expiresAt: row.expires_at,
  familyExpiresAt: row.family_expires_at,
  usedAt: row.used_at,
  revokedAt: row.revoked_at,
});

export interface NewRefreshToken {
  tokenHash: string;
  familyId: string;
  userId: string;
  ttlSeconds: number;
  /** The family's end: given when rotating, or null for a new family, which ends `familyTtlSeconds` from now. */
  familyExpiresAt: Date | null;
  familyTtlSeconds: number;
}

/** A token never outlives its family, so rotating cannot extend a sign-in forever. */
export async function insertRefreshToken(db: Queryable, token: NewRefreshToken): Promise<void> {
  await db.query(
    `INSERT INTO refresh_tokens (token_hash, family_id, user_id, family_expires_at, expires_at)
     SELECT $1, $2, $3, f.ends, LEAST(now() + make_interval(secs => $4), f.ends)
       FROM (SELECT COALESCE($5::timestamptz, now() + make_interval(secs => $6)) AS ends) f`,
    [token.tokenHash, token.familyId, token.userId, token.ttlSeconds, token.familyExpiresAt, token.familyTtlSeconds],
  );
}

export async function findRefreshToken(db: Queryable, tokenHash: string): Promise<RefreshTokenRecord | null> {
  const rows = await db.query('SELECT * FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Marks a live token used, atomically: of two requests racing with the same token only one gets
 * the row back; the other sees it as reused.
 */
export async function useRefreshToken(db: Queryable, tokenHash: string): Promise<RefreshTokenRecord | null> {
  const rows = await db.query(
    `UPDATE refresh_tokens SET used_at = now()
     WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() AND family_expires_at > now()
     RETURNING *`,
    [tokenHash],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function revokeFamily(db: Queryable, familyId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
}

export async function revokeAllOfUser(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

/** Tokens past their expiry are useless; dropping them keeps the table small. */
export async function deleteExpired(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`);
}
