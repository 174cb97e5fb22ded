import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { gln, objectEvent } from '../../../test/factories.js';
import { partiesDb } from '../db.js';
import { fileEnterprise, pointers } from '../test-factories.js';

describe.each(backends())('locations [%s]', (backend) => {
  const ctx = useApp(backend);

  async function add(auth: { authorization: string }, body: Record<string, unknown>) {
    return ctx.app.inject({ method: 'POST', url: '/api/locations', headers: auth, payload: body });
  }

  it('names locations of an enterprise without a GLN with suyuan URNs numbered in order', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const site = await add(auth, { kind: 'site', name: '交易大厅' });
    expect(site.statusCode).toBe(201);
    expect(site.json()).toMatchObject({ identifier: `urn:suyuan:loc:${code}:1`, enterprise: code });
    const stall = await add(auth, { kind: 'stall', name: 'A-12', parent: site.json().id });
    expect(stall.json()).toMatchObject({ identifier: `urn:suyuan:loc:${code}:2`, parent: site.json().id });
    const extension = await add(auth, { kind: 'stall', name: 'A-13', extension: 'A13' });
    expect(pointers(extension)).toEqual(['/extension']);
  });

  it('names locations under the enterprise GLN as canonical Digital Link SGLNs', async () => {
    const enterpriseGln = gln(Math.floor(Math.random() * 99999));
    const { auth } = await fileEnterprise(ctx, { gln: enterpriseGln });
    const site = await add(auth, { kind: 'site', name: '冷库', extension: 'COLD-1' });
    expect(site.json().identifier).toBe(`https://id.gs1.org/414/${enterpriseGln}/254/COLD-1`);
    const numbered = await add(auth, { kind: 'read-point', name: '出库口' });
    expect(numbered.json().identifier).toBe(`https://id.gs1.org/414/${enterpriseGln}/254/2`);
    const taken = await add(auth, { kind: 'site', name: '重复', extension: 'COLD-1' });
    expect(taken.statusCode).toBe(400);
    expect(pointers(taken)).toEqual(['/extension']);
  });

  it('writes parents into location_parents so EPCIS WD_bizLocation finds events at a child', async () => {
    const { auth } = await fileEnterprise(ctx);
    const market = (await add(auth, { kind: 'site', name: '市场' })).json();
    const hall = (await add(auth, { kind: 'site', name: '蔬菜区', parent: market.id })).json();
    const stall = (await add(auth, { kind: 'stall', name: 'B-7', parent: hall.id })).json();
    const db = partiesDb(ctx.database.db);
    const links = await db
      .selectFrom('location_parents')
      .selectAll()
      .where('location', '=', stall.identifier)
      .execute();
    expect(links).toEqual([{ location: stall.identifier, parent: hall.identifier }]);
    const event = objectEvent({ bizLocation: { id: stall.identifier } });
    const captured = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/events',
      headers: auth,
      payload: event,
    });
    expect(captured.statusCode).toBe(201);
    const found = await ctx.app.inject({
      url: `/epcis/events?WD_bizLocation=${encodeURIComponent(market.identifier)}`,
      headers: auth,
    });
    expect(found.statusCode).toBe(200);
    const events = found.json().epcisBody.queryResults.resultsBody.eventList as {
      bizLocation: { id: string };
    }[];
    expect(events.map((e) => e.bizLocation.id)).toEqual([stall.identifier]);
  });

  it('moves a location to another parent, keeping location_parents in step, and refuses a cycle', async () => {
    const { auth } = await fileEnterprise(ctx);
    const a = (await add(auth, { kind: 'site', name: 'A' })).json();
    const b = (await add(auth, { kind: 'warehouse', name: 'B', parent: a.id })).json();
    const c = (await add(auth, { kind: 'site', name: 'C' })).json();
    const move = (id: string, parent: string | null) =>
      ctx.app.inject({ method: 'PATCH', url: `/api/locations/${id}`, headers: auth, payload: { parent } });
    expect((await move(b.id, c.id)).json().parent).toBe(c.id);
    const db = partiesDb(ctx.database.db);
    const links = await db
      .selectFrom('location_parents')
      .select('parent')
      .where('location', '=', b.identifier)
      .execute();
    expect(links).toEqual([{ parent: c.identifier }]);
    const cycle = await move(c.id, b.id);
    expect(cycle.statusCode).toBe(400);
    expect(pointers(cycle)).toEqual(['/parent']);
    expect((await move(b.id, null)).json().parent).toBeNull();
  });

  it("refuses another enterprise's location as a parent and answers not found for its locations", async () => {
    const a = await fileEnterprise(ctx);
    const b = await fileEnterprise(ctx);
    const aSite = (await add(a.auth, { kind: 'site', name: 'A 的场所' })).json();
    const parent = await add(b.auth, { kind: 'stall', name: 'B 的摊位', parent: aSite.id });
    expect(parent.statusCode).toBe(400);
    expect(pointers(parent)).toEqual(['/parent']);
    expect((await ctx.app.inject({ url: `/api/locations/${aSite.id}`, headers: b.auth })).statusCode).toBe(
      404,
    );
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/locations/${aSite.id}`,
      headers: b.auth,
      payload: { name: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    expect((await add(b.auth, { enterprise: a.code, kind: 'site', name: '代建' })).statusCode).toBe(404);
    const list = await ctx.app.inject({ url: `/api/locations?enterprise=${a.code}`, headers: b.auth });
    expect(list.json().total).toBe(0);
  });

  it('lists locations with filters and a total', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const site = (await add(auth, { kind: 'site', name: '基地' })).json();
    for (const name of ['1 号棚', '2 号棚', '3 号棚'])
      await add(auth, { kind: 'field', name, parent: site.id });
    const page = await ctx.app.inject({
      url: `/api/locations?kind=field&parent=${site.id}&perPage=2`,
      headers: auth,
    });
    expect(page.json()).toMatchObject({ total: 3, perPage: 2 });
    expect(page.json().items).toHaveLength(2);
    const admin = await ctx.key(['admin']);
    const all = await ctx.app.inject({ url: `/api/locations?enterprise=${code}`, headers: admin });
    expect(all.json().total).toBe(4);
  });
});
