// A reminder for a signed-in customer whose email address is not confirmed yet, with a new link on request.
import { useState } from 'react';
import { useLocation } from 'react-router';
import { auth } from '../api/endpoints.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { describeError } from '../api/errors.ts';
import { useAction } from '../hooks.ts';

export function VerifyEmailBanner() {
  const { user } = useAuth();
  const { pathname } = useLocation();
  // The landing page of the link says it all itself.
  if (!user || user.emailVerified || pathname === '/verify-email') return null;
  return (
    <aside className="verify-banner" aria-label="Email address not confirmed">
      <div className="verify-banner-inner">
        <span>Please confirm your email address: we sent a link to <strong>{user.email}</strong>.</span>
        <ResendVerification email={user.email} />
      </div>
    </aside>
  );
}

/** "Send a new link", then what happened; the answer is the same whether or not a message went out. */
export function ResendVerification({ email }: { email: string }) {
  const [sent, setSent] = useState(false);
  const action = useAction();
  const resend = () =>
    void action.run(async () => {
      await auth.resendVerification();
      setSent(true);
    });
  if (sent) return <span role="status">A new link is on its way to {email}. Only the newest link works.</span>;
  return (
    <span className="resend">
      <button type="button" className="link-button" onClick={resend} disabled={action.busy}>{action.busy ? 'Sending…' : 'Send a new link'}</button>
      {action.error ? <span role="alert" className="danger-text">{describeError(action.error)}</span> : null}
    </span>
  );
}
