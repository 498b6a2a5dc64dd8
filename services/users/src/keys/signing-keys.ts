import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db, SigningKey } from '@emporium/kit';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';
import { open, seal } from './key-encryption.ts';
import * as keys from './keys.repository.ts';

export interface ActiveKey {
  signing: SigningKey;
  /** The public half as a JWK (kid, alg, use), as published in the JWKS. */
  publicJwk: JWK;
}

/** Where the signing key comes from: a mounted file, or the database (sealed with an encryption key). */
export interface KeySource {
  keyFile?: string;
  encryptionKey?: Buffer;
  /** Database keys are replaced when older than this. */
  rotateAfterSeconds: number;
  /** How long a retired key stays published: an access token's lifetime plus a margin. */
  overlapSeconds: number;
}

/**
 * The key that signs access tokens, shared by every instance. From a file: the file's key, its public
 * half recorded so the JWKS can publish it, and every other key retired. From the database: the
 * current sealed key, or a new one when there is none or it is due for rotation (the old one retired).
 */
export async function loadSigningKey(db: Db, source: KeySource): Promise<ActiveKey> {
  const privateJwk = source.keyFile ? await fileKey(source.keyFile) : await databaseKey(db, source);
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = (await importJWK(privateJwk, 'EdDSA')) as CryptoKey;
  return { signing: { kid: privateJwk.kid!, alg: 'EdDSA', privateKey }, publicJwk };
}

async function fileKey(path: string): Promise<JWK> {
  const text = (await readFile(path, 'utf8')).trim();
  const jwk = text.startsWith('{')
    ? (JSON.parse(text) as JWK)
    : await exportJWK(await importPKCS8(text, 'EdDSA', { extractable: true }));
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) throw new Error(`AUTH_SIGNING_KEY_FILE ${path} must hold an Ed25519 private key (PKCS#8 PEM or JWK)`);
  // The thumbprint names the key the same way on every instance that mounts the file.
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  const described: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d, kid, alg: 'EdDSA', use: 'sig' };
  return described;
}

/** Records the file key's public half (to publish it) and retires every other key; runs once at start. */
export async function registerFileKey(db: Db, key: ActiveKey, overlapSeconds: number): Promise<void> {
  await db.transaction(async (tx) => {
    await keys.lockKeys(tx);
    await keys.insertKey(tx, { kid: key.signing.kid, alg: 'EdDSA', sealedPrivateJwk: null, publicJwk: key.publicJwk });
    await keys.retireAllBut(tx, key.signing.kid);
    await keys.deleteRetired(tx, overlapSeconds);
  });
}

async function databaseKey(db: Db, source: KeySource): Promise<JWK> {
  const encryptionKey = source.encryptionKey!;
  return db.transaction(async (tx) => {
    await keys.lockKeys(tx);
    let current = await keys.currentKey(tx);
    if (current?.privateJwk && !current.sealedPrivateJwk) {
      // A key stored in the clear by an older version: sealed now, and the clear copy dropped.
      await keys.sealKey(tx, current.kid, seal(encryptionKey, current.kid, JSON.stringify(current.privateJwk)));
      current = await keys.currentKey(tx);
    }
    const age = current ? (Date.now() - current.createdAt.getTime()) / 1000 : Infinity;
    if (current?.sealedPrivateJwk && age < source.rotateAfterSeconds) {
      return JSON.parse(open(encryptionKey, current.kid, current.sealedPrivateJwk)) as JWK;
    }
    const made = await makeKey();
    const { d: _private, ...publicJwk } = made;
    await keys.insertKey(tx, { kid: made.kid!, alg: 'EdDSA', sealedPrivateJwk: seal(encryptionKey, made.kid!, JSON.stringify(made)), publicJwk });
    await keys.retireAllBut(tx, made.kid!);
    await keys.deleteRetired(tx, source.overlapSeconds);
    return made;
  });
}

async function makeKey(): Promise<JWK> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(pair.privateKey)), kid: randomUUID(), alg: 'EdDSA', use: 'sig' };
}

/** The JWKS document: the current key and keys retired less than the overlap ago, newest first. */
export async function publishedKeys(db: Db, overlapSeconds: number): Promise<{ keys: JWK[] }> {
  return { keys: await keys.publishedPublicKeys(db, overlapSeconds) };
}
