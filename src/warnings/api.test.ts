import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { chainIds, move } from '../trace/fixtures.js';
import { captureAs, enterprise, hoursAgo, warningsFor } from './fixtures.js';

// The warnings API: who sees which warnings (row-level security), filters and paging, the status
// lifecycle with its history, statistics, and rule settings per region and industry.

describe.each(backends())('warnings API [%s]', (backend) => {
  const ctx = useApp(backend);
  const host = { host: 'localhost:80', origin: 'http://localhost:80' };

  /** A late-report warning for the enterprise (one batch recorded 100 hours late). */
  async function lateWarning(who: { code: string; auth: { authorization: string } }) {
    await captureAs(ctx, who, [move('shipping', [chainIds().item(1)], { at: hoursAgo(100) })]);
    const [warning] = await warningsFor(ctx, 'late-report', { enterprise: who.code });
    if (!warning) throw new Error('no warning raised');
    return String(warning.id);
  }

  async function regulator(regionScope: string, industries?: string[]) {
    const { cookie } = await ctx.login({ role: 'regulator', department: 'market', regionScope, industries });
    return { cookie, ...host };
  }

  async function setup() {
    const a = await enterprise(ctx, { region: '460105', industries: ['food'] });
    const b = await enterprise(ctx, { region: '460106', industries: ['food'] });
    const c = await enterprise(ctx, { region: '440305', industries: ['food'] });
    return { a, b, c, ids: { a: await lateWarning(a), b: await lateWarning(b), c: await lateWarning(c) } };
  }

  const list = async (headers: Record<string, string>, query = '') => {
    const response = await ctx.app.inject({ url: `/api/warnings${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: { id: string; enterprise: string }[]; total: number };
  };

  it('shows an enterprise its own warnings only, and nothing to the public', async () => {
    const { a, ids } = await setup();
    const mine = await list(a.auth);
    expect(mine.items.map((w) => w.id)).toEqual([ids.a]);
    expect(mine.items[0]).toMatchObject({
      enterprise: a.code,
      ruleName: { zh: '上报不及时' },
      regionName: expect.stringContaining('海口'),
    });
    expect((await ctx.app.inject({ url: `/api/warnings/${ids.b}`, headers: a.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: `/api/warnings/${ids.a}`, headers: a.auth })).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/warnings' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: `/api/warnings/${ids.a}` })).statusCode).toBe(401);
  });

  it('shows a regulator the warnings of its region and industries, not others', async () => {
    const { a, b, c, ids } = await setup();
    const haikou = await regulator('4601');
    const seen = (await list(haikou, '?perPage=200')).items.map((w) => w.id);
    expect(seen).toEqual(expect.arrayContaining([ids.a, ids.b]));
    expect(seen).not.toContain(ids.c);
    expect((await ctx.app.inject({ url: `/api/warnings/${ids.c}`, headers: haikou })).statusCode).toBe(404);
    const drugsOnly = await regulator('4601', ['drug']);
    expect((await list(drugsOnly, `?enterprise=${a.code}`)).total).toBe(0);
    const shenzhen = await regulator('4403');
    expect((await list(shenzhen, `?enterprise=${c.code}`)).items.map((w) => w.id)).toEqual([ids.c]);
    expect((await list(shenzhen, `?enterprise=${b.code}`)).total).toBe(0);
  });

  it('filters by rule, severity, status, region, enterprise and code, and pages', async () => {
    const { a, b, ids } = await setup();
    const ids2 = chainIds();
    await captureAs(ctx, a, [move('commissioning', [ids2.item(7)], { at: hoursAgo(2) })]);
    await captureAs(ctx, a, [move('commissioning', [ids2.item(7)], { at: hoursAgo(1) })]);
    const admin = ctx.admin;
    const byEnterprise = await list(admin, `?enterprise=${a.code}`);
    expect(byEnterprise.total).toBe(2);
    expect((await list(admin, `?enterprise=${a.code}&rule=late-report`)).items.map((w) => w.id)).toEqual([
      ids.a,
    ]);
    expect((await list(admin, `?enterprise=${a.code}&severity=high`)).total).toBe(1);
    expect((await list(admin, `?enterprise=${a.code}&status=resolved`)).total).toBe(0);
    const byCode = await list(admin, `?code=${encodeURIComponent(ids2.item(7))}`);
    expect(byCode.items).toHaveLength(1);
    expect(byCode.items[0]).toMatchObject({ rule: 'duplicate-commissioning', code: ids2.item(7) });
    const region = await list(admin, '?region=460106&rule=late-report&perPage=200');
    expect(region.items.map((w) => w.id)).toContain(ids.b);
    expect(region.items.every((w) => w.enterprise !== a.code)).toBe(true);
    const paged = await list(admin, `?enterprise=${a.code}&perPage=1&page=2`);
    expect(paged).toMatchObject({ total: 2, page: 2, perPage: 1 });
    expect(paged.items).toHaveLength(1);
    expect((await ctx.app.inject({ url: '/api/warnings?severity=urgent', headers: admin })).statusCode).toBe(
      400,
    );
    expect((await ctx.app.inject({ url: '/api/warnings?code=%20', headers: admin })).statusCode).toBe(400);
    void b;
  });

  it('moves a warning new → acknowledged → dismissed with reasons and keeps the history', async () => {
    const { a, ids } = await setup();
    const haikou = await regulator('4601');
    const patch = (headers: Record<string, string>, id: string, status: string, reason = '已核实') =>
      ctx.app.inject({ method: 'PATCH', url: `/api/warnings/${id}`, headers, payload: { status, reason } });
    expect((await patch(a.auth, ids.a, 'acknowledged')).statusCode).toBe(403);
    expect((await patch(await regulator('4602'), ids.a, 'acknowledged')).statusCode).toBe(404);
    const skip = await patch(haikou, ids.a, 'resolved');
    expect(skip.statusCode).toBe(409);
    const ack = await patch(haikou, ids.a, 'acknowledged', '已通知企业说明情况');
    expect(ack.statusCode, ack.body).toBe(200);
    const done = await patch(haikou, ids.a, 'dismissed', '企业补录历史数据，非实时上报');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'dismissed', closedAt: expect.any(String) });
    expect((await patch(haikou, ids.a, 'resolved')).statusCode).toBe(409);
    const shown = await ctx.app.inject({ url: `/api/warnings/${ids.a}`, headers: a.auth });
    expect(shown.json().history.map((h: { to: string }) => h.to)).toEqual([
      'new',
      'acknowledged',
      'dismissed',
    ]);
    expect(shown.json().history[2]).toMatchObject({
      from: 'acknowledged',
      reason: '企业补录历史数据，非实时上报',
      by: expect.stringMatching(/^user:/),
    });
    expect(
      (
        await ctx.app.inject({
          method: 'PATCH',
          url: `/api/warnings/${ids.b}`,
          headers: haikou,
          payload: { status: 'acknowledged' },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('counts warnings by rule, region and industry within the caller’s scope', async () => {
    await setup();
    const response = await ctx.app.inject({
      url: '/api/warnings/stats?rule=late-report',
      headers: await regulator('4601'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json();
    expect(stats.byRule).toEqual([
      { rule: 'late-report', name: { zh: '上报不及时', en: 'Late report' }, count: stats.total },
    ]);
    expect(stats.byRegion.every((r: { region: string }) => r.region.startsWith('4601'))).toBe(true);
    expect(stats.byRegion.map((r: { region: string }) => r.region)).toEqual(
      expect.arrayContaining(['460105', '460106']),
    );
    expect(stats.byIndustry).toContainEqual({ industry: 'food', count: expect.any(Number) });
    const everywhere = (
      await ctx.app.inject({ url: '/api/warnings/stats?rule=late-report', headers: ctx.admin })
    ).json();
    expect(everywhere.total).toBeGreaterThan(stats.total);
  });

  it('lists the rules; a regulator sets parameters within its region, not elsewhere', async () => {
    const rules = await ctx.app.inject({ url: '/api/rules', headers: ctx.auth });
    expect(rules.statusCode).toBe(200);
    expect(rules.json().items).toHaveLength(16);
    const haikou = await regulator('4601', ['food']);
    const put = (headers: Record<string, string>, body: object) =>
      ctx.app.inject({ method: 'PUT', url: '/api/rules/late-report/settings', headers, payload: body });
    const set = await put(haikou, {
      region: '4601',
      industry: 'food',
      severity: 'medium',
      parameters: { maxHours: 24 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().effective).toMatchObject({ severity: 'medium', parameters: { maxHours: 24 } });
    expect(
      (await put(haikou, { region: '4602', industry: 'food', parameters: { maxHours: 1 } })).statusCode,
    ).toBe(403);
    expect(
      (await put(haikou, { region: '', industry: 'food', parameters: { maxHours: 1 } })).statusCode,
    ).toBe(403);
    expect(
      (await put(haikou, { region: '4601', industry: 'drug', parameters: { maxHours: 1 } })).statusCode,
    ).toBe(403);
    expect(
      (await put(ctx.auth, { region: '4601', industry: 'food', parameters: { maxHours: 1 } })).statusCode,
    ).toBe(403);
    const bad = await put(haikou, {
      region: '4601',
      industry: 'food',
      parameters: { maxHours: 'soon', nope: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/parameters/maxHours', '/parameters/nope']);
    const effective = async (query: string) =>
      (await ctx.app.inject({ url: `/api/rules/late-report${query}`, headers: ctx.auth })).json().effective
        .parameters.maxHours;
    expect(await effective('?region=460105&industry=food')).toBe(24);
    expect(await effective('?region=460105&industry=drug')).toBe(48);
    expect(await effective('?region=440305&industry=food')).toBe(48);
    // capture now uses the regional setting: 30 hours late is late in Haikou's food industry
    const firm = await enterprise(ctx, { region: '460105', industries: ['food'] });
    await captureAs(ctx, firm, [move('shipping', [chainIds().item(1)], { at: hoursAgo(30) })]);
    const [raised] = await warningsFor(ctx, 'late-report', { enterprise: firm.code });
    expect(raised?.severity).toBe('medium');
    const removed = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/rules/late-report/settings?region=4601&industry=food',
      headers: haikou,
    });
    expect(removed.statusCode).toBe(204);
    expect(await effective('?region=460105&industry=food')).toBe(48);
    expect((await ctx.app.inject({ url: '/api/rules/no-such-rule', headers: ctx.auth })).statusCode).toBe(
      404,
    );
  });

  it('queues a scan for administrators only', async () => {
    const admin = await ctx.app.inject({
      method: 'POST',
      url: '/api/warnings/scan',
      headers: ctx.admin,
      payload: {},
    });
    expect(admin.statusCode, admin.body).toBe(202);
    expect(admin.json().job).toEqual(expect.any(String));
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/warnings/scan',
      headers: ctx.auth,
      payload: {},
    });
    expect(other.statusCode).toBe(403);
  });
});
