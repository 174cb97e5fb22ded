import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { gtin } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';
import type { Principal } from '../auth/principal.js';
import { asPrincipal } from '../db/scoped.js';
import { creditCode, fileEnterprise } from '../parties/test-factories.js';
import { creditDb } from './db.js';
import { scoreOf } from './score.js';

describe('credit score formula', () => {
  const clean = {
    events: 100,
    lateEvents: 0,
    warnings: { high: 0, medium: 0, low: 0 },
    recalls: [],
    complaints: 0,
    overdueComplaints: 0,
    spotChecks: { pass: 0, fail: 0 },
    blacklisted: null,
  };

  it('gives a clean, punctual enterprise 100 and grade A', () => {
    expect(scoreOf(clean)).toMatchObject({ score: 100, grade: 'A' });
  });

  it('takes points for late reports, warnings, recalls, complaints and failed checks, each capped', () => {
    const r = scoreOf({
      ...clean,
      lateEvents: 25,
      warnings: { high: 10, medium: 0, low: 0 },
      recalls: [
        { severity: 1, orderedBy: 'regulator' },
        { severity: 2, orderedBy: 'enterprise' },
      ],
      complaints: 3,
      overdueComplaints: 1,
      spotChecks: { pass: 2, fail: 1 },
    });
    const points = Object.fromEntries(r.terms.map((t) => [t.term, t.points]));
    expect(points).toEqual({ reporting: -5, warnings: -20, recalls: -20, complaints: -5, spotChecks: -8 });
    expect(r).toMatchObject({ score: 42, grade: 'D' });
  });

  it('caps a blacklisted enterprise at 40 and leaves a missing warnings table at zero', () => {
    const r = scoreOf({
      ...clean,
      warnings: null,
      blacklisted: { reason: '掺假', from: '2026-01-01', to: null },
    });
    expect(r.score).toBe(40);
    expect(r.terms.find((t) => t.term === 'warnings')).toMatchObject({ points: 0 });
  });
});

