import type { FastifyRequest } from 'fastify';
import { AppError } from '@emporium/kit';

/**
 * The header by which the web UI asks for its session in a cookie. It is also the CSRF defence of
 * the cookie-authenticated routes (refresh, logout): a cross-site form or image cannot send a
 * custom header at all, and a cross-origin `fetch` that sets one needs a CORS preflight, whose
 * allowed headers (app.ts) never include it. The cookie being `SameSite=Strict` is a second,
 * independent guard, and `checkSameSite` a third for browsers that send Origin or Sec-Fetch-Site.
 */
export const SESSION_HEADER = 'x-emporium-session';
export const SESSION_HEADER_VALUE = 'cookie';

const crossSite = () => new AppError('AUTH.CROSS_SITE', 403, 'Session requests are accepted from this site only.');

/**
 * Refuses a session request another site started: `Sec-Fetch-Site` (set by the browser, not by
 * scripts) must say same-origin, and `Origin` must name the host the request was sent to. Both
 * matter where SameSite does not help: a sibling subdomain is the same *site* but not the same
 * origin. A client that sends neither is not a browser, and a CSRF attack needs a browser.
 */
export function checkSameSite(request: FastifyRequest): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') throw crossSite();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw crossSite(); // `Origin: null` (a sandboxed frame, a data: page) is never us
  }
  if (host !== request.host) throw crossSite();
}

export const sessionHeaderMissing = () =>
  new AppError('AUTH.SESSION_HEADER_MISSING', 403, `A session kept in a cookie is used only with the ${SESSION_HEADER}: ${SESSION_HEADER_VALUE} header.`);
