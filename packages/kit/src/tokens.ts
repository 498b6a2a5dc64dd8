import { SignJWT, type CryptoKey } from 'jose';
import { ACCESS_TOKEN_TYPE, type AuthUser } from './auth.ts';

export interface SigningKey {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  privateKey: CryptoKey;
}

export interface TokenClaims {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** A short-lived access token (RFC 9068 `at+jwt`) naming the user, their role and email (orders keep both with an order). */
export function signAccessToken(key: SigningKey, user: AuthUser, claims: TokenClaims): Promise<string> {
  return new SignJWT({ role: user.role, name: user.name, ...(user.email ? { email: user.email } : {}) })
    .setProtectedHeader({ alg: key.alg, typ: ACCESS_TOKEN_TYPE, kid: key.kid })
    .setSubject(user.userId)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + claims.ttlSeconds)
    .sign(key.privateKey);
}
