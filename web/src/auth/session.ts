// The signed-in session, in memory only: no token is kept where a page script (an injected one
// included) could read it after the fact. The refresh token is an httpOnly cookie that the
// gateway sets on /api/auth; a page load restores the session by refreshing with it. Access
// tokens are short-lived: they are refreshed quietly shortly before they expire, and once more
// when the API answers 401.
import type { Session, User } from '../api/types.ts';

/** Asks the gateway to keep the refresh token in its cookie; also its CSRF guard (gateway/src/session). */
export const SESSION_HEADERS = { 'x-emporium-session': 'cookie' } as const;
/** Where earlier versions kept both tokens; read once to move that session into the cookie. */
const LEGACY_KEY = 'emporium.session';
const REFRESH_MARGIN_MS = 60_000;
const RESTORE_TIMEOUT_MS = 5_000;

type Listener = (session: Session | null) => void;

let current: Session | null = null;
let refreshing: Promise<Session | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<Listener>();
// Tabs tell each other that someone signed in or out (never a token); each holds its own access token.
// Only in a page: an open channel would keep a Node process (the unit tests') from exiting.
const channel = typeof window === 'undefined' || typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('emporium.session');

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null, options: { tellOtherTabs?: boolean } = {}): void {
  const signedInBefore = current !== null;
  current = session;
  scheduleRefresh();
  listeners.forEach((listener) => listener(session));
  if (options.tellOtherTabs !== false && signedInBefore !== (session !== null)) channel?.postMessage(session ? 'signed-in' : 'signed-out');
}

/**
 * The signed-in user changed (name, a confirmed email). With `tellOtherTabs`, the other tabs refresh
 * their session to learn it too: a verification link usually opens in a tab of its own.
 */
export function updateSessionUser(user: User, options: { tellOtherTabs?: boolean } = {}): void {
  if (!current) return;
  setSession({ ...current, user });
  if (options.tellOtherTabs) channel?.postMessage('user-changed');
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** When a JWT was issued and when it expires (seconds since the epoch), or null when it cannot be read. */
export function tokenLifetime(token: string): { iat: number; exp: number } | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { exp?: number; iat?: number };
    if (typeof claims.exp !== 'number') return null;
    return { exp: claims.exp, iat: typeof claims.iat === 'number' ? claims.iat : claims.exp - 900 };
  } catch {
    return null;
  }
}

/** Trades the cookie's refresh token for a new access token. Concurrent callers share one request. */
export function refreshSession(legacyRefreshToken?: string): Promise<Session | null> {
  if (refreshing) return refreshing;
  refreshing = oneTabAtATime(() => exchange(legacyRefreshToken))
    .then((next) => {
      // Offline: keep what there is; the next call will try again.
      if (next === 'offline') return current;
      setSession(next, { tellOtherTabs: false });
      return next;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * The cookie's token works once, and every tab sends the same cookie: two tabs refreshing at the
 * same moment would look like a stolen token and end the session everywhere. Web Locks (secure
 * contexts: https or localhost) make them take turns, so each sends the token the last one got.
 */
function oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !navigator.locks) return work();
  return navigator.locks.request('emporium.refresh', () => work()).then((result) => result);
}

async function exchange(legacyRefreshToken?: string): Promise<Session | null | 'offline'> {
  try {
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: legacyRefreshToken ? { ...SESSION_HEADERS, 'content-type': 'application/json' } : SESSION_HEADERS,
      body: legacyRefreshToken ? JSON.stringify({ refreshToken: legacyRefreshToken }) : undefined,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(RESTORE_TIMEOUT_MS),
    });
    if (!response.ok) return null;
    const pair = (await response.json()) as Partial<Session>;
    return pair.user && pair.accessToken ? { user: pair.user, accessToken: pair.accessToken } : null;
  } catch {
    return 'offline';
  }
}

function scheduleRefresh(): void {
  clearTimeout(timer);
  if (!current) return;
  const lifetime = tokenLifetime(current.accessToken);
  if (!lifetime) return;
  // A minute early, or a quarter of the lifetime for short-lived tokens.
  const margin = Math.min(REFRESH_MARGIN_MS, ((lifetime.exp - lifetime.iat) * 1000) / 4);
  const wait = Math.max(lifetime.exp * 1000 - Date.now() - margin, 5_000);
  timer = setTimeout(() => void refreshSession(), Math.min(wait, 2_000_000_000));
}

/** A session kept in localStorage by an earlier version: removed, and its refresh token moved into the cookie. */
function takeLegacySession(): string | undefined {
  try {
    const raw = localStorage.getItem(LEGACY_KEY);
    localStorage.removeItem(LEGACY_KEY);
    const token = raw ? (JSON.parse(raw) as { refreshToken?: unknown }).refreshToken : undefined;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Settles once the page knows whether someone is signed in (the cookie was tried). */
export const sessionRestored: Promise<unknown> = typeof window === 'undefined' ? Promise.resolve() : refreshSession(takeLegacySession());

if (channel) {
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === 'signed-out') setSession(null, { tellOtherTabs: false });
    else if (event.data === 'signed-in' || event.data === 'user-changed') void refreshSession();
  };
}
