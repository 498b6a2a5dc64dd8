// Where the link of the verification email lands: it confirms the address, or says why not.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { auth, users } from '../../api/endpoints.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { updateSessionUser } from '../../auth/session.ts';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notice.tsx';
import { ResendVerification } from '../../components/VerifyEmailBanner.tsx';

type Outcome = { state: 'verifying' } | { state: 'verified' } | { state: 'dead' } | { state: 'failed'; error: unknown };

// A token works once: however often the page renders (React's development double effects, a remount),
// it is sent once per page load, and every render reads the same answer.
const sent = new Map<string, Promise<Outcome>>();

function verifyOnce(token: string): Promise<Outcome> {
  if (!sent.has(token)) {
    sent.set(token, auth.verifyEmail(token).then(
      () => ({ state: 'verified' as const }),
      (error) => (error instanceof ApiError && error.problem.code === 'AUTH.INVALID_EMAIL_TOKEN' ? { state: 'dead' as const } : { state: 'failed' as const, error }),
    ));
  }
  return sent.get(token)!;
}

export function VerifyEmailPage({ token }: { token: string | null }) {
  const signedIn = useAuth().user !== null;
  const [outcome, setOutcome] = useState<Outcome>({ state: 'verifying' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!token) return;
    let current = true;
    void verifyOnce(token).then(async (result) => {
      if (result.state === 'verified' && signedIn) await relearnUser();
      if (current) setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [token, attempt, signedIn]);

  const retry = () => {
    if (token) sent.delete(token);
    setOutcome({ state: 'verifying' });
    setAttempt(attempt + 1);
  };
  return (
    <div className="narrow card auth-form">
      <h1>Confirm your email address</h1>
      {!token ? <p role="alert" className="notice notice-error">This link is incomplete: it has no token. Open the link from the email again.</p> : null}
      {token && outcome.state === 'verifying' ? <Loading label="Confirming your email address…" /> : null}
      {outcome.state === 'verified' ? (
        <>
          <SuccessNotice>Thank you: your email address is confirmed.</SuccessNotice>
          <p><Link to="/" className="button primary">Continue shopping</Link></p>
        </>
      ) : null}
      {outcome.state === 'failed' ? <ErrorNotice error={outcome.error} retry={retry} /> : null}
      {outcome.state === 'dead' || !token ? <DeadLink /> : null}
    </div>
  );
}

/** What to do with a used or expired link depends on who is here. */
function DeadLink() {
  const { user } = useAuth();
  if (user?.emailVerified) return <SuccessNotice>Your email address {user.email} is confirmed already; there is nothing more to do.</SuccessNotice>;
  return (
    <>
      <p role="alert" className="notice notice-error">This link does not work any more: it was used already, a newer one was sent, or it is over an hour old.</p>
      {user ? <ResendVerification email={user.email} /> : <p><Link to="/login?next=%2Faccount">Log in</Link> to get a new link.</p>}
    </>
  );
}

/**
 * The link may belong to another account than the one signed in here, so the page asks who is
 * verified now rather than assuming; the other tabs of this browser hear of it too (their banners).
 */
async function relearnUser(): Promise<void> {
  const me = await users.me().catch(() => null);
  if (me) updateSessionUser({ id: me.id, email: me.email, name: me.name, role: me.role, createdAt: me.createdAt, emailVerified: me.emailVerified }, { tellOtherTabs: true });
}
