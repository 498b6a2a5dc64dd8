import nodemailer from 'nodemailer';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Transport {
  kind: 'smtp' | 'mailbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A refusal no retry will change (an SMTP 5xx: unknown mailbox, rejected sender). */
export class PermanentSendError extends Error {}

export interface TransportSettings {
  smtpUrl?: string;
  from: string;
  timeoutMs: number;
}

/**
 * SMTP when a URL is given; otherwise the built-in mailbox: the messages table already holds every
 * message as it would have been sent, so "sending" there only marks it sent and nothing leaves the machine.
 */
export function createTransport(settings: TransportSettings): Transport {
  if (!settings.smtpUrl) return { kind: 'mailbox', send: async () => {}, close: () => {} };
  // No pool: a connection per message recovers by itself when the server restarts, and shops send few.
  const smtp = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        await smtp.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          // The same Message-ID on every attempt, so a receiver can tell a resend after a lost answer.
          messageId: `<${mail.id}@notifications.emporium>`,
          textEncoding: 'quoted-printable',
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500 && code < 600) throw new PermanentSendError((err as Error).message);
        throw err;
      }
    },
    close: () => smtp.close(),
  };
}
