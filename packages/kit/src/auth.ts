import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { createRemoteJWKSet, importJWK, jwtVerify, type JWK, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import { AppError } from './errors.ts';

export type Role = 'customer' | 'employee' | 'admin';
export const ROLES: Role[] = ['customer', 'employee', 'admin'];

export interface AuthUser {
  userId: string;
  role: Role;
  name: string;
  /** The account's email when the token carries it (tokens signed since it was added do). */
  email?: string;
}

export interface AuthOptions {
  jwksUrl?: string;
  publicJwk?: string;
  /** Picks the verification key itself (users: its own keys, rotated, without HTTP to itself). */
  getKey?: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** The clock tokens are judged by, in ms (Date.now); tests inject one to let a token expire without waiting. */
  now?: () => number;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
    authError: string | null;
  }
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256'];

/** Verifies a bearer token on every request and leaves `request.user` set, or null with the reason kept for a 401. */
export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  let key: CryptoKey | Uint8Array | JWTVerifyGetKey;
  if (options.getKey) {
    key = options.getKey;
  } else if (options.publicJwk) {
    const jwk = JSON.parse(options.publicJwk) as JWK;
    key = await importJWK(jwk, jwk.alg ?? (jwk.crv === 'Ed25519' ? 'EdDSA' : 'ES256'));
  } else if (options.jwksUrl) {
    key = remoteKeys(options.jwksUrl);
  } else {
    throw new Error('Auth needs AUTH_PUBLIC_JWK or AUTH_JWKS_URL');
  }
  const verified = verifiedTokens(10_000);
  const now = options.now ?? Date.now;
  app.decorateRequest('user', null);
  app.decorateRequest('authError', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      request.authError = 'Authorization must be "Bearer <token>"';
      return;
    }
    const known = verified.get(token);
    if (known && known.expiresAt > now()) {
      request.user = known.user;
      return;
    }
    try {
      const { payload } = await jwtVerify(token, key as any, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: TOKEN_ALGORITHMS,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['sub', 'exp', 'role'],
        currentDate: new Date(now()),
      });
      const role = payload.role as Role;
      if (!ROLES.includes(role)) throw new Error('unknown role');
      request.user = { userId: String(payload.sub), role, name: String(payload.name ?? ''), ...(typeof payload.email === 'string' ? { email: payload.email } : {}) };
      verified.remember(token, { user: request.user, expiresAt: payload.exp! * 1000 });
    } catch (err) {
      request.authError = (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'The access token has expired' : 'The access token is not valid';
    }
  });
}

/**
 * The JWKS of the users service, from one URL or several (comma-separated, one per users instance): a
 * set that cannot be fetched passes the question to the next. A set that answers without the token's
 * key is final, since every users instance publishes the same keys.
 */
function remoteKeys(urls: string): JWTVerifyGetKey {
  const sets = urls.split(',').map((url) => createRemoteJWKSet(new URL(url.trim()), { cooldownDuration: 5_000, timeoutDuration: 2_000 }));
  if (sets.length === 1) return sets[0];
  return async (header, token) => {
    let failure: unknown;
    for (const set of sets) {
      try {
        return await set(header, token);
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY') throw err;
        failure = err;
      }
    }
    throw failure;
  };
}

/**
 * Tokens whose signature and claims were checked already, until they expire: a client sends the same
 * token with every request, and checking an Ed25519 signature is most of an authenticated request's
 * cost. A token signed by a key taken out of the JWKS stays accepted until its own expiry (minutes).
 */
function verifiedTokens(capacity: number) {
  const entries = new Map<string, { user: AuthUser; expiresAt: number }>();
  return {
    get: (token: string) => entries.get(token),
    remember(token: string, entry: { user: AuthUser; expiresAt: number }) {
      if (entries.size >= capacity) entries.delete(entries.keys().next().value!); // the oldest goes
      entries.set(token, entry);
    },
  };
}

export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError('AUTH.UNAUTHENTICATED', 401, request.authError ?? 'Sign in to do this', {});
  return request.user;
}

export const isStaff = (user: AuthUser | null) => user?.role === 'employee' || user?.role === 'admin';

/**
 * A route's onRequest hook: 401 without a valid token, 403 for a role not listed. Admins pass every
 * employee check. Runs before body validation, so the order of checks is 401, 403, then 400.
 */
export function requireRole(...roles: Role[]): onRequestAsyncHookHandler & { roles: Role[] } {
  const hook = async (request: FastifyRequest) => {
    const user = currentUser(request);
    if (!roleAllows(roles, user.role)) throw new AppError('AUTH.FORBIDDEN', 403, `This needs the ${roles.join(' or ')} role`);
  };
  // The access matrix test reads this to know what each route demands.
  return Object.assign(hook, { roles });
}

export function roleAllows(roles: Role[], role: Role): boolean {
  return roles.length === 0 || roles.includes(role) || (role === 'admin' && roles.includes('employee'));
}

/** Any signed-in user. */
export const requireUser = requireRole();
