import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AUTH_KEY_ENCRYPTION_KEY: 32 bytes, as 64 hex digits or base64/base64url. Anything else stops the
 * service at start rather than sealing keys with a weak or mistyped secret.
 */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64url');
  if (bytes.length !== 32) throw new Error('AUTH_KEY_ENCRYPTION_KEY must be 32 bytes: 64 hex digits or 43 base64url characters');
  return bytes;
}

/**
 * AES-256-GCM with a fresh 96-bit nonce. The key id is authenticated too, so a sealed key copied
 * onto another row does not open.
 */
export function seal(encryptionKey: Buffer, kid: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
  cipher.setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function open(encryptionKey: Buffer, kid: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error(`signing key ${kid} is not sealed in a known format`);
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`signing key ${kid} does not open with this AUTH_KEY_ENCRYPTION_KEY (it was sealed with another one)`);
  }
}
