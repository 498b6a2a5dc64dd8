import { setTimeout as sleep } from 'node:timers/promises';
import { currentRequestId } from './context.ts';
import { AppError, type Problem } from './errors.ts';
import { createInstanceSet, instanceFailure, type Instance } from './instances.ts';
import { traced } from './tracing.ts';
import { SERVICE_UNAUTHENTICATED, type ServiceCredential } from './service-token.ts';

export interface PeerOptions {
  /** Names the dependency in errors and logs, e.g. "products". */
  name: string;
  /** One instance's base URL, or several (a list, or comma-separated as in `<NAME>_URL`): calls are spread over them. */
  url: string | readonly string[];
  /** Every call carries this service's token: peers answer /internal routes only to services. */
  credential: ServiceCredential;
  timeoutMs?: number;
  /** Extra attempts for idempotent calls, after every instance was tried. */
  retries?: number;
  /** Consecutive failures that open the circuit, and how long it stays open. */
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  /** Keep-alive connections per instance. */
  connections?: number;
  /** Says when an instance leaves and rejoins the rotation. */
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface PeerRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice (GET, DELETE and PUT are by default; a POST with an idempotency key may say so). */
  idempotent?: boolean;
  timeoutMs?: number;
}

export interface PeerResponse<T> {
  status: number;
  body: T;
}

export interface Peer {
  readonly name: string;
  request<T = unknown>(req: PeerRequest): Promise<PeerResponse<T>>;
  /** The instances in rotation now, by origin. */
  inRotation(): string[];
  close(): Promise<void>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export function createPeer(options: PeerOptions): Peer {
  const { name, timeoutMs = 2000, retries = 2, breakerThreshold = 5, breakerCooldownMs = 3000 } = options;
  const instances = createInstanceSet(options.url, { name, connections: options.connections ?? 64, log: options.log });
  let consecutiveFailures = 0;
  let openUntil = 0;

  const unavailable = (why: string) =>
    new AppError('DEPENDENCY.UNAVAILABLE', 503, `The ${name} service is unavailable right now (${why}). Please try again shortly.`, {
      dependency: name,
    });

  async function attempt<T>(instance: Instance, req: PeerRequest): Promise<PeerResponse<T>> {
    const query = req.query ? Object.entries(req.query).filter(([, v]) => v !== undefined) : [];
    const path = query.length ? `${req.path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : req.path;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers, ...(await options.credential.headers()) };
    const requestId = currentRequestId();
    if (requestId) headers['x-request-id'] = requestId;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const budget = req.timeoutMs ?? timeoutMs;
    // Our own timer rather than AbortSignal.timeout, whose timer (and error) outlives every answered call.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException('The peer took too long', 'TimeoutError')), budget);
    const call = async (): Promise<PeerResponse<T>> => {
      const res = await instance.pool.request({
        method: req.method,
        path,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        headersTimeout: budget,
        bodyTimeout: budget,
        signal: deadline.signal,
      });
      const text = await res.body.text();
      const body = (text && /json/.test(String(res.headers['content-type'])) ? JSON.parse(text) : text) as T;
      return { status: res.statusCode, body };
    };
    try {
      return await traced(`${req.method} ${name}`, 'client', headers, call, {
        attributes: { 'http.request.method': req.method, 'url.path': req.path, 'server.address': instance.origin },
        statusOf: (res) => res.status,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Each attempt goes to an instance not tried yet for this call. A call that got no answer moves on to
   * the next instance at once when it cannot have acted (refused) or is idempotent; `retries` counts the
   * attempts after that, with a growing pause once every instance was tried.
   */
  async function request<T>(req: PeerRequest): Promise<PeerResponse<T>> {
    if (Date.now() < openUntil) throw unavailable('circuit open after repeated failures');
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const attempts = idempotent ? retries + 1 : 1;
    const tried = new Set<Instance>();
    let why = 'no answer';
    for (let spent = 0; spent < attempts; ) {
      if (tried.size === instances.instances.length) {
        tried.clear();
        await sleep(25 * 2 ** spent + Math.random() * 25);
      }
      const instance = instances.next(tried)!;
      tried.add(instance);
      try {
        const res = await attempt<T>(instance, req);
        if (!RETRYABLE_STATUS.has(res.status)) {
          consecutiveFailures = 0;
          return res;
        }
        why = `answered ${res.status}`;
      } catch (err) {
        const failure = instanceFailure(err);
        why = (err as Error).name === 'TimeoutError' || (err as { code?: string }).code?.includes('TIMEOUT') ? 'timed out' : 'unreachable';
        if (failure) instances.failed(instance);
        const elsewhere = tried.size < instances.instances.length && (failure === 'unsent' || (failure === 'lost' && idempotent));
        if (elsewhere) continue;
      }
      spent++;
    }
    if (++consecutiveFailures >= breakerThreshold) openUntil = Date.now() + breakerCooldownMs;
    throw unavailable(why);
  }

  return { name, request, inRotation: instances.inRotation, close: () => instances.close() };
}

/** Passes a peer's 4xx problem on to our caller as our own (its code, status and detail). */
export function rethrowProblem(res: PeerResponse<unknown>): never {
  const problem = res.body as Partial<Problem>;
  // A peer refusing our service token is our deployment's fault (secrets out of step), never the caller's:
  // passed on, a 401 would tell a signed-in customer to sign in again.
  if (problem?.code === SERVICE_UNAUTHENTICATED) {
    throw new AppError('DEPENDENCY.FAILED', 503, 'A dependency refused this service\'s credential. Please try again shortly.');
  }
  if (res.status >= 400 && res.status < 500 && problem && typeof problem === 'object' && problem.code) {
    const { type: _t, title: _ti, status: _s, detail, code, requestId: _r, ...extra } = problem;
    throw new AppError(code, res.status, detail ?? 'Request rejected', extra);
  }
  throw new AppError('DEPENDENCY.FAILED', 503, `A dependency answered ${res.status} unexpectedly.`);
}

/** The body of a 2xx answer, or the peer's problem rethrown. */
export function expectOk<T>(res: PeerResponse<T>): T {
  if (res.status >= 200 && res.status < 300) return res.body;
  return rethrowProblem(res);
}
