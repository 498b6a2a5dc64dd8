// React access to the session: who is signed in, and the actions that change it.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { auth } from '../api/endpoints.ts';
import type { Session, User } from '../api/types.ts';
import { getSession, onSessionChange, sessionRestored, setSession } from './session.ts';

interface AuthState {
  user: User | null;
  login: (email: string, password: string) => Promise<User>;
  register: (input: { email: string; password: string; name: string }) => Promise<User>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setCurrent] = useState<Session | null>(getSession);
  const [restored, setRestored] = useState(false);
  useEffect(() => onSessionChange(setCurrent), []);
  useEffect(() => {
    void sessionRestored.then(() => {
      setCurrent(getSession());
      setRestored(true);
    });
  }, []);

  const state: AuthState = {
    user: session?.user ?? null,
    async login(email, password) {
      const next = await auth.login({ email, password });
      setSession(next);
      return next.user;
    },
    async register(input) {
      const next = await auth.register(input);
      setSession(next);
      return next.user;
    },
    async logout() {
      setSession(null);
      // Revoking is best effort: the session is gone from this page either way.
      await auth.logout().catch(() => undefined);
    },
  };
  // Until the page knows who is signed in, nothing renders: pages for signed-in people would
  // otherwise send a returning customer to the login page before the cookie was tried.
  if (!restored) return null;
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth needs an AuthProvider');
  return state;
}

export const isStaff = (user: User | null) => user?.role === 'employee' || user?.role === 'admin';
