import { fileURLToPath } from 'node:url';
import { buildService, openServiceDb, serviceCredentialFrom, startOutboxRelay, type App, type Db } from '@emporium/kit';
import { accountEmailRoutes } from './auth/account-emails.routes.ts';
import { deleteExpiredEmailTokens } from './auth/email-tokens.repository.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { pruneFailures, type LoginLimits } from './auth/login-limits.ts';
import { createPasswords } from './auth/passwords.ts';
import { deleteExpired } from './auth/sessions.repository.ts';
import { ensureAdmin, ensureDemoAccounts } from './bootstrap.ts';
import { keySourceOf, trustProxyOf, type Config } from './config.ts';
import { fixedKeyring, loadKeyring } from './keys/keyring.ts';
import { keysRoutes } from './keys/keys.routes.ts';
import type { ActiveKey } from './keys/signing-keys.ts';
import { userRoutes } from './users/users.routes.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));
const PRUNE_EVERY_MS = 10 * 60_000;
/** How often an instance checks whether the signing key is due for rotation, or was rotated by another. */
const KEY_CHECK_EVERY_MS = 60_000;

export interface Overrides {
  /** A test database instead of the configured one. */
  db?: Db;
  /**
   * Sign, verify and publish this key instead of the stored one, so tokens from the kit's
   * createTestAuth() work here: `{signing: auth.key, publicJwk: JSON.parse(auth.publicJwk)}`.
   */
  signingKey?: ActiveKey;
}

export async function buildApp(config: Config, overrides: Overrides = {}): Promise<App> {
  const db = await openServiceDb(config, migrations, overrides.db);
  const keyring = overrides.signingKey ? fixedKeyring(overrides.signingKey) : await loadKeyring(db, keySourceOf(config));
  const credential = serviceCredentialFrom(config, 'users');
  const app = await buildService({
    name: 'users',
    db,
    logLevel: config.LOG_LEVEL,
    trustProxy: trustProxyOf(config.TRUST_PROXY),
    // Its own tokens are verified with its own key, not over HTTP from itself.
    auth: { getKey: keyring.verifyKey, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE },
    serviceCredential: credential,
  });
  // Account emails (verification, password reset) go to the notifications service as events.
  const relay = startOutboxRelay({
    db, source: 'users', destinations: { notifications: config.NOTIFICATIONS_URL }, credential, log: app.log, intervalMs: config.OUTBOX_INTERVAL_MS,
  });
  const emails = { tokenTtlSeconds: config.EMAIL_TOKEN_TTL_MINUTES * 60, perHour: config.EMAILS_PER_HOUR, eventsWritten: () => relay.kick() };

  const passwords = createPasswords({ memoryKib: config.PASSWORD_MEMORY_KIB, timeCost: config.PASSWORD_TIME_COST });
  const limits: LoginLimits = {
    windowSeconds: config.LOGIN_WINDOW_SECONDS,
    maxPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
  };
  const tokens = {
    signingKey: keyring.signing,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_DAYS * 86_400,
    refreshFamilyTtlSeconds: config.REFRESH_FAMILY_MAX_DAYS * 86_400,
  };

  const bootstrap = { db, passwords, log: app.log };
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) await ensureAdmin(bootstrap, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  if (config.DEMO_MODE) await ensureDemoAccounts(bootstrap);

  keysRoutes(app, keyring.published);
  authRoutes(app, { db, passwords, tokens, limits, emails, log: app.log });
  accountEmailRoutes(app, { db, passwords, emails });
  userRoutes(app, { db, passwords, limits });

  const prune = setInterval(() => {
    Promise.all([pruneFailures(db, limits), deleteExpired(db), deleteExpiredEmailTokens(db)]).catch((err) => app.log.warn({ err }, 'pruning sign-in records failed'));
  }, PRUNE_EVERY_MS).unref();
  const keyCheck = setInterval(() => {
    keyring.refresh().catch((err) => app.log.error({ err }, 'checking the signing key failed'));
  }, KEY_CHECK_EVERY_MS).unref();
  // preClose runs before the database closes, so a delivery round in progress finishes first.
  app.addHook('preClose', async () => relay.stop());
  app.addHook('onClose', async () => {
    clearInterval(prune);
    clearInterval(keyCheck);
  });
  return app;
}
