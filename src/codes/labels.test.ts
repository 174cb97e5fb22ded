import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { gtin } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';

const owner = '91460100MA5T0LLL1X';

beforeAll(async () => {
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer }, fireImmediately: true });
});

describe.each(backends())('labels of issued codes [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_PUBLIC_URL: 'https://trace.hainan.example' });

  async function issue(body: Record<string, unknown>) {
    const auth = await ctx.key(['capture', 'query'], owner);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: auth,
      payload: body,
    });
    return { auth, batch: response.json() as { batchId: string; codes: string[] } };
  }

  it('renders a QR label whose symbol reads back as the resolver URL', async () => {
    const { auth, batch } = await issue({ count: 1, productName: '琼中绿橙' });
    const code = batch.codes[0] as string;
    const png = await ctx.app.inject({ url: `/api/codes/${code}/label.png`, headers: auth });
    expect(png.headers['content-type']).toBe('image/png');
    const [read] = await readBarcodes(new Uint8Array(png.rawPayload), { formats: ['QRCode'] });
    expect(read?.text).toBe(`https://trace.hainan.example/t/${code}`);
    const svg = await ctx.app.inject({ url: `/api/codes/${code}/label.svg`, headers: auth });
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(svg.body).toContain(code);
  });

  it('renders a GS1 DataMatrix whose symbol reads back as the element string', async () => {
    await registerProduct(ctx.database, owner, gtin(77));
    const { auth, batch } = await issue({ scheme: 'gs1', count: 1, product: gtin(77), lot: 'L9' });
    const code = batch.codes[0] as string;
    const serial = code.split('/21/')[1];
    const png = await ctx.app.inject({
      url: `/api/codes/${encodeURIComponent(code)}/label.png?symbol=datamatrix`,
      headers: auth,
    });
    const [read] = await readBarcodes(new Uint8Array(png.rawPayload), {
      formats: ['DataMatrix'],
      textMode: 'HRI',
    });
    expect(read?.text).toBe(`(01)${gtin(77)}(10)L9(21)${serial}`);
  });

  it('renders a PDF sheet for a batch', async () => {
    const { auth, batch } = await issue({
      count: 30,
      productName: '海南黄灯笼辣椒酱',
      lot: 'B1',
      productionDate: '2026-10-01',
      expiryDate: '2027-10-01',
    });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/labels',
      headers: auth,
      payload: { batchId: batch.batchId, layout: { page: 'A4' } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2); // 30 labels on 3×8 sheets
  });

  it("refuses labels of another enterprise's code", async () => {
    const { batch } = await issue({ count: 1 });
    const other = await ctx.key(['query'], '91460100MA5T0MMM2Y');
    const one = await ctx.app.inject({ url: `/api/codes/${batch.codes[0]}/label.png`, headers: other });
    expect(one.statusCode).toBe(404);
    const sheet = await ctx.app.inject({
      method: 'POST',
      url: '/api/labels',
      headers: other,
      payload: { codes: batch.codes, layout: { page: '50x30' } },
    });
    expect(sheet.statusCode).toBe(404);
    expect(sheet.json().errors[0].message).toContain(batch.codes[0]);
  });

  it('refuses a DataMatrix for a suyuan code and an unknown page size', async () => {
    const { auth, batch } = await issue({ count: 1 });
    expect(
      (
        await ctx.app.inject({
          url: `/api/codes/${batch.codes[0]}/label.png?symbol=datamatrix`,
          headers: auth,
        })
      ).statusCode,
    ).toBe(400);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/labels',
      headers: auth,
      payload: { codes: batch.codes, layout: { page: 'A3' } },
    });
    expect(bad.statusCode).toBe(400);
  });
});
