import {
  eventOf, publishEvent, subscriptionsOf, UserPasswordResetRequested, UserRegistered, UserVerificationRequested, type Queryable, type Subscriptions,
} from '@emporium/kit';

const CONTRACTS = {
  'user.registered': UserRegistered,
  'user.verification_requested': UserVerificationRequested,
  'user.password_reset_requested': UserPasswordResetRequested,
};

/** Who receives what this service publishes: the consumers its events' contracts name. */
export const SUBSCRIPTIONS: Subscriptions = subscriptionsOf(...Object.values(CONTRACTS));

export type AccountEventType = keyof typeof CONTRACTS;

/**
 * Writes an account email's event in the caller's transaction. It carries the token in the clear:
 * the email must, and only the notifications service receives it. The token is single-use and
 * lives an hour; users keeps only its hash.
 */
export async function publishAccountEvent(
  tx: Queryable,
  type: AccountEventType,
  data: { userId: string; email: string; name: string; token: string },
): Promise<void> {
  await publishEvent(tx, SUBSCRIPTIONS, eventOf(CONTRACTS[type], data.userId, data));
}
