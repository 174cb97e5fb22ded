import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import { fileEnterprise, pointers } from '../test-factories.js';

describe.each(backends())('filing lifecycle [%s]', (backend) => {
  const ctx = useApp(backend);

  async function change(code: string, to: string, reason: string, auth: { authorization: string }) {
    return ctx.app.inject({
      method: 'POST',
      url: `/api/enterprises/${code}/filing`,
      headers: auth,
      payload: { to, reason },
    });
  }

  it('goes applied → filed → suspended → filed → cancelled, recording who, when and why', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const admin = await ctx.key(['admin']);
    for (const [to, reason] of [
      ['filed', '材料齐全，准予备案'],
      ['suspended', '抽检不合格，暂停'],
      ['filed', '整改完成'],
      ['cancelled', '企业注销'],
    ] as const) {
      const response = await change(code, to, reason, admin);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: to, change: { to, reason } });
    }
    const history = await ctx.app.inject({ url: `/api/enterprises/${code}/filing`, headers: auth });
    expect(history.statusCode).toBe(200);
    const entries = history.json().history as {
      from: string | null;
      to: string;
      reason: string;
      changedBy: string;
      changedAt: string;
    }[];
    expect(entries.map((e) => [e.from, e.to])).toEqual([
      [null, 'applied'],
      ['applied', 'filed'],
      ['filed', 'suspended'],
      ['suspended', 'filed'],
      ['filed', 'cancelled'],
    ]);
    expect(entries[0]?.changedBy).toMatch(/^apikey:/);
    expect(new Set(entries.slice(1).map((e) => e.changedBy)).size).toBe(1);
    expect(entries[1]?.changedBy).not.toBe(entries[0]?.changedBy);
    expect(entries[2]?.reason).toBe('抽检不合格，暂停');
    expect(Number.isNaN(Date.parse(entries[4]?.changedAt ?? ''))).toBe(false);
    expect(history.json().status).toBe('cancelled');
  });

  it('does not let an enterprise approve or suspend its own filing, and changes nothing', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    expect((await change(code, 'filed', '我自己批准', auth)).statusCode).toBe(403);
    const history = await ctx.app.inject({ url: `/api/enterprises/${code}/filing`, headers: auth });
    expect(history.json()).toMatchObject({ status: 'applied' });
    expect(history.json().history).toHaveLength(1);
  });

  it('lets an enterprise withdraw its own application', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    const response = await change(code, 'cancelled', '撤回申请', auth);
    expect(response.json()).toMatchObject({ status: 'cancelled' });
  });

  it('refuses a transition the lifecycle does not have, naming /to', async () => {
    const { code } = await fileEnterprise(ctx);
    const admin = await ctx.key(['admin']);
    const response = await change(code, 'suspended', '尚未备案就暂停', admin);
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toEqual(['/to']);
    await change(code, 'cancelled', '注销', admin);
    expect((await change(code, 'filed', '恢复', admin)).statusCode).toBe(400);
  });

  it('refuses a change without a reason', async () => {
    const { code } = await fileEnterprise(ctx);
    const response = await change(code, 'filed', '', await ctx.key(['admin']));
    expect(response.statusCode).toBe(400);
    expect(pointers(response)).toEqual(['/reason']);
  });

  it("answers not found for another enterprise's filing", async () => {
    const a = await fileEnterprise(ctx);
    const b = await fileEnterprise(ctx);
    expect(
      (await ctx.app.inject({ url: `/api/enterprises/${a.code}/filing`, headers: b.auth })).statusCode,
    ).toBe(404);
    expect((await change(a.code, 'cancelled', '恶意注销', b.auth)).statusCode).toBe(404);
  });

  it('refuses master-data writes for a cancelled enterprise', async () => {
    const { code, auth } = await fileEnterprise(ctx);
    await change(code, 'cancelled', '撤回', auth);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${code}`,
      headers: auth,
      payload: { name: '还想改名' },
    });
    expect(response.statusCode).toBe(403);
  });
});
