import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { isWrapped, masterKey, unwrapSecret, wrapSecret } from '../../config/master-key.js';
import type { PartiesDb } from '../db.js';

// Merchants' ID numbers are encrypted at rest (AES-256-GCM, the enterprise bound in as associated
// data so a ciphertext cannot be moved to another market) and found again through an HMAC. Both
// keys are derived with HKDF from a random per-database secret that is created on first use, so
// no default key ever exists. With SUYUAN_MASTER_KEY set, the secret is stored wrapped under that
// key (src/config/master-key.ts), so a database dump alone cannot read the numbers.

const secretName = 'parties.merchant-id-number';
const version = 1;

export interface IdNumberKeys {
  encryption: Buffer;
  lookup: Buffer;
}

const cache = new WeakMap<object, Promise<IdNumberKeys>>();

/** The secret in clear: created (wrapped when a master key is set) on first use, wrapped later if it was not. */
export async function loadSecret(db: PartiesDb, name: string, master = masterKey()): Promise<Buffer> {
  const fresh = randomBytes(32);
  const candidate = master ? wrapSecret(master, name, fresh) : fresh;
  // The secrets table is closed to requests; this SECURITY DEFINER function hands the secret out.
  const { rows } = await sql<{ value: Buffer }>`SELECT suyuan_secret(${name}, ${candidate}) AS value`.execute(
    db,
  );
  const stored = (rows[0] as { value: Buffer }).value;
  if (isWrapped(stored)) {
    if (!master)
      throw new Error(
        `The secret ${name} is wrapped under a master key: set SUYUAN_MASTER_KEY to read protected data`,
      );
    return unwrapSecret(master, name, stored);
  }
  if (master) {
    await sql`SELECT suyuan_secret_rewrap(${name}, ${stored}, ${wrapSecret(master, name, stored)})`.execute(
      db,
    );
  }
  return stored;
}

async function load(db: PartiesDb): Promise<IdNumberKeys> {
  const value = await loadSecret(db, secretName);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', value, 'suyuan', info, 32));
  return {
    encryption: derive('merchant id number / aes-256-gcm / v1'),
    lookup: derive('merchant id number / hmac-sha256 / v1'),
  };
}

/** The keys of this database (cached per database handle; call it outside transactions). */
export function idNumberKeys(db: PartiesDb): Promise<IdNumberKeys> {
  if (db.isTransaction) return load(db); // a request's transaction: one cheap call, nothing to cache on
  let keys = cache.get(db);
  if (!keys) {
    keys = load(db);
    cache.set(db, keys);
    keys.catch(() => cache.delete(db));
  }
  return keys;
}

function associated(enterprise: string): Buffer {
  return Buffer.from(`merchant-id-number:${enterprise}`);
}

export function encryptIdNumber(keys: IdNumberKeys, enterprise: string, idNumber: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  cipher.setAAD(associated(enterprise));
  const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]);
}

/** For the few who may see the number in clear (regulators, later); throws if it was tampered with. */
export function decryptIdNumber(keys: IdNumberKeys, enterprise: string, stored: Buffer): string {
  if (stored[0] !== version) throw new Error(`unknown ID number cipher version ${stored[0]}`);
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, stored.subarray(1, 13));
  decipher.setAAD(associated(enterprise));
  decipher.setAuthTag(stored.subarray(13, 29));
  return Buffer.concat([decipher.update(stored.subarray(29)), decipher.final()]).toString('utf8');
}

/** The lookup hash: the same number gives the same hash in every market of this database. */
export function idNumberHash(keys: IdNumberKeys, idNumber: string): string {
  return createHmac('sha256', keys.lookup).update(idNumber).digest('hex');
}
