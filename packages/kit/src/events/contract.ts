import type { FastifyBaseLogger } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Queryable } from '../db.ts';
import type { EventHandler } from '../inbox.ts';
import type { EventEnvelope, Subscriptions } from '../outbox.ts';

/** One event type: its name, the shape of its data, and the services that handle it (the only ones it is sent to). */
export interface EventContract<S extends TSchema = TSchema> {
  type: string;
  data: S;
  /** The data is the whole current state of its key, so a consumer skips an event older than one it applied. */
  snapshot: boolean;
  consumers: readonly string[];
}

export const defineEvent = <S extends TSchema>(contract: EventContract<S>): EventContract<S> => contract;

/** What a producer passes to publishEvent: the contract's name, with data the contract's shape (checked by the compiler). */
export const eventOf = <S extends TSchema>(contract: EventContract<S>, key: string, data: Static<S>) =>
  ({ type: contract.type, key, data: data as Record<string, unknown> });

/** A producer's subscriptions, read from the contracts of the events it publishes. */
export function subscriptionsOf(...contracts: EventContract[]): Subscriptions {
  const subscriptions: Subscriptions = {};
  for (const { type, consumers } of contracts) {
    for (const consumer of consumers) (subscriptions[consumer] ??= []).push(type);
  }
  return subscriptions;
}

/**
 * A consumer's handler for one contract: the data is validated against the contract before `apply` sees it.
 * A malformed event is the producer's bug: it is logged and passed over, so it cannot block the events behind it.
 */
export function handlerOf<S extends TSchema>(
  contract: EventContract<S>,
  log: FastifyBaseLogger,
  apply: (tx: Queryable, data: Static<S>, event: EventEnvelope) => Promise<void>,
): EventHandler {
  return {
    snapshot: contract.snapshot,
    async apply(tx, event) {
      if (!Value.Check(contract.data, event.data)) {
        log.error({ eventId: event.id, type: event.type }, 'ignored a malformed event');
        return;
      }
      await apply(tx, event.data as Static<S>, event);
    },
  };
}
