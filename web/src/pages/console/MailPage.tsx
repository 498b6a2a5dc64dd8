// Outgoing mail: every message the shop made, newest first (the demo's mailbox, production's delivery
// log), by recipient; an employee opens one to read it as the customer sees it.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { notifications as notificationsApi } from '../../api/endpoints.ts';
import type { Notification } from '../../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { usePagedList } from '../../data.ts';
import { formatDateTime } from '../../format.ts';
import { MailMessage, MailStatus, templateLabel } from './MailMessage.tsx';

export function MailPage() {
  const [search, setSearch] = useSearchParams();
  const to = search.get('to') ?? '';
  const open = search.get('open');
  const list = usePagedList(['notifications', to], (cursor) => notificationsApi.list({ to, cursor, limit: 20 }));
  const [draft, setDraft] = useState(to);
  useEffect(() => setDraft(to), [to]);
  const filter = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim() ? { to: draft.trim() } : {});
  };
  const listHref = to ? `/console/mail?to=${encodeURIComponent(to)}` : '/console/mail';
  const hrefOf = (message: Notification) => `${listHref}${to ? '&' : '?'}open=${encodeURIComponent(message.id)}`;

  if (open) {
    const message = list.items.find((item) => item.id === open);
    if (message) return <MailMessage message={message} back={listHref} />;
    if (list.loading) return <Loading />;
    return (
      <section>
        <ErrorNotice error={list.error} retry={list.reload} />
        <p>This message is not among the latest ones. <Link to={listHref}>Back to the outgoing mail</Link></p>
      </section>
    );
  }
  return (
    <section>
      <h1>Outgoing mail</h1>
      <p className="muted">Every email the shop sent or is sending, newest first: the mailbox of the demo, the delivery log of a real shop.</p>
      <form className="inline-form" role="search" onSubmit={filter}>
        <label htmlFor="mail-to">Recipient</label>
        <input id="mail-to" type="search" inputMode="email" placeholder="customer@example.com" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">Filter</button>
        {to ? <Link to="/console/mail">Show all</Link> : null}
      </form>
      <ErrorNotice error={list.error} retry={list.reload} />
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.error ? <Empty>{to ? `No messages to ${to}.` : 'No messages yet.'}</Empty> : null}
      {list.items.length ? <MailTable messages={list.items} to={to} hrefOf={hrefOf} /> : null}
      {list.nextCursor ? <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loading}>Load more</button> : null}
    </section>
  );
}

function MailTable({ messages, to, hrefOf }: { messages: Notification[]; to: string; hrefOf: (message: Notification) => string }) {
  return (
    <div className="table-scroll">
      <table className="data-table mail-table">
        <thead>
          <tr><th scope="col">Subject</th>{to ? null : <th scope="col">To</th>}<th scope="col">Kind</th><th scope="col">Created</th><th scope="col">Status</th></tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id} data-testid="mail-row">
              <td><Link to={hrefOf(message)}>{message.subject}</Link></td>
              {/* Filtered by recipient, every row would repeat the address of the filter. */}
              {to ? null : <td>{message.to ?? <span className="muted">looking up…</span>}</td>}
              <td>{templateLabel(message.template)}</td>
              <td><time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time></td>
              <td><MailStatus message={message} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
