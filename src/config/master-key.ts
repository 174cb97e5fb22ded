import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The optional master key (SUYUAN_MASTER_KEY: 32 bytes as 64 hex characters or base64) that wraps
 * the per-database secrets (envelope encryption). Without it the secrets table holds them in
 * clear — a full database dump then holds everything needed to read protected fields. With it,
 * the dump alone is not enough: the key lives in the environment (a secret store, a KMS-fed
 * variable), never in the database or the repository.
 *
 * Read from the environment directly (and validated by the config schema at start), because every
 * entry point — server, CLI, seeding — reaches protected data through the same few functions.
 */
export function parseMasterKey(value: string | undefined): Buffer | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('SUYUAN_MASTER_KEY must be 32 bytes: 64 hex characters or base64');
  return key;
}

let cached: { key: Buffer | undefined } | undefined;

export function masterKey(): Buffer | undefined {
  cached ??= { key: parseMasterKey(process.env.SUYUAN_MASTER_KEY) };
  return cached.key;
}

const wrappedTag = 0xa5;
/** tag byte + 12-byte IV + 16-byte GCM tag + the 32-byte secret */
export const wrappedLength = 1 + 12 + 16 + 32;

export function isWrapped(value: Buffer): boolean {
  return value.length === wrappedLength && value[0] === wrappedTag;
}

/** AES-256-GCM under the master key, the secret's name bound in as associated data. */
export function wrapSecret(master: Buffer, name: string, secret: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  cipher.setAAD(Buffer.from(`suyuan-secret:${name}`));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([Buffer.from([wrappedTag]), iv, cipher.getAuthTag(), body]);
}

/** Throws when the master key is wrong or the value was tampered with. */
export function unwrapSecret(master: Buffer, name: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(1, 13));
  decipher.setAAD(Buffer.from(`suyuan-secret:${name}`));
  decipher.setAuthTag(wrapped.subarray(13, 29));
  return Buffer.concat([decipher.update(wrapped.subarray(29)), decipher.final()]);
}
