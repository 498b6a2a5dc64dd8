// Sends visitors who are not signed in to the login page, and back here afterwards. The router
// renders the login page at once: the redirect is part of rendering, not an effect that could run
// before anything listens for it (the blank pages of issue 21).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext.tsx';

export function RequireUser({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { pathname, search } = useLocation();
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(pathname + search)}`} replace />;
  return <>{children}</>;
}
