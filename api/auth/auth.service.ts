// Sign-in, sessions and the demo accounts; never sees HTTP.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { UnauthenticatedError } from '../http/problem.ts';
import { recordAudit } from '../audit/audit.store.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password.ts';
import * as store from './auth.store.ts';
import type { LoginResult, Role, User } from './auth.types.ts';

export const DEMO_ACCOUNTS: { email: string; name: string; roles: Role[] }[] = [
  { email: 'admin@spp.demo', name: 'Quản trị hệ thống (demo)', roles: ['admin'] },
  { email: 'planner@spp.demo', name: 'Chuyên viên quy hoạch (demo)', roles: ['planner'] },
  { email: 'reviewer@spp.demo', name: 'Lãnh đạo phòng thẩm định (demo)', roles: ['reviewer'] },
  { email: 'officer@spp.demo', name: 'Cán bộ cấp phép (demo)', roles: ['permit_officer'] },
  { email: 'inspector@spp.demo', name: 'Thanh tra xây dựng (demo)', roles: ['inspector'] },
];

// Sessions are refreshed at most this often, so a busy client does not write on every request.
const TOUCH_INTERVAL_MS = 5 * 60_000;

export class AuthService {
  private constructor(
    private readonly db: Knex,
    private readonly secret: string,
    private readonly ttlHours: number,
  ) {}

  /** Uses SESSION_SECRET when set; otherwise a random key kept in the database, shared by every process. */
  static async create(db: Knex, options: { sessionSecret: string | null; ttlHours: number }): Promise<AuthService> {
    const secret = options.sessionSecret ?? (await store.putSettingIfAbsent(db, 'session_secret', crypto.randomBytes(32).toString('hex')));
    return new AuthService(db, secret, options.ttlHours);
  }

  /** Only a keyed hash of the token is stored: a copy of the sessions table cannot be replayed. */
  private hashToken(token: string): string {
    return crypto.createHmac('sha256', this.secret).update(token).digest('hex');
  }

  async login(email: string, password: string, requestId?: string): Promise<LoginResult> {
    const found = await store.findUserByEmail(this.db, email);
    const ok = found ? await verifyPassword(password, found.password_hash) : (await verifyPassword(password, await DUMMY_HASH_PROMISE), false);
    if (!found || !ok || !found.active) throw new UnauthenticatedError({ en: 'Wrong e-mail or password.', vi: 'Sai e-mail hoặc mật khẩu.' });
    const token = crypto.randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + this.ttlHours * 3600_000);
    const user: User = { id: found.id, email: found.email, name: found.name, roles: found.roles, ward_codes: found.ward_codes };
    await this.db.transaction(async (trx) => {
      await store.insertSession(trx, this.hashToken(token), user.id, expires);
      await recordAudit(trx, { user_id: user.id, action: 'login', entity: 'session', entity_id: user.id, request_id: requestId });
    });
    return { token, user, expires_at: expires.toISOString() };
  }

  async authenticate(token: string): Promise<User | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const hash = this.hashToken(token);
    const found = await store.findSessionUser(this.db, hash);
    if (!found) return null;
    if (Date.now() - new Date(found.last_seen_at).getTime() > TOUCH_INTERVAL_MS) await store.touchSession(this.db, hash);
    return found.user;
  }

  async logout(token: string, user: User, requestId?: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const n = await store.deleteSession(trx, this.hashToken(token));
      if (n > 0) await recordAudit(trx, { user_id: user.id, action: 'logout', entity: 'session', entity_id: user.id, request_id: requestId });
    });
  }
}

/** Creates the five demo accounts when the users table is empty; returns them (without passwords). */
export async function seedDemoAccounts(db: Knex, password: string): Promise<User[]> {
  if ((await store.countUsers(db)) > 0) return [];
  const hash = await hashPassword(password);
  return db.transaction(async (trx) => {
    const users: User[] = [];
    for (const account of DEMO_ACCOUNTS) users.push(await store.insertUser(trx, { ...account, password_hash: hash }));
    await recordAudit(trx, { user_id: null, action: 'seed', entity: 'user', after: users.map((u) => u.email) });
    return users;
  });
}
