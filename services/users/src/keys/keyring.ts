import type { Db, SigningKey } from '@emporium/kit';
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import { loadSigningKey, publishedKeys, registerFileKey, type ActiveKey, type KeySource } from './signing-keys.ts';

/** An unknown kid reloads the published keys at most this often, so forged kids cannot hammer the database. */
const RELOAD_UNKNOWN_KID_MS = 5_000;

export interface Keyring {
  /** The key that signs now. */
  signing(): SigningKey;
  /** Verifies this service's own tokens against every published key (no HTTP to itself). */
  verifyKey: JWTVerifyGetKey;
  /** The JWKS document other services fetch. */
  published(): Promise<{ keys: JWK[] }>;
  /** Rotates when due and picks up a key another instance made; the app calls it every minute. */
  refresh(): Promise<void>;
}

/** A fixed key (tests of other services sign with the kit's createTestAuth() key): nothing rotates. */
export function fixedKeyring(key: ActiveKey): Keyring {
  const document = { keys: [key.publicJwk] };
  const local = createLocalJWKSet(document);
  return { signing: () => key.signing, verifyKey: (header, token) => local(header, token), published: async () => document, refresh: async () => {} };
}

export async function loadKeyring(db: Db, source: KeySource): Promise<Keyring> {
  let active = await loadSigningKey(db, source);
  if (source.keyFile) await registerFileKey(db, active, source.overlapSeconds);
  let document = await publishedKeys(db, source.overlapSeconds);
  let local = createLocalJWKSet(document);
  let loadedAt = Date.now();
  const reloadPublished = async () => {
    document = await publishedKeys(db, source.overlapSeconds);
    local = createLocalJWKSet(document);
    loadedAt = Date.now();
  };
  return {
    signing: () => active.signing,
    async verifyKey(header, token) {
      const known = document.keys.some((k) => k.kid === header.kid);
      if (!known && Date.now() - loadedAt > RELOAD_UNKNOWN_KID_MS) await reloadPublished();
      return local(header, token);
    },
    published: () => publishedKeys(db, source.overlapSeconds),
    async refresh() {
      // A file key changes with a new deployment, not while running: only database keys rotate here.
      if (!source.keyFile) active = await loadSigningKey(db, source);
      await reloadPublished();
    },
  };
}
