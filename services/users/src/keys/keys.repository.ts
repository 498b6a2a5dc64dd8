import type { Queryable } from '@emporium/kit';
import type { JWK } from 'jose';

export interface StoredKey {
  kid: string;
  alg: 'EdDSA';
  privateJwk: JWK;
  publicJwk: JWK;
}

const toKey = (row: Record<string, any>): StoredKey => ({ kid: row.kid, alg: row.alg, privateJwk: row.private_jwk, publicJwk: row.public_jwk });

/** Held until the transaction ends, so two instances starting at once make one key, not two. */
export async function lockKeys(tx: Queryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('users:signing-keys'))`);
}

export async function newestKey(db: Queryable): Promise<StoredKey | null> {
  const rows = await db.query('SELECT * FROM signing_keys ORDER BY created_at DESC, kid DESC LIMIT 1');
  return rows[0] ? toKey(rows[0]) : null;
}

export async function allPublicKeys(db: Queryable): Promise<JWK[]> {
  const rows = await db.query('SELECT public_jwk FROM signing_keys ORDER BY created_at DESC, kid DESC');
  return rows.map((r) => r.public_jwk);
}

export async function insertKey(db: Queryable, key: StoredKey): Promise<void> {
  await db.query('INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk) VALUES ($1, $2, $3, $4)', [
    key.kid,
    key.alg,
    JSON.stringify(key.privateJwk),
    JSON.stringify(key.publicJwk),
  ]);
}
