import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import { describeRuns, rowRuns, runRows } from './already-imported.js';
import { alreadyImportedNote, errorsHeader, statusHeader } from './columns.js';
import {
  downloadWorkbook,
  installTestTemplate,
  productionWorkbook,
  testTemplate,
  toBuffer,
  upload,
} from './fixtures.js';
import { findImport, importView, reportedRows } from './report.js';

const enterprise = '91460000MA5TH00008';

type Row = [lot: string, production: Date, expiry: Date, weight: number, grade: string];
const row = (lot: string, weight = 12.5): Row => [
  lot,
  new Date('2026-06-01T00:00:00Z'),
  new Date('2027-06-01T00:00:00Z'),
  weight,
  '一级',
];

/** The number of the column whose header (row 1) starts with this text, or undefined. */
function columnOf(sheet: ExcelJS.Worksheet, header: string): number | undefined {
  for (let c = 1; c <= sheet.columnCount; c++)
    if (String(sheet.getCell(1, c).value ?? '').startsWith(header)) return c;
  return undefined;
}

describe('runs of rows', () => {
  it('keep consecutive rows of one sheet as one run, and give them back one by one up to a limit', () => {
    const runs = rowRuns([
      { sheet: '生产', row: 3 },
      { sheet: '生产', row: 4 },
      { sheet: '生产', row: 5 },
      { sheet: '生产', row: 9 },
      { sheet: '发货', row: 10 },
    ]);
    expect(runs).toEqual([
      { sheet: '生产', from: 3, to: 5 },
      { sheet: '生产', from: 9, to: 9 },
      { sheet: '发货', from: 10, to: 10 },
    ]);
    expect(runRows(runs, Number.POSITIVE_INFINITY)).toHaveLength(5);
    expect(runRows(runs, 4)).toEqual([
      { sheet: '生产', row: 3 },
      { sheet: '生产', row: 4 },
      { sheet: '生产', row: 5 },
      { sheet: '生产', row: 9 },
    ]);
    expect(describeRuns(runs)).toBe('生产 3–5, 9; 发货 10');
    expect(describeRuns(runs, 1)).toBe('生产 3–5; …');
  });
});

