import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { partiesDb } from '../db.js';
import { fileEnterprise, idNumber, pointers } from '../test-factories.js';
import { checkIdNumber, maskIdNumber } from './id-number.js';
import { decryptIdNumber, idNumberKeys } from './protect.js';

describe('ID numbers (居民身份证号)', () => {
  it('accepts a number whose ISO 7064 MOD 11-2 check character is right, X included', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber(' 11010519491231002x ')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it.each([
    ['a wrong check character', '110105194912310021', 'should be X'],
    ['17 characters', '11010519491231002', '18 characters'],
    ['an impossible birth date', '110105194902300021', 'birth date'],
  ])('refuses %s', (_name, value, message) => {
    const result = checkIdNumber(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });

  it('masks all but the first four and last four characters', () => {
    expect(maskIdNumber('460100198001011234')).toBe('4601**********1234');
  });
});

describe.each(backends())('market merchants [%s]', (backend) => {
  const ctx = useApp(backend);
  const db = () => partiesDb(ctx.database.db);

  async function register(code: string, auth: { authorization: string }, body: Record<string, unknown>) {
    return ctx.app.inject({
      method: 'POST',
      url: `/api/enterprises/${code}/merchants`,
      headers: auth,
      payload: body,
    });
  }

  it('registers a stall holder and never answers the ID number in clear', async () => {
    const market = await fileEnterprise(ctx);
    const id = idNumber();
    const response = await register(market.code, market.auth, {
      name: '张三',
      idNumber: id,
      stall: 'A-12',
      phone: '13800138000',
    });
    expect(response.statusCode).toBe(201);
    const masked = `${id.slice(0, 4)}**********${id.slice(-4)}`;
    expect(response.json()).toMatchObject({ name: '张三', idNumber: masked, stall: 'A-12' });
    expect(response.body).not.toContain(id);
    const list = await ctx.app.inject({
      url: `/api/enterprises/${market.code}/merchants`,
      headers: market.auth,
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ idNumber: masked }] });
    expect(list.body).not.toContain(id);
  });

  it('stores the ID number only encrypted, hashed and masked, and the ciphertext decrypts', async () => {
    const market = await fileEnterprise(ctx);
    const id = idNumber();
    const created = (await register(market.code, market.auth, { name: '李四', idNumber: id })).json();
    const { rows } = await sql<
      Record<string, unknown>
    >`SELECT * FROM merchants WHERE id = ${created.id}`.execute(ctx.database.db);
    const row = rows[0] ?? {};
    for (const value of Object.values(row)) {
      const text = Buffer.isBuffer(value) ? value.toString('latin1') + value.toString('hex') : String(value);
      expect(text).not.toContain(id);
      expect(text).not.toContain(id.slice(4, 14));
    }
    const cipher = row.id_number_cipher as Buffer;
    const keys = await idNumberKeys(db());
    expect(decryptIdNumber(keys, market.code, cipher)).toBe(id);
    // Bound to its market: moved to another enterprise's row, it does not decrypt.
    expect(() => decryptIdNumber(keys, '91460100MA5T0BBB2Y', cipher)).toThrow();
  });

  it('finds a merchant by exact ID number through the keyed hash', async () => {
    const market = await fileEnterprise(ctx);
    const id = idNumber();
    await register(market.code, market.auth, { name: '王五', idNumber: id });
    await register(market.code, market.auth, { name: '赵六', idNumber: idNumber() });
    const found = await ctx.app.inject({
      url: `/api/enterprises/${market.code}/merchants?idNumber=${id}`,
      headers: market.auth,
    });
    expect(found.json()).toMatchObject({ total: 1, items: [{ name: '王五' }] });
  });

  it('refuses an ID number with a wrong check character and one already registered, storing nothing', async () => {
    const market = await fileEnterprise(ctx);
    const id = idNumber();
    const wrong = `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;
    const bad = await register(market.code, market.auth, { name: '错号', idNumber: wrong });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toEqual(['/idNumber']);
    await register(market.code, market.auth, { name: '首次', idNumber: id });
    const again = await register(market.code, market.auth, { name: '重复', idNumber: id });
    expect(again.statusCode).toBe(400);
    expect(pointers(again)).toEqual(['/idNumber']);
    const names = await db()
      .selectFrom('merchants')
      .select('name')
      .where('enterprise', '=', market.code)
      .execute();
    expect(names).toEqual([{ name: '首次' }]);
  });

  it('registers merchants only under a market operator', async () => {
    const farm = await fileEnterprise(ctx, { nodeTypes: ['farm'] });
    const response = await register(farm.code, farm.auth, { name: '张三', idNumber: idNumber() });
    expect(response.statusCode).toBe(400);
  });

  it("answers not found for another market's merchants, for reads and writes", async () => {
    const a = await fileEnterprise(ctx);
    const b = await fileEnterprise(ctx);
    const created = (await register(a.code, a.auth, { name: '张三', idNumber: idNumber() })).json();
    const url = `/api/enterprises/${a.code}/merchants`;
    expect((await ctx.app.inject({ url, headers: b.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: `${url}/${created.id}`, headers: b.auth })).statusCode).toBe(404);
    expect((await register(a.code, b.auth, { name: '冒充', idNumber: idNumber() })).statusCode).toBe(404);
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `${url}/${created.id}`,
      headers: b.auth,
      payload: { stall: 'B-1' },
    });
    expect(patch.statusCode).toBe(404);
    // Nor through its own market's path with the other market's merchant id.
    const own = await ctx.app.inject({
      url: `/api/enterprises/${b.code}/merchants/${created.id}`,
      headers: b.auth,
    });
    expect(own.statusCode).toBe(404);
  });

  it('changes and deactivates a merchant', async () => {
    const market = await fileEnterprise(ctx);
    const created = (await register(market.code, market.auth, { name: '张三', idNumber: idNumber() })).json();
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${market.code}/merchants/${created.id}`,
      headers: market.auth,
      payload: { stall: 'C-3', active: false },
    });
    expect(patch.json()).toMatchObject({ stall: 'C-3', active: false });
    const active = await ctx.app.inject({
      url: `/api/enterprises/${market.code}/merchants?active=true`,
      headers: market.auth,
    });
    expect(active.json().total).toBe(0);
  });
});
