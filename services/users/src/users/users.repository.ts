import type { Queryable, Role } from '@emporium/kit';
import type { Address } from './users.schemas.ts';

export type StoredAddress = Address & { id: string };

export interface UserRecord {
  id: string;
  seq: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  addresses: StoredAddress[];
  emailVerified: boolean;
  createdAt: Date;
}

const toUser = (row: Record<string, any>): UserRecord => ({
  id: row.id,
  seq: Number(row.seq),
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  addresses: row.addresses,
  emailVerified: row.email_verified,
  createdAt: row.created_at,
});

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Accounts made at start (demo, ADMIN_EMAIL) are verified; registrations are not until the link is followed. */
  emailVerified?: boolean;
}

/** Null when the email is taken (also when taken a moment ago by a concurrent request). */
export async function insertUser(db: Queryable, user: NewUser): Promise<UserRecord | null> {
  const rows = await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, email_verified) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (email) DO NOTHING RETURNING *`,
    [user.id, user.email, user.name, user.role, user.passwordHash, user.emailVerified ?? false],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findById(db: Queryable, id: string): Promise<UserRecord | null> {
  const rows = await db.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findByEmail(db: Queryable, email: string): Promise<UserRecord | null> {
  const rows = await db.query('SELECT * FROM users WHERE email = $1', [email]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Holds the account's row until the transaction ends: its requests that count what was sent take turns. */
export async function lockUser(tx: Queryable, id: string): Promise<void> {
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [id]);
}

export async function setEmailVerified(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET email_verified = true, updated_at = now() WHERE id = $1 AND NOT email_verified', [id]);
}

/** Where to write to these accounts (for the notifications service); unknown ids are left out. */
export async function findContacts(db: Queryable, ids: string[]): Promise<Array<{ id: string; email: string; name: string }>> {
  return db.query<{ id: string; email: string; name: string }>('SELECT id, email, name FROM users WHERE id = ANY($1::text[])', [ids]);
}

export interface UserChanges {
  name?: string;
  role?: Role;
  passwordHash?: string;
  addresses?: StoredAddress[];
}

export async function updateUser(db: Queryable, id: string, changes: UserChanges): Promise<UserRecord | null> {
  const rows = await db.query(
    `UPDATE users SET
       name = COALESCE($2, name),
       role = COALESCE($3, role),
       password_hash = COALESCE($4, password_hash),
       addresses = COALESCE($5::jsonb, addresses),
       updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id, changes.name ?? null, changes.role ?? null, changes.passwordHash ?? null, changes.addresses ? JSON.stringify(changes.addresses) : null],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export interface UserFilter {
  role?: Role;
  q?: string;
  afterSeq?: number;
  limit: number;
}

/** Newest first; `limit` rows plus one so the caller knows whether there is a next page. */
export async function listUsers(db: Queryable, filter: UserFilter): Promise<UserRecord[]> {
  const rows = await db.query(
    `SELECT * FROM users
     WHERE ($1::text IS NULL OR role = $1)
       AND ($2::text IS NULL OR strpos(email, $2) > 0 OR strpos(lower(name), $2) > 0)
       AND ($3::bigint IS NULL OR seq < $3)
     ORDER BY seq DESC LIMIT $4`,
    [filter.role ?? null, filter.q?.toLowerCase() ?? null, filter.afterSeq ?? null, filter.limit + 1],
  );
  return rows.map(toUser);
}

/** Serialises role changes, so two admins demoting each other cannot leave the shop without one. */
export async function lockRoles(tx: Queryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('users:roles'))`);
}

export async function countAdmins(db: Queryable): Promise<number> {
  const rows = await db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
  return Number(rows[0].n);
}
