// Log in and create an account.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { TextField } from '../../components/Field.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/Notice.tsx';
import { useAction } from '../../hooks.ts';
import { Link, useNavigate } from 'react-router';

/** Only paths of this site are followed after logging in. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

/** `passwordReset`: the visitor comes from setting a new password with an emailed link. */
export function LoginPage({ next, passwordReset = false }: { next: string | null; passwordReset?: boolean }) {
  const navigate = useNavigate();
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await login(email.trim(), password);
      navigate(safeNext(next), { replace: true });
    });
  };
  const failure = action.error instanceof ApiError && action.error.status === 401
    ? new ApiError(401, { status: 401, detail: 'That email and password do not match an account.' })
    : action.error;
  return (
    <form className="narrow card auth-form" onSubmit={submit} noValidate>
      <h1>Log in</h1>
      {passwordReset && !action.error ? <SuccessNotice>Your new password is set, and every earlier sign-in has ended. Log in with the new password.</SuccessNotice> : null}
      <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} required />
      <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} required />
      <p className="forgot-link"><Link to="/forgot-password" state={{ email: email.trim() }}>Forgot password?</Link></p>
      <ErrorNotice error={failure} />
      <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Logging in…' : 'Log in'}</button>
      <p>New here? <Link to={`/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link></p>
    </form>
  );
}

export function RegisterPage({ next }: { next: string | null }) {
  const navigate = useNavigate();
  const { register } = useAuth();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const action = useAction();
  const errors = fieldErrorsOf(action.error);
  if (action.error instanceof ApiError && action.error.status === 409) errors.email = 'An account with this email already exists. Log in instead?';
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await register({ name: form.name.trim(), email: form.email.trim(), password: form.password });
      navigate(safeNext(next), { replace: true });
    });
  };
  const general = action.error instanceof ApiError && action.error.status === 409 ? null : action.error;
  return (
    <form className="narrow card auth-form" onSubmit={submit} noValidate>
      <h1>Create an account</h1>
      <TextField label="Name" autoComplete="name" value={form.name} onChange={set('name')} error={errors.name} required />
      <TextField label="Email" type="email" autoComplete="email" value={form.email} onChange={set('email')} error={errors.email} required />
      <TextField label="Password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')}
        error={errors.password} hint="At least 8 characters" required />
      <ErrorNotice error={general} />
      <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Creating…' : 'Create account'}</button>
      <p>Already have an account? <Link to={`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`}>Log in</Link></p>
    </form>
  );
}
