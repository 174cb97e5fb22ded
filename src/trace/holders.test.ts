import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { capture, chainIds, move, party, transformation } from './fixtures.js';

describe.each(backends())('holders and impact [%s]', (backend) => {
  const ctx = useApp(backend);
  const farm = party(11);
  const plant = party(12);
  const market = party(13);
  const buyer = party(14);

  /** farm → plant (split in two lots) → market → voucher sale to a buyer. */
  async function chain() {
    const id = chainIds();
    const pigs = id.lot('pigs');
    const [pork, offal] = [id.lot('pork'), id.lot('offal')];
    const voucher = id.item('voucher');
    await capture(ctx, [
      move('commissioning', [{ epc: pigs, quantity: 1000 }], {
        destination: farm,
        ilmd: { 'cbvmda:countryOfOrigin': 'CN', 'cbvmda:lotNumber': '文昌-1' },
      }),
      move('shipping', [{ epc: pigs, quantity: 600 }], { source: farm, destination: plant }),
      move('receiving', [{ epc: pigs, quantity: 600 }], { source: farm, destination: plant }),
      transformation(
        [{ epc: pigs, quantity: 600 }],
        [
          { epc: pork, quantity: 400 },
          { epc: offal, quantity: 100 },
        ],
        { source: plant },
      ),
      move('shipping', [{ epc: pork, quantity: 300 }], { source: plant, destination: market }),
      move('receiving', [{ epc: pork, quantity: 300 }], { source: plant, destination: market }),
      // market voucher (卡单同行): 20 kg of the batch sold, a new code printed for the buyer
      transformation([{ epc: pork, quantity: 20 }], [voucher], {
        bizStep: 'retail_selling',
        source: market,
        destination: buyer,
      }),
    ]);
    return { pigs, pork, offal, voucher };
  }

  const holders = async (code: string) =>
    (
      await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(code)}/holders`, headers: ctx.admin })
    ).json().holders as { party: string; held: number; received: number; sold: number }[];

  it('says who holds how much of a lot now', async () => {
    const { pigs, pork } = await chain();
    expect(await holders(pigs)).toEqual([
      expect.objectContaining({ party: farm, produced: 1000, shipped: 600, held: 400 }),
      expect.objectContaining({ party: plant, received: 600, consumed: 600, held: 0 }),
    ]);
    expect(await holders(pork)).toEqual([
      expect.objectContaining({ party: plant, produced: 400, shipped: 300, held: 100 }),
      expect.objectContaining({ party: market, received: 300, sold: 20, held: 280 }),
    ]);
  });

  it('links a market voucher back to the incoming batch and its origin', async () => {
    const { pigs, voucher } = await chain();
    const graph = (
      await ctx.app.inject({
        url: `/api/trace/${encodeURIComponent(voucher)}?direction=back`,
        headers: ctx.admin,
      })
    ).json();
    const pigLot = graph.objects.find((o: { uri: string }) => o.uri === pigs);
    expect(pigLot).toMatchObject({ depth: -2, producer: farm, origin: { 'cbvmda:lotNumber': '文昌-1' } });
    expect(graph.parties).toContainEqual(
      expect.objectContaining({ party: buyer, role: 'producer', object: voucher }),
    );
    expect(graph.parties).toContainEqual(expect.objectContaining({ party: market, role: 'seller' }));
  });

  it('shows anonymous callers the public subset only', async () => {
    const { voucher } = await chain();
    const graph = (await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(voucher)}` })).json();
    expect(graph.view).toBe('public');
    expect(graph.parties.every((p: { role: string }) => p.role === 'producer')).toBe(true);
    expect(graph.relations[0].eventId).toBeUndefined();
    expect(graph.events[0]).not.toHaveProperty('eventId');
    expect(graph.events[0]).not.toHaveProperty('bizLocation');
    expect(graph.objects.length).toBeGreaterThan(1);
  });

  it('assesses the impact of a problem lot: downstream codes, parties, quantities and scans', async () => {
    const { pigs, pork, offal, voucher } = await chain();
    await ctx.database.db
      .insertInto('code_scan_totals')
      .values({ uri: voucher, scans: '3', first_scan: new Date(), last_scan: new Date() })
      .execute();
    const response = await ctx.app.inject({
      url: `/api/impact?lot=${encodeURIComponent(pigs)}`,
      headers: ctx.admin,
    });
    expect(response.statusCode).toBe(200);
    const impact = response.json();
    expect(impact.objects.map((o: { uri: string }) => o.uri).sort()).toEqual(
      [pigs, pork, offal, voucher].sort(),
    );
    expect(impact.scans).toBe(3);
    expect(impact.parties).toContainEqual(
      expect.objectContaining({ party: market, received: 300, sold: 20, held: 280 }),
    );
    expect(impact.holdings).toContainEqual(
      expect.objectContaining({ party: buyer, object: voucher, held: 1 }),
    );
  });

  it('keeps only what left the problem lot inside the window', async () => {
    const { pigs } = await chain();
    const response = await ctx.app.inject({
      url: `/api/impact?lot=${encodeURIComponent(pigs)}&to=2000-01-01T00:00:00Z`,
      headers: ctx.admin,
    });
    expect(response.json().objects.map((o: { uri: string }) => o.uri)).toEqual([pigs]);
  });

  it('exports the impact assessment as a workbook with Chinese headers', async () => {
    const { pigs } = await chain();
    const response = await ctx.app.inject({
      url: `/api/impact.xlsx?lot=${encodeURIComponent(pigs)}`,
      headers: ctx.admin,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '受影响产品', '涉及主体', '库存明细']);
    const objects = book.getWorksheet('受影响产品');
    expect(objects?.getRow(1).getCell(1).value).toBe('追溯码');
    expect(objects?.rowCount).toBe(5);
  });

  it('refuses holders and impact without an API key', async () => {
    const { pigs } = await chain();
    expect((await ctx.app.inject({ url: `/api/impact?lot=${encodeURIComponent(pigs)}` })).statusCode).toBe(
      401,
    );
    expect((await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(pigs)}/holders` })).statusCode).toBe(
      401,
    );
  });
});
