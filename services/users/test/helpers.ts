import assert from 'node:assert/strict';
import type { App, Db } from '@emporium/kit';
import { createTestServiceCredential, openTestDb } from '@emporium/kit/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type Overrides } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

export interface TestUsers {
  app: App;
  db: Db;
  /** app.inject that also checks no response ever carries a password hash. */
  call(options: InjectOptions): Promise<LightMyRequestResponse>;
  register(email: string, password?: string, name?: string): Promise<Session>;
  login(email: string, password: string, address?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface Session {
  user: { id: string; email: string; name: string; role: string; createdAt: string; emailVerified: boolean };
  accessToken: string;
  refreshToken: string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function assertNoSecrets(body: string): void {
  assert.doesNotMatch(body, /\$argon2|password_?hash|private|"d":/i, 'a response must never carry a hash or a private key');
}

/** Seals the test databases' signing keys; every instance of a test shares it, as production instances do. */
export const TEST_KEY_ENCRYPTION_KEY = '0123456789abcdef'.repeat(4);

/** The users app on a fresh test database; `env` adds configuration (LOG_LEVEL silent by default). */
export async function startUsers(env: Record<string, string> = {}, overrides: Overrides = {}): Promise<TestUsers> {
  const test = overrides.db ? null : await openTestDb();
  const db = overrides.db ?? test!.db;
  const app = await buildApp(readConfig({ LOG_LEVEL: 'silent', AUTH_KEY_ENCRYPTION_KEY: TEST_KEY_ENCRYPTION_KEY, ...createTestServiceCredential().env, ...env }), { ...overrides, db });
  await app.ready();
  const call = async (options: InjectOptions) => {
    const res = await app.inject(options);
    assertNoSecrets(res.body);
    return res;
  };
  const login = (email: string, password: string, address?: string) =>
    call({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers: address ? { 'x-forwarded-for': address } : {} });
  return {
    app,
    db,
    call,
    login,
    async register(email, password = 'correct horse', name = 'Test User') {
      const res = await call({ method: 'POST', url: '/api/auth/register', payload: { email, password, name } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as Session;
    },
    async close() {
      await app.close();
      await test?.cleanup();
    },
  };
}

/** A second handle on the same database whose close leaves it open (two instances, one database). */
export const sharing = (db: Db): Db => ({ ...db, close: async () => {} });

/** Makes an existing account an employee or admin straight in the database (tests only). */
export async function setRole(db: Db, userId: string, role: string): Promise<void> {
  await db.query('UPDATE users SET role = $2 WHERE id = $1', [userId, role]);
}
