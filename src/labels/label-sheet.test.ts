import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { LabelError } from './errors.js';
import { renderLabelSheet, type SheetLabel } from './label-sheet.js';
import type { SheetLayout } from './layout.js';

const productName = '五常大米 稻花香2号';

function sheetLabel(i: number, overrides: Partial<SheetLabel> = {}): SheetLabel {
  const gs1 = i % 2 === 1;
  return {
    symbol: gs1
      ? { kind: 'gs1datamatrix', data: `(01)06901234567892(10)LOT${i}(21)S${i}` }
      : { kind: 'qr', data: `https://trace.example.cn/t/HNS2K7QX${i}` },
    code: gs1 ? `(01)06901234567892(21)S${i}` : `HNS2K7QX${i}`,
    productName,
    lot: `LOT${i}`,
    productionDate: '2025-06-01',
    expiryDate: '2026-05-31',
    ...overrides,
  };
}

const batch = (n: number) => Array.from({ length: n }, (_, i) => sheetLabel(i));

async function readPdf(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('\n');
    pages.push({ size: [page.view[2], page.view[3]], text });
  }
  await doc.destroy();
  return pages;
}

async function rejection(labels: SheetLabel[], layout: SheetLayout, font?: string): Promise<LabelError> {
  const error = await renderLabelSheet(labels, layout, font ? { font: { path: font } } : {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabelError);
  return error as LabelError;
}

/** Page text without the spaces and line breaks that line breaking adds or removes. */
const compact = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');
const mm = (points: number | undefined) => Math.round(((points ?? 0) * 25.4) / 72);

describe('renderLabelSheet', () => {
  it('lays 50 labels out on A4 pages of 3 × 8 by default: three pages', async () => {
    const pages = await readPdf(await renderLabelSheet(batch(50), { page: 'A4' }));
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.size.map(mm))).toEqual([
      [210, 297],
      [210, 297],
      [210, 297],
    ]);
    expect(pages[2]?.text.match(/批号 LOT\d+/g)).toHaveLength(50 - 48);
  });

  it('prints the Chinese product name, code, lot and dates as extractable text', async () => {
    const [first] = await readPdf(await renderLabelSheet(batch(3), { page: 'A4' }));
    const joined = compact(first?.text); // lines break after a space or before a GS1 AI
    for (const expected of [productName, 'HNS2K7QX0', '(01)06901234567892(21)S1', '批号 LOT2']) {
      expect(joined).toContain(compact(expected));
    }
    expect(joined).toContain('生产日期2025-06-01');
    expect(joined).toContain('有效期至2026-05-31');
  });

  it('uses a 4 × 10 grid when asked: 50 labels on two pages', async () => {
    const pages = await readPdf(await renderLabelSheet(batch(50), { page: 'A4', columns: 4, rows: 10 }));
    expect(pages.map((p) => p.text.match(/批号 LOT\d+/g)?.length)).toEqual([40, 10]);
  });

  it.each([
    ['50x30', [50, 30]],
    ['60x40', [60, 40]],
    ['40x30', [40, 30]],
  ] as const)('prints one label per %s mm roll page', async (page, size) => {
    const pages = await readPdf(await renderLabelSheet(batch(4), { page }));
    expect(pages).toHaveLength(4);
    expect(pages.map((p) => p.size.map(mm))).toEqual(Array(4).fill(size));
    expect(compact(pages[3]?.text)).toContain('(01)06901234567892(21)S3');
  });

  it('embeds only the glyphs used, so a sheet stays small next to the 19 MB font', async () => {
    const pdf = await renderLabelSheet(batch(50), { page: 'A4' });
    expect(pdf.length).toBeLessThan(400_000);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
  });

  it('never cuts a code or lot on a small roll label: it breaks them over lines instead', async () => {
    const label = sheetLabel(1, { lot: 'LOT-2025-06-01-HEILONGJIANG-WUCHANG-0001' });
    const [page] = await readPdf(await renderLabelSheet([label], { page: '40x30' }));
    const joined = compact(page?.text);
    expect(joined).toContain('(01)06901234567892(21)S1');
    expect(joined).toContain('批号LOT-2025-06-01-HEILONGJIANG-WUCHANG-0001');
  });

  it('keeps a long product name on the label, broken over two lines or cut with an ellipsis', async () => {
    const long = '五常大米 稻花香2号 有机认证 东北黑龙江五常市特产 5kg 真空包装 礼盒装';
    const [page] = await readPdf(
      await renderLabelSheet([sheetLabel(0, { productName: long })], { page: '40x30' }),
    );
    expect(page?.text).toContain('五常大米');
    expect(page?.text).toContain('…');
  });
});

describe('renderLabelSheet input checks', () => {
  it('rejects an empty batch and one of 10,001 labels', async () => {
    expect((await rejection([], { page: 'A4' })).message).toBe(
      'A label sheet takes 1 to 10000 labels; got 0',
    );
    const tooMany = Array<SheetLabel>(10_001).fill(sheetLabel(0));
    const error = await rejection(tooMany, { page: 'A4' });
    expect([error.code, error.message]).toEqual([
      'LABEL_BATCH_SIZE',
      'A label sheet takes 1 to 10000 labels; got 10001',
    ]);
  });

  it('rejects an unknown page size, naming the ones it knows', async () => {
    const error = await rejection(batch(1), { page: 'A5' } as unknown as SheetLayout);
    expect([error.code, error.pointer]).toEqual(['LABEL_LAYOUT_INVALID', '/layout/page']);
    expect(error.message).toBe('Unknown page size "A5": use one of A4, 50x30, 60x40, 40x30');
  });

  it('rejects a grid on a roll page and a grid too dense for A4', async () => {
    expect((await rejection(batch(1), { page: '50x30', columns: 2 })).pointer).toBe('/layout/columns');
    expect((await rejection(batch(1), { page: 'A4', rows: 40 })).message).toBe(
      'rows must be an integer from 1 to 16',
    );
  });

  it('names the label whose symbol data is bad', async () => {
    const labels = [
      sheetLabel(0),
      sheetLabel(1, { symbol: { kind: 'gs1datamatrix', data: '(01)06901234567891' } }),
    ];
    const error = await rejection(labels, { page: 'A4' });
    expect([error.code, error.pointer]).toEqual(['LABEL_DATA_INVALID', '/labels/1/symbol/data']);
    const empty = await rejection([sheetLabel(0, { symbol: { kind: 'qr', data: '' } })], { page: 'A4' });
    expect([empty.code, empty.pointer]).toEqual(['LABEL_DATA_EMPTY', '/labels/0/symbol/data']);
  });

  it('rejects a label without a code or with a line break in its text', async () => {
    expect((await rejection([sheetLabel(0, { code: ' ' })], { page: 'A4' })).pointer).toBe('/labels/0/code');
    const broken = await rejection([sheetLabel(0, { lot: 'LOT1\nLOT2' })], { page: 'A4' });
    expect([broken.code, broken.pointer]).toEqual(['LABEL_TEXT_INVALID', '/labels/0/lot']);
  });

  it('says which font package to install when the CJK font is missing', async () => {
    const error = await rejection(batch(1), { page: 'A4' }, '/nonexistent/NotoSansCJK-Regular.ttc');
    expect(error.code).toBe('LABEL_FONT_MISSING');
    expect(error.message).toMatch(/fonts-noto-cjk/);
  });
});
