import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import type { Principal, Scope } from './principal.js';

export const allScopes: readonly Scope[] = ['capture', 'query', 'admin'];

function hash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A device's identity, for keys of trace scales, scanners and sensor gateways (设备接入). */
export interface DeviceIdentity {
  type: 'trace-scale' | 'scanner' | 'sensor-gateway' | 'pos' | 'other';
  serial: string;
  model?: string;
  /** Where it stands: a location identifier (SGLN) or a description such as a stall number. */
  location?: string;
}

export const deviceTypes: readonly DeviceIdentity['type'][] = [
  'trace-scale',
  'scanner',
  'sensor-gateway',
  'pos',
  'other',
];

/** A device counts as online when its key was used within this many seconds. */
export const onlineWindowSeconds = 300;

export interface CreatedKey {
  id: string;
  name: string;
  scopes: Scope[];
  kind: 'client' | 'device';
  /** The whole key; shown once, never stored. */
  key: string;
}

export async function createApiKey(
  db: Kysely<DB>,
  name: string,
  scopes: Scope[],
  enterprise?: string,
  device?: DeviceIdentity,
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
  if (device && !enterprise) {
    throw new DomainError('VALIDATION_FAILED', 'A device key belongs to an enterprise', [
      { pointer: '/enterprise', message: 'required for a device key' },
    ]);
  }
  if (device) {
    const live = await db
      .selectFrom('api_keys')
      .select('id')
      .where('enterprise', '=', enterprise ?? null)
      .where('kind', '=', 'device')
      .where('device_serial', '=', device.serial)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (live) {
      throw new DomainError(
        'CONFLICT',
        `Device ${device.serial} already has a live key (${live.id}); revoke it first`,
        [{ pointer: '/device/serial', message: 'already has a live key' }],
      );
    }
  }
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  await db
    .insertInto('api_keys')
    .values({
      id,
      name,
      secret_hash: hash(secret),
      scopes,
      enterprise: enterprise ?? null,
      kind: device ? 'device' : 'client',
      device_type: device?.type ?? null,
      device_serial: device?.serial ?? null,
      device_model: device?.model ?? null,
      device_location: device?.location ?? null,
    })
    .execute();
  return { id, name, scopes, kind: device ? 'device' : 'client', key: `sy_${id}_${secret}` };
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

const lastNoted = new Map<string, number>();

/**
 * Keeps last_used_at (for device online status) without a write per request: at most once a
 * minute per key and process, after the response path, never failing the request.
 */
function noteUse(db: Kysely<DB>, id: string): void {
  const now = Date.now();
  if (now - (lastNoted.get(id) ?? 0) < 60_000) return;
  if (lastNoted.size > 10_000) lastNoted.clear();
  lastNoted.set(id, now);
  db.updateTable('api_keys')
    .set({ last_used_at: new Date(now) })
    .where('id', '=', id)
    .execute()
    .catch(() => lastNoted.delete(id));
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
  noteUse(db, row.id);
  return {
    id: `apikey:${row.id}`,
    kind: 'apikey',
    scopes: new Set(row.scopes as Scope[]),
    ...(row.enterprise ? { enterprise: row.enterprise } : {}),
  };
}
