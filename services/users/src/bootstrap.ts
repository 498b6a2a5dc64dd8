import { randomUUID } from 'node:crypto';
import type { Db, Role } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { Passwords } from './auth/passwords.ts';
import * as users from './users/users.repository.ts';
import { normalEmail } from './users/users.service.ts';

/**
 * docs/ARCHITECTURE.md "Demo mode"; the launcher prints these credentials. Their passwords are
 * published, so they exist only with DEMO_MODE (and the launcher keeps demo mode on localhost).
 */
export const DEMO_ACCOUNTS = [
  { email: 'admin@emporium.test', password: 'admin-demo', name: 'Demo Admin', role: 'admin' as const },
  { email: 'employee@emporium.test', password: 'employee-demo', name: 'Demo Employee', role: 'employee' as const },
  { email: 'customer@emporium.test', password: 'customer-demo', name: 'Demo Customer', role: 'customer' as const },
];

export interface BootstrapDeps {
  db: Db;
  passwords: Passwords;
  log: FastifyBaseLogger;
}

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD: creates that admin when no account has the email. An existing account
 * is never promoted: whoever registered the email first would otherwise become admin with their own
 * password, and an admin demoted on purpose would be promoted again at every restart.
 */
export async function ensureAdmin(deps: BootstrapDeps, email: string, password: string): Promise<void> {
  const existing = await users.findByEmail(deps.db, normalEmail(email));
  if (!existing && (await createAccount(deps, { email, password, name: 'Administrator', role: 'admin' }))) {
    deps.log.info({ email: normalEmail(email) }, 'admin account created');
    return;
  }
  // Not created: it existed, or another instance created it a moment ago.
  const account = existing ?? (await users.findByEmail(deps.db, normalEmail(email)));
  if (account && account.role !== 'admin') {
    deps.log.warn({ email: account.email, role: account.role }, 'ADMIN_EMAIL names an existing account that is not an admin; it is left as it is (an admin can change its role)');
  }
}

/** DEMO_MODE: the demo admin, employee and customer, each created once; an existing account is left alone. */
export async function ensureDemoAccounts(deps: BootstrapDeps): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    if (await users.findByEmail(deps.db, account.email)) continue;
    if (await createAccount(deps, account)) deps.log.info({ email: account.email, role: account.role }, 'demo account created');
  }
}

async function createAccount(deps: BootstrapDeps, account: { email: string; password: string; name: string; role: Role }): Promise<boolean> {
  const passwordHash = await deps.passwords.hash(account.password);
  const created = await users.insertUser(deps.db, { id: randomUUID(), email: normalEmail(account.email), name: account.name, role: account.role, passwordHash, emailVerified: true });
  return created !== null;
}
