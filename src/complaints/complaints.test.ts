import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { gtin } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';
import { fileEnterprise, type TestEnterprise } from '../parties/test-factories.js';

// A real 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function multipart(
  fields: Record<string, string>,
  files: { name: string; type: string; data: Buffer }[],
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('photos', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') as string },
  };
}

const ip = () => `10.9.${randomInt(250)}.${randomInt(250)}`;

describe.each(backends())('complaints (投诉举报) [%s]', (backend) => {
  const ctx = useApp(backend);
  let maker: TestEnterprise;
  let other: TestEnterprise;
  let regulator: { cookie: string; origin: string };
  let elsewhere: { cookie: string; origin: string };
  let code = '';

  beforeAll(async () => {
    maker = await fileEnterprise(ctx, { name: '海口乳业有限公司' });
    other = await fileEnterprise(ctx);
    const product = gtin(randomInt(99999), String(6950000 + randomInt(9999)));
    await registerProduct(ctx.database, maker.code, product, '鲜牛奶 250ml');
    code = `https://id.gs1.org/01/${product}/10/L${randomInt(1e6)}`;
    regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4601' });
    elsewhere = await ctx.login({ role: 'regulator', department: 'market', regionScope: '44' });
  });

  const submit = (payload: unknown, remoteAddress = ip()) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: payload as Record<string, string>,
      remoteAddress,
    });

  it('takes an anonymous complaint with a photo, routes it and lets the reporter follow it', async () => {
    const form = await multipart(
      { code, contact: '13812345678', description: '牛奶有异味，疑似变质', category: 'quality' },
      [{ name: 'milk.png', type: 'image/png', data: png }],
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: ip(),
      ...form,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { ticket, status, createdAt } = response.json();
    expect(ticket).toMatch(/^TS\d{6}[A-Z0-9]{10}$/);
    expect(status).toBe('received');
    expect(response.json().acknowledgeBy).toBe(new Date(Date.parse(createdAt) + 86_400_000).toISOString());
    expect(response.json().answerBy).toBe(new Date(Date.parse(createdAt) + 7 * 86_400_000).toISOString());

    const anonymous = (await ctx.app.inject({ url: `/api/complaints/${ticket}` })).json();
    expect(anonymous).toMatchObject({
      ticket,
      status: 'received',
      productName: '鲜牛奶 250ml',
      overdue: null,
    });
    expect(JSON.stringify(anonymous)).not.toContain('13812345678');
    expect(anonymous.description).toBeUndefined();
    expect(
      (await ctx.app.inject({ url: `/api/complaints/${ticket}?contact=13900000000` })).json().description,
    ).toBeUndefined();
    const mine = (await ctx.app.inject({ url: `/api/complaints/${ticket}?contact=138-1234-5678` })).json();
    expect(mine).toMatchObject({ reporter: true, description: '牛奶有异味，疑似变质', photos: 1 });

    // Routed to the enterprise (contact masked) and the regulators of its region, not to others.
    const own = (await ctx.app.inject({ url: '/api/complaints', headers: maker.auth })).json();
    expect(own.items).toEqual([
      expect.objectContaining({ ticket, enterprise: maker.code, contact: '138****5678' }),
    ]);
    expect((await ctx.app.inject({ url: '/api/complaints', headers: other.auth })).json().total).toBe(0);
    const seen = (await ctx.app.inject({ url: `/api/complaints?q=${ticket}`, headers: regulator })).json();
    expect(seen.items).toEqual([
      expect.objectContaining({ ticket, contact: '13812345678', region: '460105' }),
    ]);
    expect(
      (await ctx.app.inject({ url: `/api/complaints?q=${ticket}`, headers: elsewhere })).json().total,
    ).toBe(0);
    const full = (await ctx.app.inject({ url: `/api/complaints/${ticket}`, headers: regulator })).json();
    const photo = await ctx.app.inject({ url: full.photos[0].url, headers: regulator });
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(png)).toBe(true);
    expect((await ctx.app.inject({ url: full.photos[0].url, headers: other.auth })).statusCode).toBe(404);

    // Handling: acknowledge, answer (public), close.
    const act = (path: string, headers: Record<string, string>, payload: unknown) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/complaints/${ticket}/${path}`,
        headers,
        payload: payload as Record<string, string>,
      });
    expect((await act('acknowledge', other.auth, {})).statusCode).toBe(404);
    expect((await act('acknowledge', maker.auth, {})).statusCode).toBe(200);
    expect((await act('close', maker.auth, {})).statusCode).toBe(409);
    expect((await act('answer', maker.auth, { message: '已召回同批次产品，退款处理' })).statusCode).toBe(200);
    expect((await act('close', regulator, { message: '办结' })).statusCode).toBe(200);
    const done = (await ctx.app.inject({ url: `/api/complaints/${ticket}` })).json();
    expect(done.status).toBe('closed');
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual([
      'received',
      'routed',
      'acknowledged',
      'answered',
      'closed',
    ]);
    expect(done.timeline[3].message).toBe('已召回同批次产品，退款处理');
  });

  it('refuses photos too large, of the wrong type or too many', async () => {
    const fields = { contact: 'a@example.com', description: '包装破损严重' };
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    const large = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: ip(),
      ...(await multipart(fields, [{ name: 'big.png', type: 'image/png', data: big }])),
    });
    expect(large.statusCode).toBe(413);
    const fake = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: ip(),
      ...(await multipart(fields, [
        { name: 'x.jpg', type: 'image/jpeg', data: Buffer.from('<script>alert(1)</script>') },
      ])),
    });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().errors).toEqual([{ pointer: '/photos/0', message: expect.stringContaining('JPEG') }]);
    const four = Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, type: 'image/png', data: png }));
    const many = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: ip(),
      ...(await multipart(fields, four)),
    });
    expect(many.statusCode).toBe(400);
    expect((await submit({ contact: 'x', description: '太短' })).statusCode).toBe(400);
    const huge = await submit({ contact: '13000000000', description: 'x'.repeat(70_000) });
    expect(huge.statusCode).toBe(413);
  });

  it('accepts JSON without photos, rate limits by address, and keeps unknown codes unrouted', async () => {
    const address = ip();
    const first = await submit(
      { code: 'not-a-code', contact: '13000000000', description: '价格与标签不符' },
      address,
    );
    expect(first.statusCode, first.body).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await submit({ contact: '13000000000', description: '重复提交测试内容' }, address)).statusCode,
      );
    expect(statuses).toContain(429);
    const seen = (
      await ctx.app.inject({ url: `/api/complaints?q=${first.json().ticket}`, headers: regulator })
    ).json();
    expect(seen.items).toEqual([expect.objectContaining({ enterprise: null, code: 'not-a-code' })]);
  });

  it('imports 12345 hotline work orders from CSV and Excel, flags overdue ones, and counts them', async () => {
    const no = `HL${randomInt(1e9)}`;
    const csv = `工单编号,来电时间,诉求内容,联系电话,追溯码,诉求类型\n${no}-1,2026-01-05 09:30,购买的牛奶已过期,13700000001,${code},过期\n${no}-2,,,13700000002,,\n`;
    const post = (payload: Buffer, type: string, headers: Record<string, string>) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/complaints/imports',
        headers: { ...headers, 'content-type': type },
        payload,
      });
    expect((await post(Buffer.from(csv), 'text/csv', maker.auth)).statusCode).toBe(403);
    const imported = await post(Buffer.from(csv), 'text/csv', regulator);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 1, duplicates: 0, errors: [{ row: 3 }] });
    expect((await post(Buffer.from(csv), 'text/csv', regulator)).json()).toMatchObject({
      imported: 0,
      duplicates: 1,
    });

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('工单');
    sheet.addRow(['工单编号', '诉求内容', '联系电话']);
    sheet.addRow([`${no}-3`, '超市销售无标签散装食品', '13700000003']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const fromExcel = await post(
      xlsx,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      regulator,
    );
    expect(fromExcel.json()).toMatchObject({ imported: 1 });

    const overdue = (
      await ctx.app.inject({ url: '/api/complaints?overdue=true&source=hotline', headers: maker.auth })
    ).json();
    expect(overdue.items).toEqual([
      expect.objectContaining({ hotlineNo: `${no}-1`, overdue: 'acknowledge', category: 'expired' }),
    ]);
    const stats = (await ctx.app.inject({ url: '/api/complaints/stats', headers: maker.auth })).json();
    expect(stats.total).toBeGreaterThanOrEqual(2);
    expect(stats.overdue.acknowledge).toBeGreaterThanOrEqual(1);
    expect(stats.bySource).toEqual(expect.arrayContaining([{ key: 'hotline', count: 1 }]));
  });

  it('lets a regulator set the deadlines of its region only', async () => {
    const put = (headers: Record<string, string>, region: string) =>
      ctx.app.inject({
        method: 'PUT',
        url: '/api/complaints/deadlines',
        headers,
        payload: { region, acknowledgeHours: 12, answerDays: 5 },
      });
    expect((await put(regulator, '4602')).statusCode).toBe(403);
    expect((await put(regulator, '460105')).statusCode).toBe(200);
    const form = await submit({ code, contact: '13600000000', description: '奶粉罐有锈迹' });
    const body = form.json();
    expect(body.acknowledgeBy).toBe(new Date(Date.parse(body.createdAt) + 12 * 3_600_000).toISOString());
    expect(body.answerBy).toBe(new Date(Date.parse(body.createdAt) + 5 * 86_400_000).toISOString());
    await ctx.database.pool.query(`DELETE FROM complaint_deadlines WHERE region = '460105'`);
  });
});
