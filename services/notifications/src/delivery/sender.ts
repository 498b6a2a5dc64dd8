import { startWorkLoop, type Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import * as messages from '../messages/messages.repository.ts';
import { afterFailure, retryDelayMs } from './retry.ts';
import { PermanentSendError, type Transport } from './transport.ts';
import type { UsersClient } from './users.client.ts';

export interface SenderOptions {
  db: Db;
  transport: Transport;
  users: UsersClient;
  log: FastifyBaseLogger;
  intervalMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  batchSize?: number;
}

export interface Sender {
  /** Sends what is due now instead of waiting for the next tick (new messages arrived). */
  kick(): void;
  /** One round; tests call it to be deterministic. Returns how many messages it took. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Longer than any send may take (the SMTP timeouts), so a lease only lapses for a dead instance. */
const LEASE_SECONDS = 120;
/** No send starts this close to the end of its lease (longer than one send may take). */
const SEND_MARGIN_SECONDS = 60;

/**
 * The delivery loop: leases due messages, fills in addresses users knows, sends each through the
 * transport and records the outcome. A failure waits longer each time and never loses the message;
 * one that keeps failing (or is refused for good) ends `failed` with the reason.
 */
export function startSender(options: SenderOptions): Sender {
  const { db, log, batchSize = 20 } = options;

  async function fail(message: messages.MessageRecord, err: unknown): Promise<void> {
    const reason = String((err as Error).message ?? err).slice(0, 500);
    if (afterFailure(message.attempts, options.maxAttempts, err instanceof PermanentSendError) === 'fail') {
      log.error({ messageId: message.id, attempts: message.attempts, err: reason }, 'message failed for good');
      await messages.markFailed(db, message.id, reason);
      return;
    }
    const delayMs = retryDelayMs(message.attempts, options.retryBaseMs, options.retryMaxMs);
    log.warn({ messageId: message.id, attempts: message.attempts, err: reason, retryInMs: delayMs }, 'sending a message failed');
    await messages.scheduleRetry(db, message.id, delayMs, reason);
  }

  /** Messages to a customer named by id get the address users has for them now. */
  async function withAddresses(due: messages.MessageRecord[]): Promise<messages.MessageRecord[]> {
    const ids = [...new Set(due.filter((m) => m.to === null).map((m) => m.recipientId!))];
    if (ids.length === 0) return due;
    let contacts: Map<string, string>;
    try {
      contacts = new Map((await options.users.contacts(ids)).map((c) => [c.id, c.email]));
    } catch (err) {
      await Promise.all(due.filter((m) => m.to === null).map((m) => fail(m, err)));
      return due.filter((m) => m.to !== null);
    }
    const ready: messages.MessageRecord[] = [];
    for (const message of due) {
      const to = message.to ?? contacts.get(message.recipientId!);
      if (!to) await fail(message, new PermanentSendError(`no account with id ${message.recipientId}`));
      else {
        if (message.to === null) await messages.setAddress(db, message.id, to);
        ready.push({ ...message, to });
      }
    }
    return ready;
  }

  async function runOnce(): Promise<number> {
    const leasedAt = Date.now();
    const due = await messages.leaseDue(db, batchSize, LEASE_SECONDS);
    for (const message of await withAddresses(due)) {
      // A slow batch stops before its lease ends: past it another instance may lease the rest, and a
      // message sent by both would reach the customer twice. What is left is due again when the lease ends.
      if (Date.now() - leasedAt > (LEASE_SECONDS - SEND_MARGIN_SECONDS) * 1000) break;
      try {
        await options.transport.send({ id: message.id, to: message.to!, subject: message.subject, text: message.text, html: message.html });
        await messages.markSent(db, message.id);
      } catch (err) {
        await fail(message, err);
      }
    }
    return due.length;
  }

  const loop = startWorkLoop({ work: runOnce, batchSize, intervalMs: options.intervalMs, log, name: 'delivery' });
  return { kick: loop.round, runOnce, stop: () => loop.stop() };
}
