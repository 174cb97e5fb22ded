import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { pointers } from '../test-factories.js';
import { industries } from '../vocabulary.js';

interface Node {
  key: string;
  level: string;
  nameZh: string;
  children?: Node[];
}

describe.each(backends())('product catalog [%s]', (backend) => {
  const ctx = useApp(backend);

  it('has all nine industries, each with categories and varieties, readable without a key', async () => {
    const response = await ctx.app.inject('/api/catalog');
    expect(response.statusCode).toBe(200);
    const tree = response.json().industries as Node[];
    expect(tree.map((n) => n.key).sort()).toEqual(Object.keys(industries).sort());
    for (const industry of tree) {
      expect(industry.nameZh).toBe(industries[industry.key as keyof typeof industries]);
      expect(industry.children?.length).toBeGreaterThan(0);
      for (const category of industry.children ?? []) expect(category.children?.length).toBeGreaterThan(0);
    }
    const keys = JSON.stringify(tree);
    for (const variety of [
      'edible-farm.livestock.pork',
      'drug.finished.vaccines',
      'special-equipment.pressure.gas-cylinder',
    ]) {
      expect(keys).toContain(variety);
    }
  });

  it('answers one category with its varieties', async () => {
    const response = await ctx.app.inject('/api/catalog/edible-farm.livestock');
    expect(response.json()).toMatchObject({
      key: 'edible-farm.livestock',
      level: 'category',
      nameZh: '畜禽产品',
    });
    expect(response.json().children.map((c: Node) => c.nameZh)).toContain('猪肉');
    expect((await ctx.app.inject('/api/catalog/nothing.here')).statusCode).toBe(404);
  });

  it('publishes region lists whose new version supersedes the old and keeps it in history', async () => {
    const admin = await ctx.key(['admin']);
    const region = '469002';
    const publish = (effectiveFrom: string, items: string[]) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/catalog/lists',
        headers: admin,
        payload: { region, kind: 'key', effectiveFrom, items, note: '琼海市重点追溯产品目录' },
      });
    const v1 = await publish('2025-01-01', ['edible-farm.livestock.pork', 'edible-farm.crops.vegetables']);
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({
      version: 1,
      effectiveTo: null,
      regionName: ['海南省', '省直辖县级行政区划', '琼海市'],
    });
    const v2 = await publish('2026-01-01', [
      'edible-farm.livestock.pork',
      'edible-farm.crops.tropical-fruit',
    ]);
    expect(v2.json()).toMatchObject({ version: 2 });
    const at2025 = await ctx.app.inject(`/api/catalog/lists?region=${region}&at=2025-06-01`);
    expect(at2025.json()).toMatchObject({ total: 1, items: [{ version: 1, effectiveTo: '2026-01-01' }] });
    const at2026 = await ctx.app.inject(`/api/catalog/lists?region=${region}&kind=key&at=2026-06-01`);
    expect(at2026.json().items[0].items.map((i: { key: string }) => i.key)).toContain(
      'edible-farm.crops.tropical-fruit',
    );
    const history = await ctx.app.inject(`/api/catalog/lists?region=${region}&history=true`);
    expect(history.json().items.map((l: { version: number }) => l.version)).toEqual([2, 1]);
    const stale = await publish('2025-12-31', ['edible-farm.livestock.pork']);
    expect(stale.statusCode).toBe(400);
    expect(pointers(stale)).toEqual(['/effectiveFrom']);
  });

  it('refuses a list naming a category that is not in the catalog, or a region that does not exist', async () => {
    const admin = await ctx.key(['admin']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/catalog/lists',
      headers: admin,
      payload: {
        region: '460199',
        kind: 'encouraged',
        effectiveFrom: '2026-01-01',
        items: ['edible-farm.crops.tea', 'toys'],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(pointers(response).sort()).toEqual(['/items/1', '/region']);
    const lists = await ctx.app.inject('/api/catalog/lists?region=460199&history=true');
    expect(lists.json().total).toBe(0);
  });

  it('lets only administrators publish lists and extend the catalog', async () => {
    const enterprise = await ctx.key(['capture', 'query'], '91460100MA5T0AAA1X');
    const list = await ctx.app.inject({
      method: 'POST',
      url: '/api/catalog/lists',
      headers: enterprise,
      payload: {
        region: '460105',
        kind: 'key',
        effectiveFrom: '2026-01-01',
        items: ['edible-farm.crops.tea'],
      },
    });
    expect(list.statusCode).toBe(403);
    const node = { parent: 'edible-farm.crops', key: 'coconut', nameZh: '椰子', nameEn: 'Coconut' };
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/catalog', headers: enterprise, payload: node }))
        .statusCode,
    ).toBe(403);
    const admin = await ctx.key(['admin']);
    const added = await ctx.app.inject({
      method: 'POST',
      url: '/api/catalog',
      headers: admin,
      payload: node,
    });
    expect(added.json()).toMatchObject({ key: 'edible-farm.crops.coconut', level: 'variety' });
  });

  it('publishes the closed vocabularies with their Chinese labels', async () => {
    const response = await ctx.app.inject('/api/catalog/vocabularies');
    expect(response.json()).toMatchObject({
      industries: { herb: '中药材' },
      nodeTypes: { 'filling-station': '气瓶充装单位' },
    });
  });
});
