// The web UI's refresh token as a cookie page scripts cannot read.

export const REFRESH_COOKIE = 'emporium_refresh';

/** The users service's refresh tokens live 30 days; the cookie need not outlive them (it decides anyway). */
const MAX_AGE_SECONDS = 30 * 24 * 3600;

/**
 * `HttpOnly`: no page script (nor an injected one) can read it. `SameSite=Strict`: the browser sends
 * it only on requests this site starts itself. `Path=/api/auth`: it travels to the session routes
 * only, never with product or order calls. `Secure` when the shop is served over https.
 * `null` clears the cookie.
 */
export function refreshCookie(token: string | null, secure: boolean): string {
  const parts = [
    `${REFRESH_COOKIE}=${token === null ? '' : encodeURIComponent(token)}`,
    'Path=/api/auth',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${token === null ? 0 : MAX_AGE_SECONDS}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The refresh token from a Cookie header, or null. */
export function readRefreshCookie(header: string | undefined): string | null {
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== REFRESH_COOKIE) continue;
    const value = pair.slice(equals + 1).trim();
    try {
      return value ? decodeURIComponent(value) : null;
    } catch {
      return null;
    }
  }
  return null;
}
