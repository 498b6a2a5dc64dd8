import { publishEvent, type Queryable, type Subscriptions } from '@emporium/kit';

/** Who receives what this service publishes (docs/ARCHITECTURE.md, Events). */
export const SUBSCRIPTIONS: Subscriptions = {
  notifications: ['user.registered', 'user.verification_requested', 'user.password_reset_requested'],
};

export type AccountEventType = 'user.registered' | 'user.verification_requested' | 'user.password_reset_requested';

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
  await publishEvent(tx, SUBSCRIPTIONS, { type, key: data.userId, data });
}
