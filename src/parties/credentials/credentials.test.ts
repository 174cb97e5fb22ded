import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { addDays, todayInChina } from '../common.js';
import { partiesDb } from '../db.js';
import { fileEnterprise, pointers } from '../test-factories.js';
import { credentialStatus } from './service.js';

describe('credential status', () => {
  it('is expired after the last valid day, expiring within 30 days, valid otherwise or without end', () => {
    expect(credentialStatus('2026-04-30', '2026-05-01')).toBe('expired');
    expect(credentialStatus('2026-05-01', '2026-05-01')).toBe('expiring');
    expect(credentialStatus('2026-05-31', '2026-05-01')).toBe('expiring');
    expect(credentialStatus('2026-06-01', '2026-05-01')).toBe('valid');
    expect(credentialStatus(null, '2026-05-01')).toBe('valid');
  });
});

describe.each(backends())('licences and certifications [%s]', (backend) => {
  const ctx = useApp(backend);
  const today = todayInChina();

  function licence(overrides: Record<string, unknown> = {}) {
    return {
      type: 'food-business',
      number: `JY${Math.floor(Math.random() * 1e14)}`,
      issuer: '海口市市场监督管理局',
      validFrom: addDays(today, -365),
      validTo: addDays(today, 700),
      scope: '预包装食品销售',
      fileRef: 'https://files.example.cn/licence.pdf',
      ...overrides,
    };
  }

  async function add(
    code: string,
    auth: { authorization: string },
    body: Record<string, unknown>,
    path = 'licences',
  ) {
    return ctx.app.inject({
      method: 'POST',
      url: `/api/enterprises/${code}/${path}`,
      headers: auth,
      payload: body,
    });
  }

  it('refuses a licence that ends before it starts and stores nothing', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const response = await add(code, auth, licence({ validFrom: '2026-05-01', validTo: '2026-04-30' }));
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toEqual(['/validTo']);
    const rows = await partiesDb(ctx.database.db)
      .selectFrom('credentials')
      .select('id')
      .where('enterprise', '=', code)
      .execute();
    expect(rows).toEqual([]);
  });

  it.each([
    ['an unknown licence type', { type: 'fishing' }, '/type'],
    ['a day that does not exist', { validFrom: '2026-02-30' }, '/validFrom'],
    ['no issuer', { issuer: undefined }, '/issuer'],
  ])('refuses %s', async (_name, overrides, pointer) => {
    const { code, auth } = await fileEnterprise(ctx);
    const response = await add(code, auth, licence(overrides));
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toContain(pointer);
  });

  it('shows valid, expiring and expired licences and filters by status', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    await add(code, auth, licence({ number: 'L-VALID' }));
    await add(code, auth, licence({ number: 'L-SOON', validTo: addDays(today, 10) }));
    await add(code, auth, licence({ number: 'L-GONE', validTo: addDays(today, -1) }));
    await add(code, auth, licence({ number: 'L-FOREVER', validTo: null }));
    const all = await ctx.app.inject({ url: `/api/enterprises/${code}/licences`, headers: auth });
    const statuses = Object.fromEntries(
      all.json().items.map((l: { number: string; status: string }) => [l.number, l.status]),
    );
    expect(statuses).toEqual({
      'L-VALID': 'valid',
      'L-SOON': 'expiring',
      'L-GONE': 'expired',
      'L-FOREVER': 'valid',
    });
    for (const [status, numbers] of [
      ['expiring', ['L-SOON']],
      ['expired', ['L-GONE']],
      ['valid', ['L-VALID', 'L-FOREVER']],
    ] as const) {
      const filtered = await ctx.app.inject({
        url: `/api/enterprises/${code}/licences?status=${status}`,
        headers: auth,
      });
      expect(filtered.json().items.map((l: { number: string }) => l.number)).toEqual(numbers);
      expect(filtered.json().total).toBe(numbers.length);
    }
  });

  it('keeps certifications apart from licences, with their own types', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const cert = await add(
      code,
      auth,
      licence({ type: 'haccp', number: 'HACCP-1', issuer: '中国质量认证中心' }),
      'certifications',
    );
    expect(cert.statusCode).toBe(201);
    expect((await add(code, auth, licence({ type: 'haccp' }))).statusCode).toBe(400);
    const licences = await ctx.app.inject({ url: `/api/enterprises/${code}/licences`, headers: auth });
    expect(licences.json().total).toBe(0);
    const one = await ctx.app.inject({
      url: `/api/enterprises/${code}/licences/${cert.json().id}`,
      headers: auth,
    });
    expect(one.statusCode).toBe(404);
  });

  it('refuses the same licence twice, and an edit that would end it before it starts', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const body = licence();
    const first = await add(code, auth, body);
    expect((await add(code, auth, body)).statusCode).toBe(400);
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${code}/licences/${first.json().id}`,
      headers: auth,
      payload: { validTo: addDays(today, -400) },
    });
    expect(patch.statusCode).toBe(400);
    expect(pointers(patch)).toEqual(['/validTo']);
  });

  it("answers not found for another enterprise's licences, for reads and writes", async () => {
    const a = await fileEnterprise(ctx);
    const b = await fileEnterprise(ctx);
    const created = (await add(a.code, a.auth, licence())).json();
    const base = `/api/enterprises/${a.code}/licences`;
    expect((await ctx.app.inject({ url: base, headers: b.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: `${base}/${created.id}`, headers: b.auth })).statusCode).toBe(404);
    expect((await add(a.code, b.auth, licence())).statusCode).toBe(404);
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `${base}/${created.id}`,
      headers: b.auth,
      payload: { scope: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    const query = await ctx.key(['query'], b.code);
    expect((await add(b.code, query, licence())).statusCode).toBe(403);
  });
});
