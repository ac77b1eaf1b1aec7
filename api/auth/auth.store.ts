// SQL of users, sessions and instance settings.
import type { Knex } from 'knex';
import type { Role, User } from './auth.types.ts';

interface UserRow extends User {
  password_hash: string;
  active: boolean;
}

const USER_COLUMNS = ['id', 'email', 'name', 'roles', 'ward_codes', 'active', 'password_hash'];

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, ward_codes: row.ward_codes ?? null };
}

export async function findUserByEmail(db: Knex, email: string): Promise<(User & { password_hash: string; active: boolean }) | null> {
  const row = (await db('users').select(USER_COLUMNS).whereRaw('lower(email) = lower(?)', [email]).first()) as UserRow | undefined;
  return row ? { ...toUser(row), password_hash: row.password_hash, active: row.active } : null;
}

export async function insertUser(
  db: Knex,
  user: { email: string; name: string; roles: Role[]; ward_codes?: string[] | null; password_hash: string },
): Promise<User> {
  const [row] = (await db('users')
    .insert({ ...user, ward_codes: user.ward_codes ?? null })
    .returning(USER_COLUMNS)) as UserRow[];
  return toUser(row);
}

export async function countUsers(db: Knex): Promise<number> {
  const row = await db('users').count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function insertSession(db: Knex, tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
  await db('sessions').insert({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt });
}

/** The active user behind a session that has not expired, or null. */
export async function findSessionUser(db: Knex, tokenHash: string): Promise<{ user: User; last_seen_at: Date } | null> {
  const row = (await db('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .select('u.id', 'u.email', 'u.name', 'u.roles', 'u.ward_codes', 's.last_seen_at')
    .where('s.token_hash', tokenHash)
    .andWhere('s.expires_at', '>', db.fn.now())
    .andWhere('u.active', true)
    .first()) as (UserRow & { last_seen_at: Date }) | undefined;
  return row ? { user: toUser(row), last_seen_at: row.last_seen_at } : null;
}

export async function touchSession(db: Knex, tokenHash: string): Promise<void> {
  await db('sessions').where('token_hash', tokenHash).update({ last_seen_at: db.fn.now() });
}

export async function deleteSession(db: Knex, tokenHash: string): Promise<number> {
  return db('sessions').where('token_hash', tokenHash).del();
}

export async function deleteExpiredSessions(db: Knex): Promise<number> {
  return db('sessions').where('expires_at', '<=', db.fn.now()).del();
}

export async function getSetting(db: Knex, key: string): Promise<string | null> {
  const row = (await db('app_settings').select('value').where({ key }).first()) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Stores the value unless another process stored one first; returns the value that won. */
export async function putSettingIfAbsent(db: Knex, key: string, value: string): Promise<string> {
  await db('app_settings').insert({ key, value }).onConflict('key').ignore();
  return (await getSetting(db, key)) ?? value;
}
