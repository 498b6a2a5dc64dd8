// One outgoing email as its recipient sees it: the HTML part, then the plain-text part.
import { useEffect } from 'react';
import { Link } from 'react-router';
import type { Notification } from '../../api/types.ts';
import { formatDateTime } from '../../format.ts';

const templates: Record<string, string> = {
  verify_email: 'Email confirmation',
  password_reset: 'Password reset',
  order_placed: 'Order placed',
  order_paid: 'Order paid',
  order_shipped: 'Order shipped',
  order_delivered: 'Order delivered',
  order_cancelled: 'Order cancelled',
};

/** A readable name for a template; one added later reads well enough from its key. */
export const templateLabel = (template: string) => templates[template] ?? template.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

const statusNames = { queued: 'Queued', sent: 'Sent', failed: 'Failed' } as const;

export function MailStatus({ message }: { message: Notification }) {
  return <span className={`status-badge mail-${message.status}`}>{statusNames[message.status]}</span>;
}

export function MailMessage({ message, back }: { message: Notification; back: string }) {
  // Opened from anywhere down the list (only the query changes, so the app's scroll reset does not apply).
  useEffect(() => window.scrollTo(0, 0), [message.id]);
  return (
    <article className="mail-message">
      <p><Link to={back}>← Outgoing mail</Link></p>
      <h1>{message.subject}</h1>
      <dl className="mail-meta">
        <div><dt>To</dt><dd>{message.to ?? 'being looked up'}</dd></div>
        <div><dt>Kind</dt><dd>{templateLabel(message.template)}</dd></div>
        <div><dt>Created</dt><dd>{formatDateTime(message.createdAt)}</dd></div>
        <div><dt>Status</dt><dd><MailStatus message={message} /> {message.sentAt ? formatDateTime(message.sentAt) : null}</dd></div>
        {message.error ? <div><dt>Last error</dt><dd className="danger-text">{message.error}</dd></div> : null}
      </dl>
      <div className="mail-parts">
        <section>
          <h2>As the customer sees it</h2>
          {/*
            The email's own HTML, shown as is: `sandbox=""` runs none of its scripts, submits no form, opens
            no window and gives it no access to this page (an opaque origin). It also inherits this page's
            Content-Security-Policy; the gateway lets inline style attributes through for it (emails are
            styled inline), nothing else. Its links lead nowhere here: the shop refuses to be framed.
          */}
          <iframe className="mail-frame" title={`The email “${message.subject}”`} sandbox="" srcDoc={message.html} />
        </section>
        <section>
          <h2>Plain-text part</h2>
          <pre className="mail-text">{message.text}</pre>
        </section>
      </div>
    </article>
  );
}
