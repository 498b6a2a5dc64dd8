import type { Queryable } from '@emporium/kit';

export type TokenPurpose = 'verify_email' | 'password_reset';

export async function insertEmailToken(db: Queryable, token: { tokenHash: string; userId: string; purpose: TokenPurpose; ttlSeconds: number }): Promise<void> {
  await db.query(
    `INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [token.tokenHash, token.userId, token.purpose, token.ttlSeconds],
  );
}

/**
 * Marks a live token of that purpose used and returns its account, atomically: of two requests
 * racing with one token only one gets the row. Null for a used, expired or unknown token.
 */
export async function useEmailToken(db: Queryable, tokenHash: string, purpose: TokenPurpose): Promise<{ userId: string } | null> {
  const rows = await db.query(
    `UPDATE email_tokens SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [tokenHash, purpose],
  );
  return rows[0] ? { userId: rows[0].user_id } : null;
}

/** How many tokens of that purpose the account was sent in the last `seconds` (used or not). */
export async function countIssuedSince(db: Queryable, userId: string, purpose: TokenPurpose, seconds: number): Promise<number> {
  const rows = await db.query(
    `SELECT count(*)::int AS n FROM email_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > now() - make_interval(secs => $3)`,
    [userId, purpose, seconds],
  );
  return Number(rows[0].n);
}

/** A newer link replaces the older ones: only the last email sent works. */
export async function retireTokens(db: Queryable, userId: string, purpose: TokenPurpose): Promise<void> {
  await db.query('UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [userId, purpose]);
}

export async function deleteExpiredEmailTokens(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM email_tokens WHERE expires_at < now() - interval '1 day'`);
}
