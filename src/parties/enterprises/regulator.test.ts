import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { asPrincipal } from '../../db/scoped.js';
import { enterpriseBody } from '../test-factories.js';

describe.each(backends())('regulators and enterprise master data [%s]', (backend) => {
  const ctx = useApp(backend);
  const host = { host: 'localhost:80' };

  async function apply(region: string, industries = ['food']) {
    const body = enterpriseBody({ region, industries });
    const key = await ctx.key(['capture', 'query'], body.creditCode as string);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: key,
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return body.creditCode as string;
  }

  it('lets a regulator of the region approve a filing, and not one of another region', async () => {
    const haikouFirm = await apply('460106');
    const sanya = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4602' });
    const haikou = await ctx.login({
      role: 'regulator',
      department: 'market',
      regionScope: '4601',
      industries: ['food'],
    });
    const approve = (cookie: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/enterprises/${haikouFirm}/filing`,
        headers: { cookie, origin: 'http://localhost:80', ...host },
        payload: { to: 'filed', reason: '材料齐全' },
      });
    expect((await approve(sanya.cookie)).statusCode).toBe(404); // not even visible outside its region
    const ok = await approve(haikou.cookie);
    expect(ok.statusCode, ok.body).toBe(200);
    const history = await ctx.app.inject({
      url: `/api/enterprises/${haikouFirm}/filing`,
      headers: { cookie: haikou.cookie },
    });
    expect(JSON.stringify(history.json())).toContain('材料齐全');
  });

  it('refuses a regulator of another industry', async () => {
    const firm = await apply('460106', ['drug']);
    const food = await ctx.login({
      role: 'regulator',
      department: 'market',
      regionScope: '4601',
      industries: ['food'],
    });
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/enterprises/${firm}/filing`,
      headers: { cookie: food.cookie, origin: 'http://localhost:80', ...host },
      payload: { to: 'filed', reason: 'x' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('shows a regulator the enterprises of its region only, and lets it edit none', async () => {
    const haikouFirm = await apply('460106');
    const sanyaFirm = await apply('460203');
    const haikou = await ctx.login({ role: 'regulator', department: 'commerce', regionScope: '4601' });
    const find = async (code: string) =>
      JSON.stringify(
        (
          await ctx.app.inject({ url: `/api/enterprises?q=${code}`, headers: { cookie: haikou.cookie } })
        ).json(),
      );
    expect(await find(haikouFirm)).toContain(haikouFirm);
    expect(await find(sanyaFirm)).not.toContain(sanyaFirm);
    const edit = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${haikouFirm}`,
      headers: { cookie: haikou.cookie, origin: 'http://localhost:80', ...host },
      payload: { name: '改名' },
    });
    expect([403, 404]).toContain(edit.statusCode);
  });

  it('binds the enterprise policies to a bare query', async () => {
    const mine = await apply('460106');
    const theirs = await apply('460106');
    const rows = await asPrincipal(
      ctx.database,
      { id: 'apikey:x', kind: 'apikey', scopes: new Set(['query']), enterprise: mine },
      async (trx) =>
        (await sql<{ credit_code: string }>`SELECT credit_code FROM enterprises`.execute(trx)).rows.map(
          (r) => r.credit_code,
        ),
    );
    expect(rows).toEqual([mine]);
    expect(rows).not.toContain(theirs);
    const secret = asPrincipal(
      ctx.database,
      { id: 'apikey:x', kind: 'apikey', scopes: new Set(['query']), enterprise: mine },
      (trx) => sql`SELECT * FROM secrets`.execute(trx),
    );
    await expect(secret).rejects.toThrow(/permission denied/);
  });
});
