import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { PartiesDb } from '../db.js';

// Merchants' ID numbers are encrypted at rest (AES-256-GCM, the enterprise bound in as associated
// data so a ciphertext cannot be moved to another market) and found again through an HMAC. Both
// keys are derived with HKDF from a random per-database secret that is created on first use, so
// no default key ever exists. (Anyone holding a full database dump holds the secret too: moving it
// to a key service is a later step, and only this file changes.)

const secretName = 'parties.merchant-id-number';
const version = 1;

export interface IdNumberKeys {
  encryption: Buffer;
  lookup: Buffer;
}

const cache = new WeakMap<object, Promise<IdNumberKeys>>();

async function load(db: PartiesDb): Promise<IdNumberKeys> {
  // The secrets table is closed to requests; this SECURITY DEFINER function hands the secret out.
  const { rows } = await sql<{
    value: Buffer;
  }>`SELECT suyuan_secret(${secretName}, ${randomBytes(32)}) AS value`.execute(db);
  const value = (rows[0] as { value: Buffer }).value;
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
