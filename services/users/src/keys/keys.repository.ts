import type { Queryable } from '@emporium/kit';
import type { JWK } from 'jose';

export interface StoredKey {
  kid: string;
  alg: 'EdDSA';
  /** Only from versions before keys were sealed; sealed or retired at the next start. */
  privateJwk: JWK | null;
  /** AES-256-GCM (key-encryption.ts); null for a key that lives in a mounted file, or a retired one. */
  sealedPrivateJwk: string | null;
  publicJwk: JWK;
  createdAt: Date;
}

const toKey = (row: Record<string, any>): StoredKey => ({
  kid: row.kid,
  alg: row.alg,
  privateJwk: row.private_jwk,
  sealedPrivateJwk: row.sealed_private_jwk,
  publicJwk: row.public_jwk,
  createdAt: new Date(row.created_at),
});

/** Held until the transaction ends, so two instances starting at once make one key, not two. */
export async function lockKeys(tx: Queryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('users:signing-keys'))`);
}

/** The key that signs now: the newest one not retired. */
export async function currentKey(db: Queryable): Promise<StoredKey | null> {
  const rows = await db.query('SELECT * FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid DESC LIMIT 1');
  return rows[0] ? toKey(rows[0]) : null;
}

/** Public halves of the current key and of keys retired less than `overlapSeconds` ago, newest first. */
export async function publishedPublicKeys(db: Queryable, overlapSeconds: number): Promise<JWK[]> {
  const rows = await db.query(
    `SELECT public_jwk FROM signing_keys
      WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1)
      ORDER BY created_at DESC, kid DESC`,
    [overlapSeconds],
  );
  return rows.map((r) => r.public_jwk);
}

export async function insertKey(db: Queryable, key: Omit<StoredKey, 'createdAt' | 'privateJwk'>): Promise<void> {
  await db.query(
    `INSERT INTO signing_keys (kid, alg, sealed_private_jwk, public_jwk) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kid) DO UPDATE SET retired_at = NULL`,
    [key.kid, key.alg, key.sealedPrivateJwk, JSON.stringify(key.publicJwk)],
  );
}

export async function sealKey(db: Queryable, kid: string, sealedPrivateJwk: string): Promise<void> {
  await db.query('UPDATE signing_keys SET sealed_private_jwk = $2, private_jwk = NULL WHERE kid = $1', [kid, sealedPrivateJwk]);
}

/** Every key but `keepKid` stops signing; its private half is wiped, as verifying needs only the public one. */
export async function retireAllBut(db: Queryable, keepKid: string): Promise<void> {
  await db.query(
    `UPDATE signing_keys SET retired_at = COALESCE(retired_at, now()), private_jwk = NULL, sealed_private_jwk = NULL
      WHERE kid <> $1 AND (retired_at IS NULL OR private_jwk IS NOT NULL OR sealed_private_jwk IS NOT NULL)`,
    [keepKid],
  );
}

/** Retired keys past the overlap verify nothing any more. */
export async function deleteRetired(db: Queryable, overlapSeconds: number): Promise<void> {
  await db.query(`DELETE FROM signing_keys WHERE retired_at < now() - make_interval(secs => $1)`, [overlapSeconds]);
}
