import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { partiesDb } from '../parties/db.js';
import { loadSecret } from '../parties/merchants/protect.js';
import { loadConfig } from './config.js';
import { isWrapped, parseMasterKey, unwrapSecret, wrapSecret } from './master-key.js';

describe('master key', () => {
  it('accepts 64 hex characters or base64 of 32 bytes, and nothing else', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('hex'))).toEqual(key);
    expect(parseMasterKey(key.toString('base64'))).toEqual(key);
    expect(parseMasterKey(undefined)).toBeUndefined();
    expect(() => parseMasterKey('abcd')).toThrow(/32 bytes/);
    expect(() => loadConfig({ SUYUAN_MASTER_KEY: 'too-short' })).toThrow(/SUYUAN_MASTER_KEY/);
    expect(loadConfig({ SUYUAN_MASTER_KEY: key.toString('hex') }).SUYUAN_MASTER_KEY).toBe(
      key.toString('hex'),
    );
  });

  it('wraps a secret so that only the same key and name unwrap it', () => {
    const master = randomBytes(32);
    const secret = randomBytes(32);
    const wrapped = wrapSecret(master, 'a', secret);
    expect(isWrapped(wrapped)).toBe(true);
    expect(unwrapSecret(master, 'a', wrapped)).toEqual(secret);
    expect(() => unwrapSecret(randomBytes(32), 'a', wrapped)).toThrow();
    expect(() => unwrapSecret(master, 'b', wrapped)).toThrow();
  });
});

describe.each(backends())('secrets under a master key [%s]', (backend) => {
  const ctx = useApp(backend);
  const stored = async (name: string) => {
    const { rows } = await sql<{ value: Buffer }>`SELECT value FROM secrets WHERE name = ${name}`.execute(
      ctx.database.db,
    );
    return rows[0]?.value;
  };

  it('stores a new secret wrapped, and reads the same secret again', async () => {
    const master = randomBytes(32);
    const name = `test.${randomBytes(4).toString('hex')}`;
    const db = partiesDb(ctx.database.db);
    const first = await loadSecret(db, name, master);
    expect(isWrapped((await stored(name)) as Buffer)).toBe(true);
    expect(await loadSecret(db, name, master)).toEqual(first);
    await expect(loadSecret(db, name, undefined)).rejects.toThrow(/SUYUAN_MASTER_KEY/);
    await expect(loadSecret(db, name, randomBytes(32))).rejects.toThrow();
  });

  it('wraps a secret created before the master key was set, keeping its value', async () => {
    const name = `test.${randomBytes(4).toString('hex')}`;
    const db = partiesDb(ctx.database.db);
    const clear = await loadSecret(db, name, undefined);
    expect(await stored(name)).toEqual(clear);
    const master = randomBytes(32);
    expect(await loadSecret(db, name, master)).toEqual(clear);
    expect(isWrapped((await stored(name)) as Buffer)).toBe(true);
    expect(await loadSecret(db, name, master)).toEqual(clear);
  });
});
