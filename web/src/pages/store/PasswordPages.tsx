// A forgotten password: ask for a link by email, then choose a new password with it.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { auth } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { TextField } from '../../components/Field.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/Notice.tsx';
import { useAction } from '../../hooks.ts';

export function ForgotPasswordPage() {
  // The login page hands over what was typed there (router state, so it never shows in the address).
  const typed = (useLocation().state as { email?: unknown } | null)?.email;
  const [email, setEmail] = useState(typeof typed === 'string' ? typed : '');
  const [sentTo, setSentTo] = useState('');
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await auth.requestPasswordReset(email.trim());
      setSentTo(email.trim());
    });
  };
  return (
    <form className="narrow card auth-form" onSubmit={submit} noValidate>
      <h1>Forgot your password?</h1>
      {/* The same words whether or not the address has an account: the page must not tell. */}
      {sentTo ? (
        <SuccessNotice>
          <span>
            If an account uses <strong>{sentTo}</strong>, we have sent it a link to choose a new password. The link works for one hour.
            Nothing there after a few minutes? Check your spam folder, or ask again.
          </span>
        </SuccessNotice>
      ) : (
        <p className="muted">Enter the email address of your account and we will send you a link to choose a new password.</p>
      )}
      <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} required />
      <ErrorNotice error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Sending…' : sentTo ? 'Send another link' : 'Send me a link'}</button>
      <p>Remembered it? <Link to="/login">Log in</Link></p>
    </form>
  );
}

const isDeadLink = (error: unknown) => error instanceof ApiError && error.problem.code === 'AUTH.INVALID_EMAIL_TOKEN';

export function ResetPasswordPage({ token }: { token: string | null }) {
  const navigate = useNavigate();
  const { user, logout } = useAuth();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  if (!token) return <DeadLink reason="This link is incomplete: it has no token. Open the link from the email again, or ask for a new one." />;
  if (isDeadLink(action.error)) return <DeadLink reason="This link does not work any more: it was used already, a newer one was sent, or it is over an hour old." />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    void action.run(async () => {
      await auth.confirmPasswordReset({ token, password });
      // Every session of the account ended with the reset, this one too if someone was signed in here.
      if (user) await logout();
      navigate('/login?reset=done', { replace: true });
    });
  };
  return (
    <form className="narrow card auth-form" onSubmit={submit} noValidate>
      <h1>Choose a new password</h1>
      <p className="muted">Setting it signs your account out everywhere.</p>
      <TextField label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); setMismatch(false); }}
        error={errors.password} hint="At least 8 characters" required />
      <TextField label="Repeat the new password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => { setRepeat(e.target.value); setMismatch(false); }}
        error={mismatch ? 'The two passwords are not the same.' : undefined} required />
      <ErrorNotice error={errors.password ? null : action.error} />
      <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Saving…' : 'Set new password'}</button>
    </form>
  );
}

function DeadLink({ reason }: { reason: string }) {
  return (
    <div className="narrow card auth-form">
      <h1>This link does not work</h1>
      <div className="notice notice-error" role="alert">{reason}</div>
      <p><Link to="/forgot-password" className="button primary">Send me a new link</Link></p>
      <p>Remembered your password? <Link to="/login">Log in</Link></p>
    </div>
  );
}