describe.each(backends())('credit, blacklist, alerts and notices [%s]', (backend) => {
  const ctx = useApp(backend);

  it('publishes alerts and notices for everyone to read, with search and paging', async () => {
    const regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4601' });
    const enterprise = await fileEnterprise(ctx);
    const tag = Math.random().toString(36).slice(2, 8);
    const alert = {
      title: `警惕散装白酒 ${tag}`,
      body: '近期发现多起散装白酒甲醇超标，请勿购买来源不明的散装酒。',
    };
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/alerts', headers: enterprise.auth, payload: alert }))
        .statusCode,
    ).toBe(403);
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: regulator,
      payload: alert,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().region).toBe('4601');
    const elsewhere = await ctx.app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: regulator,
      payload: { ...alert, region: '4402' },
    });
    expect(elsewhere.statusCode).toBe(403);
    const list = (await ctx.app.inject({ url: `/api/alerts?q=${encodeURIComponent(tag)}` })).json();
    expect(list).toMatchObject({ total: 1, items: [{ title: alert.title }] });
    const notice = await ctx.app.inject({
      method: 'POST',
      url: '/api/notices',
      headers: regulator,
      payload: { title: `关于推进重要产品追溯体系建设的通知 ${tag}`, body: '各有关单位……' },
    });
    expect(notice.statusCode).toBe(201);
    expect((await ctx.app.inject({ url: `/api/notices?q=${tag}&perPage=1` })).json()).toMatchObject({
      total: 1,
      perPage: 1,
    });
    // A regulator of another region may not withdraw it (row-level security binds the region).
    const guangdong = await ctx.login({ role: 'regulator', department: 'market', regionScope: '44' });
    for (const table of ['alerts', 'notices'])
      expect(
        (
          await ctx.app.inject({
            method: 'DELETE',
            url: `/api/${table}/${(table === 'alerts' ? made : notice).json().id}`,
            headers: guangdong,
          })
        ).statusCode,
      ).toBe(404);
    expect((await ctx.app.inject({ url: `/api/notices?q=${tag}` })).json().total).toBe(1);
    const gone = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/alerts/${made.json().id}`,
      headers: regulator,
    });
    expect(gone.statusCode).toBe(204);
    expect((await ctx.app.inject({ url: `/api/alerts?q=${tag}` })).json().total).toBe(0);
  });

  it('keeps the blacklist for the regulators of the enterprise and shows it publicly for its period', async () => {
    const regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4601' });
    const other = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4402' });
    const listed = await fileEnterprise(ctx, { name: '某某食品有限公司' });
    const entry = {
      enterprise: listed.code,
      reason: '生产销售掺假食品，情节严重',
      from: '2026-01-01',
      to: '2099-12-31',
    };
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/blacklist', headers: other, payload: entry }))
        .statusCode,
    ).toBe(403);
    const added = await ctx.app.inject({
      method: 'POST',
      url: '/api/blacklist',
      headers: regulator,
      payload: entry,
    });
    expect(added.statusCode, added.body).toBe(201);
    const past = await ctx.app.inject({
      method: 'POST',
      url: '/api/blacklist',
      headers: ctx.admin,
      payload: {
        enterprise: creditCode('440300'),
        name: '过期名单企业',
        reason: '旧案',
        from: '2020-01-01',
        to: '2021-01-01',
      },
    });
    expect(past.statusCode).toBe(201);
    const pub = (await ctx.app.inject({ url: `/api/blacklist?q=${listed.code}` })).json();
    expect(pub).toMatchObject({
      total: 1,
      items: [
        {
          name: '某某食品有限公司',
          creditCode: listed.code,
          reason: entry.reason,
          from: '2026-01-01',
          to: '2099-12-31',
        },
      ],
    });
    expect((await ctx.app.inject({ url: '/api/blacklist?q=过期名单企业' })).json().total).toBe(0);

    const credit = (
      await ctx.app.inject({ url: `/api/enterprises/${listed.code}/credit`, headers: regulator })
    ).json();
    expect(credit).toMatchObject({
      score: 40,
      grade: 'D',
      indicators: { blacklisted: { reason: entry.reason } },
    });

    const removed = await ctx.app.inject({
      method: 'POST',
      url: `/api/blacklist/${added.json().id}/removal`,
      headers: regulator,
      payload: { reason: '整改到位，信用修复' },
    });
    expect(removed.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: `/api/blacklist?q=${listed.code}` })).json().total).toBe(0);
  });

  it('scores an enterprise from its spot checks, recalls and complaints, for itself and its regulators only', async () => {
    const regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4601' });
    const e = await fileEnterprise(ctx);
    const other = await fileEnterprise(ctx);
    const check = (result: 'pass' | 'fail', headers: Record<string, string> = regulator) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/spotchecks',
        headers,
        payload: { enterprise: e.code, checkedOn: '2026-11-01', subject: '鲜猪肉 瘦肉精', result },
      });
    expect((await check('fail', e.auth)).statusCode).toBe(403);
    expect((await check('fail')).statusCode).toBe(201);
    expect((await check('pass')).statusCode).toBe(201);
    const own = await ctx.app.inject({ url: `/api/enterprises/${e.code}/credit`, headers: e.auth });
    expect(own.statusCode).toBe(200);
    const credit = own.json();
    expect(credit.indicators).toMatchObject({
      events: 0,
      spotChecks: { pass: 1, fail: 1 },
      blacklisted: null,
    });
    expect(credit.terms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ term: 'reporting', points: -5 }),
        expect.objectContaining({ term: 'spotChecks', points: -9 }),
      ]),
    );
    expect(credit.score).toBe(86);
    expect(credit.grade).toBe('B');
    expect(
      (await ctx.app.inject({ url: `/api/enterprises/${e.code}/credit`, headers: other.auth })).statusCode,
    ).toBe(404);
    const checks = (
      await ctx.app.inject({ url: `/api/spotchecks?enterprise=${e.code}`, headers: e.auth })
    ).json();
    expect(checks.total).toBe(2);
    expect(
      (await ctx.app.inject({ url: `/api/spotchecks?enterprise=${e.code}`, headers: other.auth })).json()
        .total,
    ).toBe(0);

    // Row-level security, queried directly: another enterprise and another province's regulator
    // see none of its spot checks and may record none; the score stays hidden from them.
    const outsiders: Principal[] = [
      { id: 'test:other', kind: 'apikey', scopes: new Set(['capture', 'query']), enterprise: other.code },
      { id: 'test:gd', kind: 'user', role: 'regulator', scopes: new Set(['query']), regionScope: '44' },
    ];
    for (const principal of outsiders) {
      const seen = await asPrincipal(ctx.database, principal, (trx) =>
        creditDb(trx).selectFrom('spot_checks').select('id').where('enterprise', '=', e.code).execute(),
      );
      expect(seen, principal.id).toEqual([]);
      await expect(
        asPrincipal(ctx.database, principal, (trx) =>
          creditDb(trx)
            .insertInto('spot_checks')
            .values({
              enterprise: e.code,
              checked_on: '2026-11-02',
              subject: 'x',
              result: 'pass',
              recorded_by: 'x',
            })
            .execute(),
        ),
      ).rejects.toMatchObject({ code: '42501' });
    }
    const guangdong = await ctx.login({ role: 'regulator', department: 'market', regionScope: '44' });
    expect(
      (await ctx.app.inject({ url: `/api/enterprises/${e.code}/credit`, headers: guangdong })).statusCode,
    ).toBe(404);

    // A complaint routed to it, a regulator's 一级 recall and a high warning lower the score.
    const product = gtin(randomInt(99999), String(6960000 + randomInt(9999)));
    await registerProduct(ctx.database, e.code, product, '冷鲜猪肉');
    const complaint = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: `10.8.${randomInt(250)}.${randomInt(250)}`,
      payload: {
        code: `https://id.gs1.org/01/${product}/10/X1`,
        contact: '13500000000',
        description: '肉有异味',
      },
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const system = creditDb(ctx.database.db);
    await system
      .insertInto('recalls')
      .values({
        enterprise: e.code,
        region: '460105',
        ordered_by: 'regulator',
        opened_by: 'test',
        title: '瘦肉精',
        reason: '抽检不合格',
        severity: 1,
        targets: '{}',
        lots: [],
        impact: '{}',
        respond_days: 1,
        complete_days: 10,
      })
      .execute();
    await ctx.database.pool.query(
      `INSERT INTO warnings (rule, severity, subject, enterprise, message, source) VALUES ('failed-inspection', 'high', $1, $1, '抽检不合格', 'schedule')`,
      [e.code],
    );
    const after = (
      await ctx.app.inject({ url: `/api/enterprises/${e.code}/credit`, headers: regulator })
    ).json();
    const points = Object.fromEntries(
      after.terms.map((t: { term: string; points: number }) => [t.term, t.points]),
    );
    expect(points).toEqual({ reporting: -5, warnings: -3, recalls: -15, complaints: -1, spotChecks: -9 });
    expect(after).toMatchObject({ score: 67, grade: 'C' });
  });
});