describe.each(backends())('rows already imported, row by row, on %s', (backend) => {
  const ctx = useApp(backend);
  let headers: { authorization: string };
  let template: string;
  beforeAll(async () => {
    template = `outcome-${unique()}`;
    await installTestTemplate(ctx.database, testTemplate(template));
    headers = await ctx.key(['capture', 'query'], enterprise);
  });

  const workbookOf = (rows: Row[]) => productionWorkbook(ctx.app, template, rows);

  async function resultCopy(id: string): Promise<ExcelJS.Workbook> {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/imports/${id}/errors.xlsx`, headers });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook;
  }

  it('names them by sheet and row in the report, marks them in the copy beside the errors, and the corrected copy imports', async () => {
    const lots = [1, 2, 3, 4].map((n) => `LOT-${unique()}${n}`) as [string, string, string, string];
    await upload(ctx.app, headers, await workbookOf([row(lots[0]), row(lots[1])]));

    // rows 3 and 5 were imported before, row 4 is new, row 6 is bad
    const file = await workbookOf([row(lots[0]), row(lots[2]), row(lots[1]), row(lots[3], -1)]);
    const { report } = await upload(ctx.app, headers, file, { mode: 'proceed' });
    expect(report?.status).toBe('succeeded');
    expect(report?.rows).toMatchObject({ total: 4, stored: 1, invalid: 1, alreadyImported: 2 });
    expect(report?.alreadyImportedRows).toEqual([
      { sheet: '生产', row: 3 },
      { sheet: '生产', row: 5 },
    ]);
    expect(report?.errors).toMatchObject([{ sheet: '生产', row: 6, column: 'D' }]);

    const copy = await resultCopy(report?.id as string);
    const sheet = copy.getWorksheet('生产') as ExcelJS.Worksheet;
    const errors = columnOf(sheet, errorsHeader) as number;
    const status = columnOf(sheet, statusHeader) as number;
    expect(errors).toBeGreaterThan(5);
    expect(status).toBe(errors + 1);
    // the invalid row as before: its problem in the error column, its cell shaded
    expect(String(sheet.getCell(6, errors).value)).toMatch(/^D6 净重/);
    expect(sheet.getCell('D6').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect([3, 4, 5, 6].map((r) => sheet.getCell(r, status).value)).toEqual([
      alreadyImportedNote,
      null,
      alreadyImportedNote,
      null,
    ]);
    expect(alreadyImportedNote).toMatch(/^已导入过，未重复保存/);

    // corrected and uploaded again: both added columns are ignored, the rows imported are found so
    sheet.getCell('D6').value = 2;
    const again = await upload(ctx.app, headers, await toBuffer(copy), { mode: 'proceed' });
    expect(again.report?.errors).toEqual([]);
    expect(again.report?.rows).toMatchObject({ total: 4, stored: 1, invalid: 0, alreadyImported: 3 });
    expect(again.report?.alreadyImportedRows.map((r) => r.row)).toEqual([3, 4, 5]);
  });

  it('names them on each sheet of a workbook of all CTEs', async () => {
    const lot = `LOT-${unique()}`;
    const workbook = await downloadWorkbook(ctx.app, template, 'all');
    (workbook.getWorksheet('生产') as ExcelJS.Worksheet).getRow(3).values = row(lot);
    const shipping = workbook.getWorksheet('发货') as ExcelJS.Worksheet;
    shipping.getRow(3).values = [lot, new Date('2026-06-02T08:00:00Z'), 4];
    shipping.getRow(4).values = [lot, new Date('2026-06-03T08:00:00Z'), 5];
    const file = await toBuffer(workbook);
    await upload(ctx.app, headers, file);
    const { report } = await upload(ctx.app, headers, file);
    expect(report?.rows).toMatchObject({ total: 3, stored: 0, alreadyImported: 3 });
    expect(report?.alreadyImportedRows).toEqual([
      { sheet: '生产', row: 3 },
      { sheet: '发货', row: 3 },
      { sheet: '发货', row: 4 },
    ]);
    const copy = await resultCopy(report?.id as string);
    for (const [name, rows] of [
      ['生产', [3]],
      ['发货', [3, 4]],
    ] as const) {
      const sheet = copy.getWorksheet(name) as ExcelJS.Worksheet;
      expect(columnOf(sheet, errorsHeader)).toBeUndefined();
      const status = columnOf(sheet, statusHeader) as number;
      for (const r of rows) expect(sheet.getCell(r, status).value).toBe(alreadyImportedNote);
    }
  });

  it('names them in a CSV upload and marks them in its copy', async () => {
    const lots = [1, 2].map((n) => `LOT-${unique()}${n}`);
    const csv = (names: string[]) =>
      Buffer.from(
        `批号,生产日期,保质期至,净重,等级\n${names.map((l) => `${l},2026-06-01,2027-06-01,3,一级`).join('\n')}\n`,
      );
    const query = { template, cte: 'production' };
    await upload(ctx.app, headers, csv([lots[0] as string]), query, 'text/csv');
    const { report } = await upload(ctx.app, headers, csv(lots), query, 'text/csv');
    expect(report?.rows).toMatchObject({ total: 2, stored: 1, alreadyImported: 1 });
    expect(report?.alreadyImportedRows).toEqual([{ sheet: 'CSV', row: 2 }]);
    const sheet = (await resultCopy(report?.id as string)).getWorksheet('CSV') as ExcelJS.Worksheet;
    expect(sheet.getCell('F1').value).toBe(statusHeader);
    expect(sheet.getCell('F2').value).toBe(alreadyImportedNote);
    expect(sheet.getCell('F3').value).toBeNull();
  });

  it('names none when a rolled-back import stored nothing, and the copy shows only the errors', async () => {
    const lot = `LOT-${unique()}`;
    await upload(ctx.app, headers, await workbookOf([row(lot)]));
    const { report } = await upload(
      ctx.app,
      headers,
      await workbookOf([row(lot), row(`LOT-${unique()}`, -1)]),
    );
    expect(report?.status).toBe('failed');
    expect(report?.rows).toMatchObject({ stored: 0, invalid: 1, alreadyImported: 0 });
    expect(report?.alreadyImportedRows).toEqual([]);
    const sheet = (await resultCopy(report?.id as string)).getWorksheet('生产') as ExcelJS.Worksheet;
    expect(columnOf(sheet, errorsHeader)).toBeDefined();
    expect(columnOf(sheet, statusHeader)).toBeUndefined();
  });

  it(`lists at most ${reportedRows} of them in the JSON report, and none in the list of imports`, async () => {
    const file = await workbookOf([row(`LOT-${unique()}`)]);
    await upload(ctx.app, headers, file);
    const { report } = await upload(ctx.app, headers, file);
    const stored = (await findImport(ctx.database.db, report?.id as string)) as NonNullable<
      Awaited<ReturnType<typeof findImport>>
    >;
    expect(stored.already_imported).toEqual([{ sheet: '生产', from: 3, to: 3 }]);
    // a file of 200,000 rows imported again is kept as one run and reported in part
    const view = importView({ ...stored, already_imported: [{ sheet: '生产', from: 3, to: 200_002 }] });
    expect(view.alreadyImportedRows).toHaveLength(reportedRows);
    expect(view.alreadyImportedRows.at(-1)).toEqual({ sheet: '生产', row: 2 + reportedRows });

    const list = await ctx.app.inject({ method: 'GET', url: '/api/imports', headers });
    const listed = list.json().find((i: { id: string }) => i.id === report?.id);
    expect(listed).toMatchObject({ rows: { alreadyImported: 1 }, alreadyImportedRows: [] });
  });
});
