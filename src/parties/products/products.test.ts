import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { gtin } from '../../../test/factories.js';
import { partiesDb } from '../db.js';
import { fileEnterprise, pointers } from '../test-factories.js';

describe.each(backends())('products [%s]', (backend) => {
  const ctx = useApp(backend);

  async function add(auth: { authorization: string }, body: Record<string, unknown>) {
    return ctx.app.inject({ method: 'POST', url: '/api/products', headers: auth, payload: body });
  }
  const count = async (enterprise: string) =>
    (
      await partiesDb(ctx.database.db)
        .selectFrom('products')
        .select('id')
        .where('enterprise', '=', enterprise)
        .execute()
    ).length;

  it('records a product by GTIN in a catalog category, with approval numbers', async () => {
    const { code, auth } = await fileEnterprise(ctx, { industries: ['edible-farm', 'drug'] });
    const response = await add(auth, {
      gtin: gtin(7).slice(1),
      name: '板蓝根颗粒',
      category: 'drug.finished.formulations',
      specification: '10g×20袋',
      unit: '盒',
      shelfLifeDays: 730,
      approvals: [{ type: 'drug-approval', number: '国药准字Z11020357' }],
      imageRef: 'file:abc123',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ enterprise: code, gtin: gtin(7), warnings: [] });
    const byApproval = await ctx.app.inject({
      url: '/api/products?approval=国药准字Z11020357',
      headers: auth,
    });
    expect(byApproval.json()).toMatchObject({ total: 1, items: [{ name: '板蓝根颗粒' }] });
    const byCategory = await ctx.app.inject({ url: '/api/products?category=drug', headers: auth });
    expect(byCategory.json().total).toBe(1);
  });

  it('records a product by its own code and warns when its industry is not filed', async () => {
    const { auth } = await fileEnterprise(ctx, { industries: ['edible-farm'] });
    const response = await add(auth, { code: 'MANGO-01', name: '贵妃芒', category: 'import.food.rice' });
    expect(response.statusCode).toBe(201);
    expect(response.json().warnings.map((w: { pointer: string }) => w.pointer)).toEqual(['/category']);
  });

  it.each([
    ['a category that does not exist', { gtin: gtin(1), category: 'edible-farm.crops.durian' }, '/category'],
    ['an industry instead of a category', { gtin: gtin(2), category: 'edible-farm' }, '/category'],
    [
      'a GTIN with a wrong check digit',
      { gtin: `${gtin(3).slice(0, 13)}${(Number(gtin(3)[13]) + 1) % 10}` },
      '/gtin',
    ],
    ['neither GTIN nor own code', {}, '/gtin'],
    ['a shelf life of 0 days', { gtin: gtin(4), shelfLifeDays: 0 }, '/shelfLifeDays'],
    [
      'an unknown approval type',
      { gtin: gtin(5), approvals: [{ type: 'x', number: '1' }] },
      '/approvals/0/type',
    ],
  ])('refuses %s, naming the field, and stores nothing', async (_name, overrides, pointer) => {
    const { code, auth } = await fileEnterprise(ctx);
    const response = await add(auth, {
      name: '测试产品',
      category: 'edible-farm.crops.vegetables',
      ...overrides,
    });
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toContain(pointer);
    expect(await count(code)).toBe(0);
  });

  it('refuses the same GTIN twice for one enterprise', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const body = { gtin: gtin(9), name: '椰子汁', category: 'food.processed.meat-products' };
    expect((await add(auth, body)).statusCode).toBe(201);
    const again = await add(auth, body);
    expect(again.statusCode).toBe(400);
    expect(pointers(again)).toEqual(['/gtin']);
    expect(await count(code)).toBe(1);
  });

  it("answers not found for another enterprise's products and refuses writing for it", async () => {
    const a = await fileEnterprise(ctx);
    const b = await fileEnterprise(ctx);
    const product = (
      await add(a.auth, { code: 'P1', name: '猪肉', category: 'edible-farm.livestock.pork' })
    ).json();
    expect((await ctx.app.inject({ url: `/api/products/${product.id}`, headers: b.auth })).statusCode).toBe(
      404,
    );
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/products/${product.id}`,
      headers: b.auth,
      payload: { name: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    const forA = await add(b.auth, {
      enterprise: a.code,
      code: 'P2',
      name: '冒名',
      category: 'edible-farm.livestock.pork',
    });
    expect(forA.statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/api/products?code=P1', headers: b.auth })).json().total).toBe(0);
    expect(await count(a.code)).toBe(1);
  });

  it('changes a product but checks a new category against the catalog', async () => {
    const { auth } = await fileEnterprise(ctx);
    const product = (
      await add(auth, { code: 'EGG', name: '鸡蛋', category: 'edible-farm.livestock.eggs' })
    ).json();
    const patch = (payload: Record<string, unknown>) =>
      ctx.app.inject({ method: 'PATCH', url: `/api/products/${product.id}`, headers: auth, payload });
    expect((await patch({ shelfLifeDays: 30, unit: '盒' })).json()).toMatchObject({
      shelfLifeDays: 30,
      unit: '盒',
    });
    expect(pointers(await patch({ category: 'nothing' }))).toEqual(['/category']);
    expect(
      (await ctx.app.inject({ url: `/api/products/${product.id}`, headers: auth })).json().category,
    ).toBe('edible-farm.livestock.eggs');
  });
});
