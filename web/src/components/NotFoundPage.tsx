// A page for what does not exist (an unknown address, product or order): says so, and where to go
// instead. No "Try again": asking again finds nothing more.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';

/** Whether a failure means the thing asked for is not there (a 404, or an id the API cannot even read). */
export const isNotFound = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || (error.status === 400 && Boolean(error.problem.errors?.some((e) => e.path.startsWith('/params')))));

interface NotFoundPageProps {
  title: string;
  children: ReactNode;
  back?: { to: string; label: string };
}

export function NotFoundPage({ title, children, back = { to: '/', label: 'Back to the shop' } }: NotFoundPageProps) {
  return (
    <section className="narrow not-found" data-testid="not-found">
      <p className="not-found-code" aria-hidden="true">404</p>
      <h1>{title}</h1>
      <p>{children}</p>
      <p><Link to={back.to} className="button primary">{back.label}</Link></p>
    </section>
  );
}
