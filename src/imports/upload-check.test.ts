import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import type { TemplateCte } from '../templates/model.js';
import { downloadWorkbook, installTestTemplate, testTemplate, toBuffer, upload } from './fixtures.js';
import { importQueue } from './job.js';

const enterprise = '91460000MA5TE00005';

/** A workbook's production sheet with one good row under the example. */
function fill(workbook: ExcelJS.Workbook, sheet = '生产'): void {
  (workbook.getWorksheet(sheet) as ExcelJS.Worksheet).getRow(3).values = [
    `LOT-${unique()}`,
    new Date('2026-06-01T00:00:00Z'),
    new Date('2027-06-01T00:00:00Z'),
    3,
    '一级',
  ];
}

describe.each(backends())('the upload checks the template of the file on %s', (backend) => {
  const ctx = useApp(backend);
  let headers: { authorization: string };
  let template: string;
  let other: string;
  beforeAll(async () => {
    template = `check-${unique()}`;
    other = `check-other-${unique()}`;
    await installTestTemplate(ctx.database, testTemplate(template));
    // another template whose production sheet has other columns than ours
    const base = testTemplate(other);
    const [production, ...rest] = base.ctes as [TemplateCte, ...TemplateCte[]];
    const fields: TemplateCte['fields'] = [
      {
        name: 'batch',
        type: 'code',
        scheme: 'lot',
        required: true,
        label: { zh: '批次', en: 'Batch' },
        visibility: 'public',
        epcis: 'epcList',
      },
      {
        name: 'madeOn',
        type: 'date',
        required: true,
        label: { zh: '制造日期', en: 'Made on' },
        visibility: 'public',
        epcis: 'eventTime',
      },
    ];
    await installTestTemplate(ctx.database, {
      ...base,
      ctes: [{ ...production, fields, rules: [] }, ...rest],
    });
    headers = await ctx.key(['capture', 'query'], enterprise);
  });

  /** Imports rows and import jobs in the database: a refused upload adds neither. */
  async function queued(): Promise<{ imports: number; jobs: number }> {
    const { rows } = await sql<{ imports: number; jobs: number }>`
      SELECT (SELECT count(*)::int FROM imports) AS imports,
             (SELECT count(*)::int FROM pgboss.job WHERE name = ${importQueue}) AS jobs`.execute(
      ctx.database.db,
    );
    return rows[0] as { imports: number; jobs: number };
  }

  /** Uploads a file that must be refused at once: 400 problem+json, no import, no job. */
  async function refusedAtUpload(
    file: Buffer,
    query: Record<string, string>,
    contentType?: string,
  ): Promise<{ detail: string; errors: { pointer: string; message: string }[] }> {
    const before = await queued();
    const { response, report } = await upload(ctx.app, headers, file, query, contentType);
    expect(report).toBeUndefined();
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(await queued()).toEqual(before);
    return response.json();
  }

  it('refuses a workbook of another template, pointing at the template parameter', async () => {
    const workbook = await downloadWorkbook(ctx.app, other, 'all');
    fill(workbook);
    const problem = await refusedAtUpload(await toBuffer(workbook), { template });
    expect(problem.errors).toEqual([
      {
        pointer: 'template',
        message: expect.stringContaining(`this workbook was made for template ${other}@1, not ${template}`),
      },
    ]);
    expect(problem.detail).toContain(`download the workbook of ${template}`);
  });

  it('refuses a workbook of another CTE, pointing at the cte parameter', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    fill(workbook);
    const problem = await refusedAtUpload(await toBuffer(workbook), { template, cte: 'shipping' });
    expect(problem.errors).toEqual([
      { pointer: 'cte', message: expect.stringContaining('made for the CTE production, not shipping') },
    ]);
  });

  it('refuses a workbook whose sheet of a CTE was renamed, pointing at the sheet', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    fill(workbook);
    (workbook.getWorksheet('生产') as ExcelJS.Worksheet).name = '六月';
    const problem = await refusedAtUpload(await toBuffer(workbook), {});
    expect(problem.errors).toEqual([
      { pointer: 'file/生产', message: expect.stringContaining('the sheet "生产" is missing') },
    ]);
  });

  it('refuses a sheet whose header row is of another template, pointing at that row', async () => {
    // our workbook, with the production sheet pasted over from the other template's workbook
    const workbook = await downloadWorkbook(ctx.app, template, 'all');
    const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
    sheet.spliceRows(1, 2, ['批次 *', '制造日期 *'], [`LOT-${unique()}`, '2026-06-01']);
    const problem = await refusedAtUpload(await toBuffer(workbook), {});
    expect(problem.errors).toEqual([
      {
        pointer: 'file/生产/1',
        message: expect.stringContaining('row 1 of the sheet "生产" names no field of production'),
      },
    ]);
    expect(problem.detail).toContain('found 批次 *、制造日期 *');
  });

  it('refuses a workbook made elsewhere whose header names no field of the CTE asked for', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow([]);
    sheet.addRow(['Batch', 'Made on']);
    sheet.addRow([`LOT-${unique()}`, '2026-06-01']);
    const problem = await refusedAtUpload(await toBuffer(workbook), { template, cte: 'production' });
    expect(problem.errors).toEqual([
      { pointer: 'file/Sheet1/2', message: expect.stringContaining('names no field of production') },
    ]);
    // told the right template, the same file is accepted
    const { response, report } = await upload(ctx.app, headers, await toBuffer(workbook), {
      template: other,
      cte: 'production',
    });
    expect(response.statusCode).toBe(202);
    expect(report?.status).toBe('succeeded');
    expect(report?.rows.stored).toBe(1);
  });

  it('refuses a workbook made elsewhere without the template, and one with no sheet named after a CTE', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['批号', '生产日期']);
    const file = await toBuffer(workbook);
    const untold = await refusedAtUpload(file, {});
    expect(untold.errors[0]?.pointer).toBe('template');
    const unnamed = await refusedAtUpload(file, { template });
    expect(unnamed.errors).toEqual([
      { pointer: 'file', message: expect.stringContaining('no sheet is named after a CTE') },
    ]);
  });

  it('refuses a CSV file of another template, pointing at its header row', async () => {
    const csv = Buffer.from(`批次,制造日期\nLOT-${unique()},2026-06-01\n`);
    const problem = await refusedAtUpload(csv, { template, cte: 'production' }, 'text/csv');
    expect(problem.errors).toEqual([
      { pointer: 'file/CSV/1', message: expect.stringContaining('names no field of production') },
    ]);
  });

  it('refuses a damaged workbook at once', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    const file = await toBuffer(workbook);
    const problem = await refusedAtUpload(file.subarray(0, file.length - 30), {});
    expect(problem.errors).toEqual([
      { pointer: 'file', message: expect.stringContaining('the workbook cannot be read') },
    ]);
  });

  it('accepts a workbook whose extra or missing columns are the rows’ business', async () => {
    // one unknown column among known ones is reported by the job per column, not refused at upload
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
    fill(workbook);
    sheet.getCell('H1').value = '备注';
    const { response, report } = await upload(ctx.app, headers, await toBuffer(workbook), {
      mode: 'proceed',
    });
    expect(response.statusCode).toBe(202);
    expect(report?.rows.stored).toBe(1);
    expect(report?.errors).toMatchObject([{ row: 1, column: 'H', header: '备注' }]);
  });
});
