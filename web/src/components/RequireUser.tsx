// Sends visitors who are not signed in to the login page, and back here afterwards.
import { useEffect, type ReactNode } from 'react';
import { useAuth } from '../auth/AuthContext.tsx';
import { navigate } from '../router.tsx';

export function RequireUser({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  useEffect(() => {
    if (!user) navigate(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`, { replace: true });
  }, [user]);
  return user ? <>{children}</> : null;
}
