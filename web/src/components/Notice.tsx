// Messages for the whole screen or form: failures, confirmations and loading.
import type { ReactNode } from 'react';
import { describeError } from '../api/errors.ts';

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <span>{describeError(error)}</span>
      {retry ? <button type="button" className="link-button" onClick={retry}>Try again</button> : null}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return <div className="notice notice-success" role="status">{children}</div>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <p className="loading" role="status" aria-live="polite">{label}</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
