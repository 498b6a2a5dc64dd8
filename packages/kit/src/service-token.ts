// The credential one Emporium service shows another on /internal routes: a short-lived JWT signed
// with a secret that only the services hold (never the gateway, never a browser).
//
// Why an HMAC shared secret (HS256) rather than a key pair per service:
// - Every service both calls and is called. With key pairs each would need its own private key plus
//   every peer's public key: five secrets and a key directory to keep in step. One shared secret is
//   one Kubernetes Secret and one variable, and the launcher can make a fresh one at every start.
// - The threat is a process that can reach a port without being one of ours (another pod, a
//   compromised gateway), not one service turning on another: whoever holds the secret is a service.
//   Per-service keys would prove which service called, which no callee uses today (`sub` names the
//   caller for the logs).
// - Checking an HMAC costs microseconds on every internal call; an Ed25519 signature far more.
// The token travels in its own header, which the gateway never forwards. A user's access token
// (EdDSA, `at+jwt`, audience `emporium`) is refused here by algorithm, type and audience alike.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import { AppError } from './errors.ts';

export const SERVICE_TOKEN_HEADER = 'x-service-token';
export const SERVICE_TOKEN_TYPE = 'svc+jwt';
export const SERVICE_AUDIENCE = 'emporium-internal';
export const SERVICE_ISSUER = 'emporium-services';
export const MIN_SECRET_LENGTH = 32;
/** The problem code of a refused service token. */
export const SERVICE_UNAUTHENTICATED = 'AUTH.SERVICE_UNAUTHENTICATED';

/** Tokens live 90 s and are renewed 30 s before they expire, so a callee whose clock runs ahead still takes them. */
const TTL_SECONDS = 90;
const RENEW_BEFORE_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 10;

export interface ServiceCredential {
  /** The service's own name, the `sub` of the tokens it makes. */
  readonly service: string;
  /** The header that proves the caller is a service: one cached token, renewed well before it expires. */
  headers(): Promise<Record<string, string>>;
  /** The calling service's name when the token is valid; throws otherwise. */
  verify(token: string): Promise<string>;
}

export interface CredentialOptions {
  service: string;
  secret: string;
  /** Where "now" comes from (tests move it); milliseconds like Date.now. */
  now?: () => number;
}

export function createServiceCredential({ service, secret, now = Date.now }: CredentialOptions): ServiceCredential {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`A service token secret needs at least ${MIN_SECRET_LENGTH} characters`);
  const key = new TextEncoder().encode(secret);
  let current: { token: string; renewAt: number } | null = null;

  async function sign(): Promise<string> {
    const issuedAt = Math.floor(now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: SERVICE_TOKEN_TYPE })
      .setIssuer(SERVICE_ISSUER)
      .setAudience(SERVICE_AUDIENCE)
      .setSubject(service)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TTL_SECONDS)
      .sign(key);
    current = { token, renewAt: (issuedAt + TTL_SECONDS - RENEW_BEFORE_SECONDS) * 1000 };
    return token;
  }

  return {
    service,
    async headers() {
      const token = current && now() < current.renewAt ? current.token : await sign();
      return { [SERVICE_TOKEN_HEADER]: token };
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        typ: SERVICE_TOKEN_TYPE,
        issuer: SERVICE_ISSUER,
        audience: SERVICE_AUDIENCE,
        requiredClaims: ['sub', 'iat', 'exp'],
        // Short-lived whatever its own `exp` says: a token is refused once it is older than a fresh one's lifetime.
        maxTokenAge: TTL_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now()),
      });
      return String(payload.sub);
    },
  };
}

/** The credential as the kit's settings describe it (SERVICE_TOKEN_SECRET, validated at start). */
export const serviceCredentialFrom = (config: { SERVICE_TOKEN_SECRET: string }, service: string) =>
  createServiceCredential({ service, secret: config.SERVICE_TOKEN_SECRET });

/** A new random secret (256 bits), as the launcher makes at each start and tests make for themselves. */
export const generateServiceSecret = () => randomBytes(32).toString('base64url');

declare module 'fastify' {
  interface FastifyRequest {
    /** The service that made an /internal call, once its token was checked. */
    serviceCaller: string | null;
  }
}

const INTERNAL_PATH = /^\/+internal(\/|$)/i;

/** Any request the router would send to an /internal route, or that looks like one (percent-decoded). */
function isInternal(request: FastifyRequest): boolean {
  if (INTERNAL_PATH.test(request.routeOptions.url ?? '')) return true;
  const path = request.url.split('?')[0] ?? '';
  try {
    return INTERNAL_PATH.test(decodeURIComponent(path));
  } catch {
    return INTERNAL_PATH.test(path);
  }
}

const refused = (detail: string) => new AppError(SERVICE_UNAUTHENTICATED, 401, detail);

/**
 * Every /internal request needs a valid service token, checked on every request whether or not a
 * route matches it (an unknown /internal path is a 401 too, never a 404). Without a credential (the
 * gateway) no internal call is accepted at all.
 */
export function registerInternalGuard(app: FastifyInstance, credential?: ServiceCredential): void {
  app.decorateRequest('serviceCaller', null);
  app.addHook('onRequest', async (request) => {
    if (!isInternal(request)) return;
    const token = request.headers[SERVICE_TOKEN_HEADER];
    if (typeof token !== 'string' || token === '') throw refused(`Internal routes need a service token in the ${SERVICE_TOKEN_HEADER} header`);
    if (!credential) throw refused('This process accepts no internal calls');
    try {
      request.serviceCaller = await credential.verify(token);
    } catch (err) {
      request.log.warn({ reason: (err as { code?: string }).code ?? 'invalid' }, 'internal call refused');
      throw refused((err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'The service token has expired' : 'The service token is not valid');
    }
  });
}
