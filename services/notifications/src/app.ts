import { fileURLToPath } from 'node:url';
import { authOptionsFrom, buildService, openServiceDb, registerInbox, serviceCredentialFrom, type App, type Db } from '@emporium/kit';
import type { Config } from './config.ts';
import { startSender } from './delivery/sender.ts';
import { createTransport, type Transport } from './delivery/transport.ts';
import { createUsersClient, type UsersClient } from './delivery/users.client.ts';
import { notificationHandlers } from './events/handlers.ts';
import { messageRoutes } from './messages/messages.routes.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

export interface AppOverrides {
  /** A database opened by the caller (tests); the app closes it. */
  db?: Db;
  /** Sends instead of the configured SMTP server or mailbox (tests). */
  transport?: Transport;
  /** Answers for the users service (tests). */
  users?: UsersClient;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const db = await openServiceDb(config, migrations, overrides.db);
  const credential = serviceCredentialFrom(config, 'notifications');
  const app = await buildService({
    name: 'notifications',
    db,
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    serviceCredential: credential,
  });
  const transport = overrides.transport ?? createTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, timeoutMs: config.SMTP_TIMEOUT_MS });
  const users = overrides.users ?? createUsersClient(config.USERS_URL, config.PEER_TIMEOUT_MS, credential);
  const sender = startSender({
    db, transport, users, log: app.log,
    intervalMs: config.SEND_INTERVAL_MS, maxAttempts: config.SEND_MAX_ATTEMPTS, retryBaseMs: config.SEND_RETRY_BASE_MS, retryMaxMs: config.SEND_RETRY_MAX_MS,
  });
  app.log.info({ transport: transport.kind }, transport.kind === 'smtp' ? 'messages go out over SMTP' : 'messages stay in the built-in mailbox (SMTP_URL unset)');
  // Before the database closes: a send in progress records its outcome first.
  app.addHook('preClose', async () => {
    await sender.stop();
    transport.close();
    await users.close();
  });

  registerInbox(app, db, notificationHandlers({ name: config.SHOP_NAME, url: config.SHOP_URL }));
  // New messages are sent at once rather than at the next tick.
  app.addHook('onResponse', async (request) => {
    if (request.url === '/internal/events') sender.kick();
  });
  messageRoutes(app, { db });
  return app;
}
