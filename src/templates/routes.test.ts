import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import { creditCode } from '../parties/test-factories.js';

const lang = (zh: string, en: string) => ({ zh, en });

function newTemplate(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    category: 'herbs',
    label: lang('沉香追溯', 'Agarwood'),
    ctes: [
      {
        id: 'harvest',
        label: lang('采收', 'Harvest'),
        bizStep: 'urn:suyuan:bizstep:agarwood_harvest',
        eventType: 'ObjectEvent',
        action: 'ADD',
        fields: [
          { name: 'lot', type: 'code', required: true, label: lang('批次码', 'Lot'), epcis: 'quantityList' },
          {
            name: 'resinContent',
            type: 'number',
            unit: 'P1',
            min: 0,
            max: 100,
            label: lang('含油量', 'Resin content'),
            visibility: 'public',
          },
        ],
      },
    ],
    ...extra,
  };
}

describe.each(backends())('templates API [%s]', (backend) => {
  const ctx = useApp(backend);

  it('lists the built-in templates to anyone, by category', async () => {
    const all = await ctx.app.inject({ url: '/api/templates' });
    expect(all.statusCode).toBe(200);
    const body = all.json() as {
      categories: Record<string, unknown>;
      templates: { id: string; category: string }[];
    };
    expect(body.templates.map((t) => t.id)).toEqual(
      expect.arrayContaining(['meat-vegetables', 'drugs', 'gas-cylinders', 'fsma-204']),
    );
    expect(Object.keys(body.categories)).toHaveLength(10);
    const drugs = await ctx.app.inject({ url: '/api/templates?category=drugs' });
    expect((drugs.json() as typeof body).templates.map((t) => t.category)).toEqual(['drugs']);
    expect((await ctx.app.inject({ url: '/api/templates?category=toys' })).statusCode).toBe(400);
  });

  it('gives one template with every CTE and field, and 404 for an unknown one', async () => {
    const response = await ctx.app.inject({ url: '/api/templates/gas-cylinders' });
    expect(response.statusCode).toBe(200);
    const t = response.json();
    expect(t).toMatchObject({
      id: 'gas-cylinders',
      version: 1,
      versions: [1],
      category: 'special-equipment',
    });
    const filling = t.ctes.find((c: { id: string }) => c.id === 'filling');
    expect(filling.hardRules).toEqual(['cylinderFillable']);
    expect(filling.fields.find((f: { name: string }) => f.name === 'filledMass')).toMatchObject({
      type: 'number',
      unit: 'KGM',
      label: { zh: '充装量' },
    });
    expect((await ctx.app.inject({ url: '/api/templates/teleporters' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/api/templates/drugs?version=9' })).statusCode).toBe(404);
  });

  it('lets a regulator add a template and a new version, without a deploy; records use it at once', async () => {
    const regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '46' });
    const id = `agarwood-${unique()}`;
    const post = (body: unknown) =>
      ctx.app.inject({ method: 'POST', url: '/api/templates', headers: regulator, payload: body as object });
    const first = await post(newTemplate(id));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ id, version: 1 });
    const second = await post(newTemplate(id, { label: lang('沉香追溯（第二版）', 'Agarwood v2') }));
    expect(second.json()).toMatchObject({ version: 2 });
    const again = await post(newTemplate(id, { version: 2 }));
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([{ pointer: '/version', message: 'use 3 (or leave version out)' }]);
    const latest = await ctx.app.inject({ url: `/api/templates/${id}` });
    expect(latest.json()).toMatchObject({ version: 2, versions: [1, 2], label: { en: 'Agarwood v2' } });
    expect((await ctx.app.inject({ url: `/api/templates/${id}?version=1` })).json()).toMatchObject({
      version: 1,
    });

    const enterprise = await ctx.key(['capture', 'query'], creditCode());
    const record = await ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: enterprise,
      payload: { template: id, cte: 'harvest', fields: { lot: 'CN46BGP1XF3A7QYR', resinContent: '35 P1' } },
    });
    expect(record.statusCode, record.body).toBe(201);
    const row = await ctx.database.db
      .selectFrom('events')
      .select('template')
      .where('event_id', '=', record.json().eventIDs[0])
      .executeTakeFirstOrThrow();
    expect(row.template).toBe(`${id}@2`);
  });

  it('refuses an invalid template with pointers, and keeps versions immutable', async () => {
    const id = `bad-${unique()}`;
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/templates',
      headers: ctx.admin,
      payload: newTemplate(id, {
        category: 'toys',
        ctes: [{ id: 'x', label: lang('甲', 'X'), bizStep: 'nonsense', fields: [] }],
      }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/category',
      '/ctes/0/bizStep',
      '/ctes/0/fields',
    ]);
    await expect(
      sql`UPDATE templates SET category = 'food' WHERE id = 'drugs'`.execute(ctx.database.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM templates WHERE id = 'drugs'`.execute(ctx.database.db)).rejects.toThrow(
      /immutable/,
    );
  });

  it('keeps the category of a template across versions', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/templates',
      headers: ctx.admin,
      payload: { ...newTemplate('drugs'), category: 'herbs' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ pointer: '/category', message: 'drugs is a drugs template' }]);
  });

  it('gives an example record of a CTE that POST /api/records takes as it is', async () => {
    const example = await ctx.app.inject({ url: '/api/templates/elevators/maintenance/example.json' });
    expect(example.statusCode).toBe(200);
    expect(example.json()).toMatchObject({
      template: 'elevators@1',
      cte: 'maintenance',
      fields: { maintenanceType: 'half-month' },
    });
    const key = await ctx.key(['capture'], creditCode());
    const stored = await ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: key,
      payload: example.json(),
    });
    expect(stored.statusCode, stored.body).toBe(201);
    expect((await ctx.app.inject({ url: '/api/templates/elevators/flying/example.json' })).statusCode).toBe(
      404,
    );
  });

  it('documents the routes in the OpenAPI description', async () => {
    const paths = Object.keys((await ctx.app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/templates', '/api/templates/{id}', '/api/records']));
  });

  it('lets only regulators and platform administrators add templates', async () => {
    const body = newTemplate(`x-${unique()}`);
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/templates', payload: body });
    expect(anonymous.statusCode).toBe(401);
    const key = await ctx.key(['capture', 'query'], creditCode());
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/templates', headers: key, payload: body }))
        .statusCode,
    ).toBe(403);
    const owner = await ctx.login({ role: 'enterprise_admin', enterprise: creditCode() });
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/templates',
      headers: owner,
      payload: body,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      status: 403,
      type: expect.stringContaining('SecurityException'),
      detail: expect.stringContaining('regulators and platform administrators'),
    });
    // a refused body is not checked: an invalid definition still gets 403, not 400
    const invalid = await ctx.app.inject({
      method: 'POST',
      url: '/api/templates',
      headers: owner,
      payload: { id: 'NOT valid' },
    });
    expect(invalid.statusCode).toBe(403);
    const openapi = (await ctx.app.inject({ url: '/openapi.json' })).json();
    expect(openapi.paths['/api/templates'].post.description).toMatch(
      /403 Forbidden as application\/problem\+json/,
    );
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/templates', headers: ctx.admin, payload: body }))
        .statusCode,
    ).toBe(201);
  });
});
