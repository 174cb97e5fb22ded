import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { capture, chainIds, transformation } from './fixtures.js';

describe.each(backends())('what each caller sees of a trace [%s]', (backend) => {
  const ctx = useApp(backend);

  it('gives another enterprise the public subset of events it may not read, and its own in full', async () => {
    const id = chainIds();
    await capture(ctx, [transformation([{ epc: id.lot('pig'), quantity: 100 }], [id.item(1)])]);
    const url = `/api/trace/${encodeURIComponent(id.item(1))}`;
    const owner = (await ctx.app.inject({ url, headers: ctx.auth })).json();
    expect(owner.view).toBe('partial');
    expect(owner.relations[0].eventId).toEqual(expect.any(String));
    const stranger = await ctx.key(['query'], '91460100MA5T0QQQ9X');
    const seen = (await ctx.app.inject({ url, headers: stranger })).json();
    expect(seen.view).toBe('partial');
    expect(seen.objects.map((o: { uri: string }) => o.uri)).toContain(id.lot('pig'));
    expect(seen.relations[0]).not.toHaveProperty('eventId');
    expect(seen.events[0]).not.toHaveProperty('eventId');
    const anonymous = (await ctx.app.inject({ url })).json();
    expect(anonymous.view).toBe('public');
  });

  it('keeps holders and impact for regulators and administrators', async () => {
    const id = chainIds();
    await capture(ctx, [transformation([{ epc: id.lot('pig'), quantity: 10 }], [id.item(1)])]);
    const holders = `/api/trace/${encodeURIComponent(id.lot('pig'))}/holders`;
    const enterprise = await ctx.key(['query'], '91460100MA5T0QQQ9X');
    expect((await ctx.app.inject({ url: holders, headers: enterprise })).statusCode).toBe(403);
    expect(
      (
        await ctx.app.inject({
          url: `/api/impact?lot=${encodeURIComponent(id.lot('pig'))}`,
          headers: enterprise,
        })
      ).statusCode,
    ).toBe(403);
    const regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '46' });
    expect((await ctx.app.inject({ url: holders, headers: { cookie: regulator.cookie } })).statusCode).toBe(
      200,
    );
  });
});
