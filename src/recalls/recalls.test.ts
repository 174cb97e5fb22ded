import { randomInt } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, gln, objectEvent } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';
import { fileEnterprise, type TestEnterprise } from '../parties/test-factories.js';
import { capture, chainIds, move } from '../trace/fixtures.js';
import { recallsDb } from './db.js';
import { remindSilentHolders } from './reminders.js';
import { verifyWebhookSignature } from './webhook-signature.js';
import { deliver } from './webhooks.js';

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const texts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await doc.destroy();
  return texts.join('\n');
}

describe.each(backends())('recall from a failed residue test to closure [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_WEBHOOK_PRIVATE: '1' });
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
  });
  let hookUrl = '';
  const company = String(6970000 + randomInt(9999));
  let farm: TestEnterprise & { party: string };
  let market: TestEnterprise & { party: string };
  let shop: TestEnterprise & { party: string };
  let regulator: { cookie: string; origin: string };

  async function party(n: number, name: string) {
    const g = gln(n, company);
    const e = await fileEnterprise(ctx, { gln: g, name });
    return { ...e, party: `https://id.gs1.org/417/${g}` };
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    farm = await party(1, '文昌鸡养殖场');
    market = await party(2, '海口农产品批发市场');
    shop = await party(3, '海口社区超市');
    regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '46' });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    ctx.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

  it('opens on a lot, notifies every holder, stops trading and follows the recall to closure', async () => {
    const id = chainIds(randomInt(10000, 99999));
    const lot = id.lot('veg');
    await capture(ctx, [
      move('commissioning', [{ epc: lot, quantity: 1000 }], { destination: farm.party }),
      move('shipping', [{ epc: lot, quantity: 600 }], { source: farm.party, destination: market.party }),
      move('receiving', [{ epc: lot, quantity: 600 }], { source: farm.party, destination: market.party }),
      move('shipping', [{ epc: lot, quantity: 100 }], { source: market.party, destination: shop.party }),
      move('receiving', [{ epc: lot, quantity: 100 }], { source: market.party, destination: shop.party }),
      // The market's rapid test (农残快检) fails: the lot is non-sellable.
      objectEvent({
        action: 'OBSERVE',
        bizStep: 'inspecting',
        disposition: 'non_sellable_other',
        epcList: [],
        quantityList: [{ epcClass: lot, quantity: 1, uom: 'KGM' }],
        sourceList: [{ type: 'owning_party', source: market.party }],
      }),
    ]);
    const hook = await post('/api/webhooks', market.auth, { url: hookUrl });
    expect(hook.statusCode, hook.body).toBe(201);
    const secret = hook.json().secret as string;
    const failing = await post('/api/webhooks', shop.auth, { url: hookUrl.replace('/hook', '/fail') });
    expect(failing.statusCode).toBe(201);
    const shopSecret = failing.json().secret as string;

    // Another enterprise may not recall the farm's lot.
    const foreign = await post('/api/recalls', market.auth, {
      title: 'x',
      reason: 'x',
      severity: 3,
      lots: [lot],
    });
    expect(foreign.statusCode).toBe(403);
    // Nor may a regulator of another region order one.
    const guangdong = await ctx.login({ role: 'regulator', department: 'market', regionScope: '44' });
    const outside = await post('/api/recalls', guangdong, {
      title: 'x',
      reason: 'x',
      severity: 3,
      lots: [lot],
    });
    expect(outside.statusCode, outside.body).toBe(403);

    // The failed residue test: the regulator orders a 一级 recall on the lot.
    const opened = await post('/api/recalls', regulator, {
      title: '豇豆农药残留超标',
      reason: '抽检不合格：克百威残留超标 (failed residue test)',
      severity: 1,
      lots: [lot],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const recall = opened.json();
    expect(recall).toMatchObject({
      enterprise: farm.code,
      orderedBy: 'regulator',
      severity: 1,
      status: 'open',
    });
    expect(recall.affectedCodes).toContain(lot);
    const holders = recall.holders as { id: string; enterprise: string; held: number; status: string }[];
    expect(holders.map((h) => [h.enterprise, h.held]).sort()).toEqual(
      [
        [farm.code, 400],
        [market.code, 500],
        [shop.code, 100],
      ].sort(),
    );
    expect(recall.regions).toEqual([expect.objectContaining({ region: '460105', holders: 3 })]);

    // The public page shows the recall at once.
    const [, gtin, lotNumber] = /\/01\/(\d{14})\/10\/(.+)$/.exec(lot) ?? [];
    const resolved = await ctx.app.inject({
      url: `/01/${gtin}/10/${lotNumber}`,
      headers: { accept: 'application/json' },
    });
    expect(resolved.json()).toMatchObject({
      recalled: true,
      recall: { id: recall.id, title: '豇豆农药残留超标', severity: 1, orderedBy: 'regulator' },
    });
    expect(resolved.json().warnings).toContain('recalled');
    const page = await ctx.app.inject({
      url: `/01/${gtin}/10/${lotNumber}`,
      headers: { accept: 'text/html' },
    });
    expect(page.body).toContain('已召回');
    expect(page.body).toContain('豇豆农药残留超标');
    expect(recall.holders[0].coordinates).toEqual({ lat: 20.02, lng: 110.28 });

    // A shipment of the recalled lot is refused, naming the recall; returning it to the farm is not.
    const ship = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: ctx.auth,
      payload: epcisDocument([
        move('shipping', [{ epc: lot, quantity: 50 }], { source: market.party, destination: shop.party }),
      ]),
    });
    await ctx.app.captureWorker.drain();
    const job = (await ctx.app.inject({ url: ship.headers.location as string, headers: ctx.auth })).json();
    expect(job.success).toBe(false);
    expect(JSON.stringify(job.errors)).toContain(`recall ${recall.id}`);
    expect(JSON.stringify(job.errors)).toContain('豇豆农药残留超标');
    await capture(ctx, [
      {
        ...move('shipping', [{ epc: lot, quantity: 20 }], { source: market.party, destination: farm.party }),
        disposition: 'returned',
      },
    ]);

    // The market's webhook got a signed notice.
    const system = recallsDb(ctx.database.db);
    const deliveries = await system
      .selectFrom('webhook_deliveries')
      .select(['id', 'status'])
      .where('event', '=', 'recall.notice')
      .where('payload', '@>', JSON.stringify({ recall: { id: recall.id } }) as never)
      .execute();
    expect(deliveries).toHaveLength(2); // the market's and the shop's webhooks
    const marketHook = hook.json().id as string;
    const ofMarket = await system
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('webhook_id', '=', marketHook)
      .execute();
    expect(ofMarket).toHaveLength(1);
    const delivery = ofMarket[0] as { id: string };
    const queued = await ctx.database.pool.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'recall-webhook' AND data->>'delivery' = $1`,
      [delivery.id],
    );
    expect(queued.rows[0].n).toBe(1);
    await deliver(system, delivery.id, { allowPrivate: true });
    const got = received.find((r) => r.headers['x-suyuan-delivery'] === String(delivery.id));
    const signature = got?.headers['x-suyuan-signature'] as string;
    expect(signature).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(signature.slice(2, 12)) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifyWebhookSignature(secret, signature, got?.body ?? '', new Date(), 300)).toBe(true);
    expect(verifyWebhookSignature(shopSecret, signature, got?.body ?? '', new Date(), 300)).toBe(false);
    // Replayed ten minutes later, the same request no longer verifies.
    expect(
      verifyWebhookSignature(secret, signature, got?.body ?? '', new Date(Date.now() + 600_000), 300),
    ).toBe(false);
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ event: 'recall.notice', notice: { held: 500 } });
    const sent = await system
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', delivery.id)
      .executeTakeFirst();
    expect(sent).toMatchObject({ status: 'delivered', attempts: 1, last_status: 204 });

    // A webhook that keeps failing is retried by the job queue (deliver throws), then marked failed.
    const shopDelivery = await system
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select('d.id')
      .where('w.enterprise', '=', shop.code)
      .executeTakeFirstOrThrow();
    // Every attempt is signed again at its own time (here: the job's backoff, 30 s doubling).
    const tries = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => new Date(Date.now() + 30_000 * (2 ** i - 1)));
    await expect(
      deliver(system, shopDelivery.id, { allowPrivate: true, now: tries[0] as Date }),
    ).rejects.toThrow(/HTTP 500/);
    for (const now of tries.slice(1))
      await deliver(system, shopDelivery.id, { allowPrivate: true, now }).catch(() => undefined);
    const attempts = received.filter((r) => r.headers['x-suyuan-delivery'] === String(shopDelivery.id));
    expect(attempts).toHaveLength(9);
    const signed = attempts.map((a) => ({ header: a.headers['x-suyuan-signature'] as string, body: a.body }));
    expect(
      signed.map(({ header, body }, i) => verifyWebhookSignature(shopSecret, header, body, tries[i], 300)),
    ).toEqual(tries.map(() => true));
    expect(new Set(signed.map(({ header }) => header.slice(2, 12))).size).toBe(9);
    // The first attempt, captured and replayed at the time of the last, is refused.
    const replayed = signed[0] as { header: string; body: string };
    expect(verifyWebhookSignature(shopSecret, replayed.header, replayed.body, tries[8], 300)).toBe(false);
    const failed = await system
      .selectFrom('webhook_deliveries')
      .select(['status', 'attempts'])
      .where('id', '=', shopDelivery.id)
      .executeTakeFirst();
    expect(failed).toEqual({ status: 'failed', attempts: 9 });
    // Without SUYUAN_WEBHOOK_PRIVATE a delivery into the platform's own network is not made.
    const inward = await system
      .insertInto('webhook_deliveries')
      .values({ webhook_id: marketHook, event: 'recall.notice', payload: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = received.length;
    await deliver(system, inward.id, { allowPrivate: false });
    expect(received.length).toBe(before);
    expect(
      await system
        .selectFrom('webhook_deliveries')
        .select(['status', 'last_error'])
        .where('id', '=', inward.id)
        .executeTakeFirst(),
    ).toEqual({ status: 'failed', last_error: 'a private or local address' });

    // Holders see their notice and only their own row.
    const notices = await ctx.app.inject({ url: '/api/recalls/notices', headers: shop.auth });
    expect(notices.json().items).toEqual([
      expect.objectContaining({ recall: recall.id, held: 100, status: 'notified' }),
    ]);
    const shopView = (await ctx.app.inject({ url: `/api/recalls/${recall.id}`, headers: shop.auth })).json();
    expect(shopView.holders).toHaveLength(1);
    expect(shopView.timeline).toEqual([]);
    const far = await ctx.app.inject({ url: `/api/recalls/${recall.id}`, headers: guangdong });
    expect(far.statusCode).toBe(404);

    // Holders report what they found, returned and destroyed.
    const bad = await post(`/api/recalls/${recall.id}/reports`, market.auth, {
      found: 10,
      returned: 20,
      destroyed: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await post(`/api/recalls/${recall.id}/reports`, market.auth, {
          found: 500,
          returned: 300,
          destroyed: 200,
          final: true,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await post(`/api/recalls/${recall.id}/reports`, farm.auth, {
          found: 400,
          returned: 0,
          destroyed: 400,
          final: true,
        })
      ).statusCode,
    ).toBe(201);

    // The silent shop is reminded once its deadline (one day for 一级) has passed, once a day.
    const later = new Date(Date.now() + 2 * 86_400_000);
    const first = await remindSilentHolders(system, ctx.app.jobs, later);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const again = await remindSilentHolders(system, ctx.app.jobs, new Date(later.getTime() + 3_600_000));
    expect(again.reminded).toBe(0);
    expect(first.deliveries).toBe(1); // the shop's webhook gets a recall.reminder
    const schedule = await ctx.database.pool.query(
      `SELECT cron FROM pgboss.schedule WHERE name = 'recall-reminders'`,
    );
    expect(schedule.rows).toEqual([{ cron: '17 * * * *' }]);

    const progress = (await ctx.app.inject({ url: `/api/recalls/${recall.id}`, headers: regulator })).json();
    const shopRow = progress.holders.find((h: { enterprise: string }) => h.enterprise === shop.code);
    expect(shopRow).toMatchObject({ status: 'notified', reminders: 1 });
    expect(progress.progress.byQuantity).toEqual([
      expect.objectContaining({
        uom: 'KGM',
        held: 1000,
        found: 900,
        returned: 300,
        destroyed: 600,
        recovered: 0.9,
      }),
    ]);
    expect(progress.progress.byHolder).toMatchObject({ total: 3, completed: 2, notified: 1 });
    expect(progress.timeline.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['opened', 'notified', 'completed', 'reminded']),
    );

    // The farm may not close a regulator's order; the regulator closes it.
    const refused = await post(`/api/recalls/${recall.id}/close`, farm.auth, { summary: '完成' });
    expect(refused.statusCode).toBe(403);
    const closed = await post(`/api/recalls/${recall.id}/close`, regulator, {
      summary: '问题批次已查控 90%，其余已售出部分发布消费提示。',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const after = await ctx.app.inject({
      url: `/01/${gtin}/10/${lotNumber}`,
      headers: { accept: 'application/json' },
    });
    expect(after.json().recall).toBeNull();

    const pdf = await ctx.app.inject({ url: `/api/recalls/${recall.id}/report.pdf`, headers: regulator });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('召回总结报告');
    expect(text).toContain('豇豆农药残留超标');
    const xlsx = await ctx.app.inject({ url: `/api/recalls/${recall.id}/report.xlsx`, headers: regulator });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('持有者');
    expect(sheet?.rowCount).toBe(4);
    expect(book.getWorksheet('受影响追溯码')?.getColumn(1).values).toContain(lot);
  });

  it('recalls every lot of a product', async () => {
    const id = chainIds(randomInt(10000, 99999));
    const [a, b] = [id.lot('a'), id.lot('b')];
    const product = /\/01\/(\d{14})\//.exec(a)?.[1] as string;
    await registerProduct(ctx.database, farm.code, product, '豇豆');
    await capture(ctx, [
      move('commissioning', [{ epc: a, quantity: 5 }], { destination: farm.party }),
      move('commissioning', [{ epc: b, quantity: 7 }], { destination: farm.party }),
    ]);
    const opened = await post('/api/recalls', farm.auth, {
      title: '全部召回',
      reason: '原料问题',
      severity: 2,
      products: [product],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().affectedCodes).toEqual(expect.arrayContaining([a, b]));
    expect(opened.json().progress.byQuantity).toEqual([expect.objectContaining({ held: 12 })]);
  });

  it('lets an enterprise recall its own lot voluntarily and close it', async () => {
    const id = chainIds(randomInt(10000, 99999));
    const lot = id.lot('own');
    await capture(ctx, [move('commissioning', [{ epc: lot, quantity: 10 }], { destination: farm.party })]);
    const opened = await post('/api/recalls', farm.auth, {
      title: '标签错误',
      reason: '标签漏标过敏原',
      severity: 3,
      lots: [lot],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ orderedBy: 'enterprise', enterprise: farm.code });
    const hidden = await ctx.app.inject({ url: `/api/recalls/${opened.json().id}`, headers: shop.auth });
    expect(hidden.statusCode).toBe(404);
    const closed = await post(`/api/recalls/${opened.json().id}/close`, farm.auth, { summary: '已更换标签' });
    expect(closed.statusCode).toBe(200);
  });
});
