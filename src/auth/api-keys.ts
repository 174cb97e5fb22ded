import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import type { Principal, Scope } from './principal.js';

export const allScopes: readonly Scope[] = ['capture', 'query', 'admin'];

function hash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface CreatedKey {
  id: string;
  name: string;
  scopes: Scope[];
  /** The whole key; shown once, never stored. */
  key: string;
}

export async function createApiKey(
  db: Kysely<DB>,
  name: string,
  scopes: Scope[],
  enterprise?: string,
): Promise<CreatedKey> {
  const unknown = scopes.filter((s) => !allScopes.includes(s));
  if (unknown.length > 0 || scopes.length === 0) {
    throw new DomainError('VALIDATION_FAILED', `Scopes must be some of ${allScopes.join(', ')}`, [
      {
        pointer: '/scopes',
        message: unknown.length > 0 ? `unknown scope ${unknown.join(', ')}` : 'at least one scope',
      },
    ]);
  }
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  await db
    .insertInto('api_keys')
    .values({ id, name, secret_hash: hash(secret), scopes, enterprise: enterprise ?? null })
    .execute();
  return { id, name, scopes, key: `sy_${id}_${secret}` };
}

export async function revokeApiKey(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Resolves a bearer key to its principal, or undefined when it is unknown, malformed or revoked. */
export async function authenticateApiKey(db: Kysely<DB>, key: string): Promise<Principal | undefined> {
  const match = /^sy_([0-9a-f]{12})_([\w-]{32})$/.exec(key);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'secret_hash', 'scopes', 'revoked_at', 'enterprise'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  const expected = Buffer.from(row.secret_hash, 'hex');
  const actual = Buffer.from(hash(secret), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return {
    id: `apikey:${row.id}`,
    kind: 'apikey',
    scopes: new Set(row.scopes as Scope[]),
    ...(row.enterprise ? { enterprise: row.enterprise } : {}),
  };
}
