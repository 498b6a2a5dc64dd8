import { randomUUID } from 'node:crypto';
import type { Db, SigningKey } from '@emporium/kit';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import * as keys from './keys.repository.ts';

export interface ActiveKey {
  signing: SigningKey;
  /** The public half as a JWK (kid, alg, use), as published in the JWKS. */
  publicJwk: JWK;
}

/**
 * The key that signs access tokens: the newest one in the database, or a new Ed25519 pair made and
 * stored on the very first start. Every instance reads the same key, so tokens from one verify on all.
 */
export async function loadOrCreateSigningKey(db: Db): Promise<ActiveKey> {
  const stored = await db.transaction(async (tx) => {
    await keys.lockKeys(tx);
    const existing = await keys.newestKey(tx);
    if (existing) return existing;
    const made = await makeKey();
    await keys.insertKey(tx, made);
    return made;
  });
  const privateKey = (await importJWK(stored.privateJwk, stored.alg)) as CryptoKey;
  return { signing: { kid: stored.kid, alg: stored.alg, privateKey }, publicJwk: stored.publicJwk };
}

async function makeKey(): Promise<keys.StoredKey> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const described = { kid, alg: 'EdDSA', use: 'sig' };
  return {
    kid,
    alg: 'EdDSA',
    privateJwk: { ...(await exportJWK(pair.privateKey)), ...described },
    publicJwk: { ...(await exportJWK(pair.publicKey)), ...described },
  };
}

/** The JWKS document other services fetch to verify tokens: every key still known, newest first. */
export async function publishedKeys(db: Db): Promise<{ keys: JWK[] }> {
  return { keys: await keys.allPublicKeys(db) };
}
