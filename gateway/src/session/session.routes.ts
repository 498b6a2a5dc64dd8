import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@emporium/kit';
import { answerHeaders } from '../proxy/forward.ts';
import { proxy, requestBody, send, type ProxyOptions } from '../proxy/pass-through.ts';
import { readRefreshCookie, refreshCookie } from './cookie.ts';
import { RecentRefreshes, type Answer } from './recent-refreshes.ts';
import { SESSION_HEADER, SESSION_HEADER_VALUE, checkSameSite, sessionHeaderMissing } from './same-site.ts';

export interface SessionOptions {
  /** `auto`: the cookie is Secure when the request came over https (as TRUST_PROXY lets the gateway see it). */
  secureCookies: 'auto' | 'always';
}

type Action = 'login' | 'register' | 'refresh' | 'logout';
const ACTIONS: Action[] = ['login', 'register', 'refresh', 'logout'];
/** The routes that take the refresh token as their credential. */
const USES_TOKEN = new Set<Action>(['refresh', 'logout']);

/**
 * The web UI's sessions. The gateway, not the users service, keeps the refresh token in a cookie:
 * the cookie belongs to the public origin (its scheme, host and path), which only the gateway
 * sees, and users keeps one token API for every client. So no cookie reaches a service and no
 * service's Set-Cookie reaches the browser (proxy/forward.ts drops both).
 *
 * With `x-emporium-session: cookie` (the web UI): the refresh token of an answer goes into the
 * cookie instead of the body, and refresh and logout without a body use the cookie's token.
 * Without it (API clients): the routes pass through unchanged, refresh tokens in JSON bodies.
 */
export function sessionRoutes(app: FastifyInstance, options: ProxyOptions & SessionOptions): void {
  const withRecent = { ...options, recent: new RecentRefreshes() };
  for (const action of ACTIONS) {
    app.post(`/api/auth/${action}`, { schema: { hide: true } }, (request, reply) => session(request, reply, withRecent, action));
  }
}

type Options = ProxyOptions & SessionOptions & { recent: RecentRefreshes };

async function session(request: FastifyRequest, reply: FastifyReply, options: Options, action: Action) {
  const token = readRefreshCookie(request.headers.cookie);
  if (request.headers[SESSION_HEADER] !== SESSION_HEADER_VALUE) {
    // The cookie alone never authenticates: another site's form could make the browser send it.
    if (USES_TOKEN.has(action) && token && !hasBody(request)) throw sessionHeaderMissing();
    return proxy(request, reply, options);
  }
  checkSameSite(request);
  const secure = options.secureCookies === 'always' || request.protocol === 'https';
  const body = await requestBody(request, options.bodyLimit);
  let answer: Answer;
  if (body || !USES_TOKEN.has(action)) answer = await ask(request, options, body);
  else if (!token) return noSession(reply, action);
  else {
    const fromCookie = Buffer.from(JSON.stringify({ refreshToken: token }));
    const headers = { ...request.headers, 'content-type': 'application/json', 'content-length': String(fromCookie.length) };
    const exchange = () => ask(request, options, fromCookie, headers);
    answer = action === 'refresh' ? await options.recent.share(token, exchange) : await exchange();
  }
  return answerBrowser(reply, answer, action, secure);
}

/** The users service's answer with the refresh token moved from the body into the cookie. */
function answerBrowser(reply: FastifyReply, answer: Answer, action: Action, secure: boolean) {
  const { 'content-length': _length, ...kept } = answerHeaders(answer.headers);
  reply.code(answer.statusCode).headers(kept);
  if (action === 'logout' || (action === 'refresh' && answer.statusCode === 401)) reply.header('set-cookie', refreshCookie(null, secure));
  if (answer.statusCode !== 200 && answer.statusCode !== 201) return reply.send(answer.text);
  const issued = JSON.parse(answer.text) as { refreshToken?: unknown };
  if (typeof issued.refreshToken === 'string') {
    reply.header('set-cookie', refreshCookie(issued.refreshToken, secure));
    delete issued.refreshToken;
  }
  return reply.send(JSON.stringify(issued));
}

/** The users service's whole answer: session answers are small, and this one is rewritten. */
async function ask(request: FastifyRequest, options: Options, body: Buffer | NodeJS.ReadableStream | undefined, headers = request.headers): Promise<Answer> {
  const answer = await send(request, options, body, headers);
  return { statusCode: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
}

const hasBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';

/** No cookie: nothing to refresh (a 401, as for a spent token) or to revoke; no service is asked. */
function noSession(reply: FastifyReply, action: Action) {
  if (action === 'logout') return reply.code(204).send();
  throw new AppError('AUTH.INVALID_REFRESH_TOKEN', 401, 'This browser holds no session; sign in.');
}
