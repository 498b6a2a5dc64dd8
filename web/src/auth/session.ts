// The signed-in session, kept in localStorage so it survives reloads and is shared by tabs.
// Access tokens are short-lived: they are refreshed quietly shortly before they expire,
// and once more when the API answers 401.
import type { Session, User } from '../api/types.ts';

const STORAGE_KEY = 'emporium.session';
const REFRESH_MARGIN_MS = 60_000;

type Listener = (session: Session | null) => void;

let current: Session | null = read();
let refreshing: Promise<Session | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  scheduleRefresh();
  listeners.forEach((listener) => listener(session));
}

export function updateSessionUser(user: User): void {
  if (current) setSession({ ...current, user });
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

/**
 * Trades the refresh token for a new pair. Concurrent callers share one request,
 * because the old refresh token stops working the moment it is used.
 */
export function refreshSession(): Promise<Session | null> {
  if (refreshing) return refreshing;
  const used = current;
  if (!used) return Promise.resolve(null);
  refreshing = exchange(used)
    .then((next) => {
      // Another tab may have refreshed first; its tokens are in storage then.
      if (!next) {
        const stored = read();
        next = stored && stored.refreshToken !== used.refreshToken ? stored : null;
      }
      setSession(next);
      return next;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function exchange(used: Session): Promise<Session | null> {
  try {
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: used.refreshToken }),
    });
    if (!response.ok) return null;
    const pair = (await response.json()) as Partial<Session>;
    if (!pair.accessToken || !pair.refreshToken) return null;
    return { user: pair.user ?? used.user, accessToken: pair.accessToken, refreshToken: pair.refreshToken };
  } catch {
    // Offline: keep the session; the next call will try again.
    return used;
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

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    current = read();
    scheduleRefresh();
    listeners.forEach((listener) => listener(current));
  });
  scheduleRefresh();
}
