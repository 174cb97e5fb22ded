import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type Principal, type Role, roleScopes } from '../auth/principal.js';
import type { DB, UserTable } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

export const sessionHours = 12;
const maxFailures = 5;
const lockMinutes = 15;

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  enterprise?: string;
  department?: string;
  regionScope?: string;
  industries?: string[];
}

export async function createUser(db: Kysely<DB>, user: NewUser): Promise<string> {
  const problems = [];
  const weak = passwordProblem(user.password);
  if (weak) problems.push({ pointer: '/password', message: weak });
  if (!/^[a-z0-9._-]{3,64}$/.test(user.username))
    problems.push({ pointer: '/username', message: 'use 3–64 of a-z 0-9 . _ -' });
  const enterpriseRole = user.role === 'enterprise_admin' || user.role === 'enterprise_operator';
  if (enterpriseRole !== Boolean(user.enterprise)) {
    problems.push({
      pointer: '/enterprise',
      message: enterpriseRole ? 'required for enterprise roles' : 'only for enterprise roles',
    });
  }
  if (user.role === 'regulator' && (!user.department || !user.regionScope)) {
    problems.push({ pointer: '/regionScope', message: 'regulators need a department and a region scope' });
  }
  if (user.regionScope !== undefined && !/^\d{2}(\d{2}){0,2}$/.test(user.regionScope)) {
    problems.push({ pointer: '/regionScope', message: 'a GB/T 2260 prefix: 2, 4 or 6 digits' });
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'The user is invalid', problems);
  const id = randomUUID();
  const inserted = await db
    .insertInto('users')
    .values({
      id,
      username: user.username,
      display_name: user.displayName,
      password_hash: await hashPassword(user.password),
      role: user.role,
      enterprise: user.enterprise ?? null,
      department: user.department ?? null,
      region_scope: user.regionScope ?? null,
      industry_scopes: user.industries ?? [],
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError('VALIDATION_FAILED', 'The username is taken', [
      { pointer: '/username', message: 'already used' },
    ]);
  return id;
}

export function principalOf(user: Selectable<UserTable>): Principal {
  return {
    id: `user:${user.id}`,
    kind: 'user',
    scopes: new Set(roleScopes[user.role]),
    role: user.role,
    ...(user.enterprise ? { enterprise: user.enterprise } : {}),
    ...(user.department ? { department: user.department } : {}),
    ...(user.region_scope ? { regionScope: user.region_scope } : {}),
    industries: user.industry_scopes,
  };
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Checks a password and opens a session. After five failures in a row the account is locked for
 * fifteen minutes; unknown usernames cost the same time as known ones.
 */
export async function login(
  db: Kysely<DB>,
  username: string,
  password: string,
): Promise<{ token: string; user: Selectable<UserTable> }> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? decoyHash, password);
  const refused = new DomainError('UNAUTHENTICATED', 'Wrong username or password, or the account is locked');
  if (!user || user.disabled_at) throw refused;
  if (user.locked_until && new Date(user.locked_until) > new Date()) throw refused;
  if (!ok) {
    const failures = user.failed_logins + 1;
    await db
      .updateTable('users')
      .set({
        failed_logins: failures >= maxFailures ? 0 : failures,
        locked_until: failures >= maxFailures ? new Date(Date.now() + lockMinutes * 60_000) : null,
      })
      .where('id', '=', user.id)
      .execute();
    throw refused;
  }
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', user.id)
    .execute();
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: user.id,
      expires_at: new Date(Date.now() + sessionHours * 3600_000),
    })
    .execute();
  return { token, user };
}

export async function sessionPrincipal(db: Kysely<DB>, token: string): Promise<Principal | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', new Date())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? principalOf(row) : undefined;
}

export async function logout(db: Kysely<DB>, token: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', tokenHash(token))
    .execute();
}

/** Changes a password (the old one is required) and ends every other session of the user. */
export async function changePassword(
  db: Kysely<DB>,
  userId: string,
  current: string,
  next: string,
): Promise<void> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) {
    throw new DomainError('VALIDATION_FAILED', 'The current password is wrong', [
      { pointer: '/currentPassword', message: 'wrong' },
    ]);
  }
  const weak = passwordProblem(next);
  if (weak)
    throw new DomainError('VALIDATION_FAILED', 'The new password is too weak', [
      { pointer: '/newPassword', message: weak },
    ]);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: await hashPassword(next), password_changed_at: new Date() })
      .where('id', '=', userId)
      .execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  });
}
