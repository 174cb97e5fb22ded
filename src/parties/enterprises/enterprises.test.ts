import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { partiesDb } from '../db.js';
import { creditCode, enterpriseBody, fileEnterprise, pointers } from '../test-factories.js';

describe.each(backends())('enterprise filing applications [%s]', (backend) => {
  const ctx = useApp(backend);
  const db = () => partiesDb(ctx.database.db);
  const stored = async (code: string) =>
    (await db().selectFrom('enterprises').select('credit_code').where('credit_code', '=', code).execute())
      .length;

  async function apply(body: Record<string, unknown>, auth?: { authorization: string }) {
    const headers = auth ?? (await ctx.key(['capture', 'query'], String(body.creditCode)));
    return ctx.app.inject({ method: 'POST', url: '/api/enterprises', headers, payload: body });
  }

  it('files an application that starts applied, with the region named and no warnings', async () => {
    const body = enterpriseBody();
    const response = await apply(body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      creditCode: body.creditCode,
      status: 'applied',
      creditCodeCheckFailed: false,
      regionName: ['海南省', '海口市', '秀英区'],
      industries: ['edible-farm'],
      warnings: [],
    });
  });

  it('accepts a genuine early code that fails the check character, with a warning and a stored flag', async () => {
    const response = await apply(enterpriseBody({ creditCode: '91350100M0001TGQXM', region: '350102' }));
    expect(response.statusCode).toBe(201);
    expect(response.json().creditCodeCheckFailed).toBe(true);
    expect(response.json().warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/creditCode' })]),
    );
    const row = await db()
      .selectFrom('enterprises')
      .select('credit_code_check_failed')
      .where('credit_code', '=', '91350100M0001TGQXM')
      .executeTakeFirstOrThrow();
    expect(row.credit_code_check_failed).toBe(true);
  });

  it.each([
    ['a code of 17 characters', '91460100MA5T0AAA1', '/creditCode'],
    ['a code with letters GB 32100 never uses', '91460100MA5T0AAIOZ', '/creditCode'],
  ])('refuses %s and stores nothing', async (_name, code, pointer) => {
    const response = await apply(enterpriseBody({ creditCode: code }), await ctx.key(['admin']));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(pointers(response)).toContain(pointer);
    expect(await stored(code)).toBe(0);
  });

  it.each([
    ['a region code that does not exist', { region: '460199' }, '/region'],
    ['a province instead of a county', { region: '460000' }, '/region'],
    ['a GLN with a wrong check digit', { gln: '6901234000013' }, '/gln'],
    ['a latitude beyond the pole', { coordinates: { lat: 91, lng: 110 } }, '/coordinates/lat'],
    ['an industry that is not one of the nine', { industries: ['toys'] }, '/industries/0'],
    ['no node type', { nodeTypes: [] }, '/nodeTypes'],
  ])('refuses %s, naming the field, and stores nothing', async (_name, overrides, pointer) => {
    const body = enterpriseBody(overrides);
    const response = await apply(body);
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toContain(pointer);
    expect(await stored(String(body.creditCode))).toBe(0);
  });

  it('refuses a credit code that is already filed and leaves the first filing as it was', async () => {
    const first = await fileEnterprise(ctx, { name: '第一家' });
    const again = await apply(enterpriseBody({ creditCode: first.code, name: '第二家' }), first.auth);
    expect(again.statusCode).toBe(400);
    expect(pointers(again)).toEqual(['/creditCode']);
    const row = await db()
      .selectFrom('enterprises')
      .select('name')
      .where('credit_code', '=', first.code)
      .execute();
    expect(row).toEqual([{ name: '第一家' }]);
  });

  it('refuses a key filing an enterprise other than its own', async () => {
    const response = await apply(enterpriseBody(), await ctx.key(['capture'], creditCode()));
    expect(response.statusCode).toBe(403);
  });

  it('warns about a prefecture-level region without counties and about coordinates outside China', async () => {
    const response = await apply(
      enterpriseBody({ region: '441900', coordinates: { lat: 48.85, lng: 2.35 } }),
    );
    expect(response.statusCode).toBe(201);
    expect(
      response
        .json()
        .warnings.map((w: { pointer: string }) => w.pointer)
        .sort(),
    ).toEqual(['/coordinates', '/region']);
  });

  it('shows an enterprise to its own key and answers not found to another enterprise', async () => {
    const a = await fileEnterprise(ctx);
    const b = await fileEnterprise(ctx);
    const own = await ctx.app.inject({ url: `/api/enterprises/${a.code}`, headers: a.auth });
    expect(own.statusCode).toBe(200);
    expect(own.json().creditCode).toBe(a.code);
    expect((await ctx.app.inject({ url: `/api/enterprises/${a.code}`, headers: b.auth })).statusCode).toBe(
      404,
    );
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${a.code}`,
      headers: b.auth,
      payload: { name: '冒名' },
    });
    expect(patch.statusCode).toBe(404);
    const list = await ctx.app.inject({ url: '/api/enterprises?perPage=200', headers: b.auth });
    expect(list.json().items.map((e: { creditCode: string }) => e.creditCode)).toEqual([b.code]);
  });

  it('changes master data but never the credit code', async () => {
    const a = await fileEnterprise(ctx);
    const patch = (payload: Record<string, unknown>) =>
      ctx.app.inject({ method: 'PATCH', url: `/api/enterprises/${a.code}`, headers: a.auth, payload });
    const changed = await patch({ name: '新名称', nodeTypes: ['wholesale-market', 'logistics'] });
    expect(changed.json()).toMatchObject({ name: '新名称', nodeTypes: ['wholesale-market', 'logistics'] });
    expect((await patch({ creditCode: creditCode() })).statusCode).toBe(400);
    expect(pointers(await patch({ region: '469999' }))).toEqual(['/region']);
  });

  it('lists for an administrator with filters, paging and a total', async () => {
    const tag = `筛选${Math.random().toString(36).slice(2, 8)}`;
    for (const region of ['460105', '460106', '469002']) {
      await fileEnterprise(ctx, { name: `${tag}市场`, region, industries: ['edible-farm', 'food'] });
    }
    const admin = await ctx.key(['admin']);
    const page = await ctx.app.inject({
      url: `/api/enterprises?q=${encodeURIComponent(tag)}&region=460100&industry=food&perPage=1&page=2`,
      headers: admin,
    });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 2, page: 2, perPage: 1 });
    expect(page.json().items).toHaveLength(1);
    const all = await ctx.app.inject({
      url: `/api/enterprises?q=${encodeURIComponent(tag)}&region=46`,
      headers: admin,
    });
    expect(all.json().total).toBe(3);
    const bad = await ctx.app.inject({ url: '/api/enterprises?industry=toys', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toContain('industry');
  });

  it('needs an API key to read enterprises', async () => {
    expect((await ctx.app.inject({ url: '/api/enterprises' })).statusCode).toBe(401);
  });
});
