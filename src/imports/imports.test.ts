import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig, useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import { buildApp } from '../app.js';
import { downloadWorkbook, eventCount, installTestTemplate, toBuffer, upload } from './fixtures.js';
import { enqueueImport, importQueue } from './job.js';
import { xlsxType } from './routes.js';
import { runImport } from './run.js';

const enterpriseA = '91460000MA5TA00001';
const enterpriseB = '91460000MA5TB00002';

function productionRow(
  sheet: ExcelJS.Worksheet,
  lot: string,
  overrides: Partial<Record<string, unknown>> = {},
) {
  const values = {
    lot,
    production: new Date('2026-06-01T00:00:00Z'),
    expiry: new Date('2027-06-01T00:00:00Z'),
    weight: 12.5,
    grade: '一级',
    organic: '是',
    inspector: '张三',
    ...overrides,
  };
  sheet.addRow(Object.values(values));
}

describe.each(backends())('imports on %s', (backend) => {
  const ctx = useApp(backend);
  let a: { authorization: string };
  let b: { authorization: string };
  let template: string;
  beforeAll(async () => {
    template = `import-${unique()}`;
    const { testTemplate } = await import('./fixtures.js');
    await installTestTemplate(ctx.database, testTemplate(template));
    a = await ctx.key(['capture', 'query'], enterpriseA);
    b = await ctx.key(['capture', 'query'], enterpriseB);
  });

  it('imports the rows of a downloaded workbook as events of the enterprise, in one job', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'all');
    const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
    const lots = [1, 2, 3].map((n) => `LOT-${unique()}${n}`);
    for (const lot of lots) productionRow(sheet, lot);
    const shipping = workbook.getWorksheet('发货') as ExcelJS.Worksheet;
    shipping.getRow(2).values = [lots[0], new Date('2026-06-02T09:30:00Z'), 4];
    const before = await eventCount(ctx.database);
    const { response, report } = await upload(ctx.app, a, await toBuffer(workbook), {
      fileName: 'week.xlsx',
    });
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toBe(`/api/imports/${response.json().id}`);
    expect(response.json().status).toBe('queued');
    expect(report?.status).toBe('succeeded');
    expect(report?.errors).toEqual([]);
    expect(report?.rows).toMatchObject({ total: 4, checked: 4, stored: 4, invalid: 0 });
    // the example rows (row 2 of each sheet) were skipped, the shipping example overwritten was not
    expect(report?.rows.skipped).toBe(1);
    expect(await eventCount(ctx.database)).toBe(before + 4);
    const { rows } = await sql<{
      owner_enterprise: string;
      template: string | null;
      doc: Record<string, unknown>;
    }>`
      SELECT owner_enterprise, doc FROM events WHERE doc->'epcList'->>0 = ${`urn:suyuan:lot:${lots[0]}`}
      ORDER BY event_time`.execute(ctx.database.db);
    expect(rows.map((r) => r.owner_enterprise)).toEqual([enterpriseA, enterpriseA]);
    expect(rows[0]?.doc['suyuan:template']).toBe(`${template}@1`);
    expect(rows[0]?.doc.eventTime).toBe('2026-06-01T00:00:00+08:00');
    expect(rows[1]?.doc.eventTime).toBe('2026-06-02T09:30:00+08:00');
    expect(rows[0]?.doc['suyuan:grade']).toBe('A');
    expect(rows[0]?.doc['suyuan:netWeight']).toEqual({ 'suyuan:value': 12.5, 'suyuan:unit': 'KGM' });
  });

  it('runs in the job worker of a server process', async () => {
    const server = await buildApp(testConfig(), { database: ctx.database, worker: true });
    await server.ready();
    try {
      const workbook = await downloadWorkbook(ctx.app, template, 'production');
      productionRow(workbook.getWorksheet(1) as ExcelJS.Worksheet, `LOT-${unique()}`);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...a, 'content-type': xlsxType },
        payload: await toBuffer(workbook),
      });
      let status = 'queued';
      for (let i = 0; i < 100 && (status === 'queued' || status === 'running'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (
          await ctx.app.inject({ method: 'GET', url: `/api/imports/${response.json().id}`, headers: a })
        ).json().status;
      }
      expect(status).toBe('succeeded');
    } finally {
      await server.close();
    }
  });

  it('queues one job per import however often it is sent', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    productionRow(workbook.getWorksheet(1) as ExcelJS.Worksheet, `LOT-${unique()}`);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...a, 'content-type': xlsxType },
      payload: await toBuffer(workbook),
    });
    const id = response.json().id as string;
    await enqueueImport(ctx.app, id);
    await enqueueImport(ctx.app, id);
    const jobs = await ctx.app.jobs.boss.fetch<{ id: string }>(importQueue, { batchSize: 50 });
    expect(jobs.filter((j) => j.data.id === id)).toHaveLength(1);
    for (const job of jobs) {
      await runImport(ctx.database, job.data.id);
      await ctx.app.jobs.boss.complete(importQueue, job.id);
    }
  });

  it('keeps the upload in the database and runs each import once', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    productionRow(workbook.getWorksheet(1) as ExcelJS.Worksheet, `LOT-${unique()}`);
    const file = await toBuffer(workbook);
    const { report } = await upload(ctx.app, a, file);
    const stored = await ctx.database.db
      .selectFrom('imports')
      .select(['file', 'attempts', 'rows_stored'])
      .where('id', '=', report?.id as string)
      .executeTakeFirstOrThrow();
    expect(Buffer.compare(stored.file as Buffer, file)).toBe(0);
    const before = await eventCount(ctx.database);
    await runImport(ctx.database, report?.id as string); // a redelivered job finds it done
    expect(await eventCount(ctx.database)).toBe(before);
    expect(stored.attempts).toBe(1);
  });

  it('shows rows checked, then stored, at GET /api/imports/{id} while the job runs', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    const sheet = workbook.getWorksheet(1) as ExcelJS.Worksheet;
    for (let i = 0; i < 8; i++) productionRow(sheet, `LOT-${unique()}`);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...a, 'content-type': xlsxType },
      payload: await toBuffer(workbook),
    });
    const id = response.json().id as string;
    const seen: { phase: string; checked: number; stored: number; status: string }[] = [];
    await runImport(ctx.database, id, {
      chunkSize: 2,
      progressEvery: 2,
      onProgress: async (p) => {
        // PGlite has one connection, held by the storing transaction: look only while checking there.
        if (p.phase !== 'checking' && !(p.phase === 'storing' && backend === 'postgres')) return;
        const view = (await ctx.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: a })).json();
        seen.push({
          phase: p.phase,
          checked: view.rows.checked,
          stored: view.rows.stored,
          status: view.status,
        });
      },
    });
    const checking = seen.filter((s) => s.phase === 'checking');
    expect(checking.every((s) => s.status === 'running')).toBe(true);
    // each call sees what the previous one wrote
    expect(checking.map((s) => s.checked)).toEqual([0, 0, 2, 4, 6]);
    if (backend === 'postgres') {
      const storing = seen.filter((s) => s.phase === 'storing');
      expect(storing.map((s) => s.stored)).toEqual([0, 0, 2, 4, 6]);
    }
  });

  it('shows an enterprise only its own imports', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    productionRow(workbook.getWorksheet(1) as ExcelJS.Worksheet, `LOT-${unique()}`);
    const { report } = await upload(ctx.app, a, await toBuffer(workbook));
    const id = report?.id as string;
    const other = await ctx.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: b });
    expect(other.statusCode).toBe(404);
    const copy = await ctx.app.inject({ method: 'GET', url: `/api/imports/${id}/errors.xlsx`, headers: b });
    expect(copy.statusCode).toBe(404);
    const mine = await ctx.app.inject({ method: 'GET', url: '/api/imports', headers: a });
    const theirs = await ctx.app.inject({ method: 'GET', url: '/api/imports', headers: b });
    expect(mine.json().map((r: { id: string }) => r.id)).toContain(id);
    expect(theirs.json().map((r: { id: string }) => r.id)).not.toContain(id);
    const admin = await ctx.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: ctx.admin });
    expect(admin.statusCode).toBe(200);
  });

  it('refuses another enterprise for a non-administrator', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    const { response } = await upload(ctx.app, a, await toBuffer(workbook), { enterprise: enterpriseB });
    expect(response.statusCode).toBe(403);
  });

  it('imports a workbook made elsewhere when told its template, matching sheets to CTEs by name', async () => {
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('说明');
    notes.getCell('A1').value = '本表由 ERP 导出';
    const sheet = workbook.addWorksheet('生产');
    sheet.addRow(['Lot code', 'Production date', 'Best before', 'Net weight', 'Grade']);
    sheet.addRow([`LOT-${unique()}`, '2026年6月1日', '2027.06.01', '2 KGM', 'B']);
    const file = await toBuffer(workbook);
    const unnamed = await upload(ctx.app, a, file);
    expect(unnamed.response.statusCode).toBe(400);
    expect(unnamed.response.json().errors).toEqual([
      { pointer: 'template', message: expect.stringContaining('not a suyuan workbook') },
    ]);
    const before = await eventCount(ctx.database);
    const { report } = await upload(ctx.app, a, file, { template, cte: 'all' });
    expect(report?.errors).toEqual([]);
    expect(report?.rows.stored).toBe(1);
    expect(await eventCount(ctx.database)).toBe(before + 1);
  });

  it('imports a UTF-8 CSV with a BOM and Chinese headers', async () => {
    const lot = `LOT-${unique()}`;
    const csv = `\uFEFF批号,生产日期,保质期至,净重,等级,有机\n${lot},2026/06/01,2027-06-01,500 GRM,二级,否\n,,,,,\n`;
    const before = await eventCount(ctx.database);
    const { report } = await upload(
      ctx.app,
      a,
      Buffer.from(csv),
      { template, cte: 'production' },
      'text/csv; charset=utf-8',
    );
    expect(report?.errors).toEqual([]);
    expect(report?.status).toBe('succeeded');
    expect(report?.rows).toMatchObject({ total: 1, stored: 1, skipped: 1 });
    expect(await eventCount(ctx.database)).toBe(before + 1);
    const { rows } = await sql<{ doc: Record<string, unknown> }>`
      SELECT doc FROM events WHERE doc->'epcList'->>0 = ${`urn:suyuan:lot:${lot}`}`.execute(ctx.database.db);
    expect(rows[0]?.doc['suyuan:netWeight']).toEqual({ 'suyuan:value': 500, 'suyuan:unit': 'GRM' });
    expect(rows[0]?.doc['suyuan:grade']).toBe('B');
    expect(rows[0]?.doc['suyuan:organic']).toBe(false);
  });

  it('imports a GB 18030 CSV with English headers', async () => {
    const lot = `LOT-${unique()}`;
    const csv = `Lot code,Production date,Best before,Net weight,Grade,Inspector\n${lot},2026-06-01,2027-06-01,3,Grade A,李四\n`;
    const encoded = Buffer.from(new Uint8Array([...gb18030(csv)]));
    const { report } = await upload(ctx.app, a, encoded, { template, cte: 'production' }, 'text/csv');
    expect(report?.errors).toEqual([]);
    const { rows } = await sql<{ doc: Record<string, unknown> }>`
      SELECT doc FROM events WHERE doc->'epcList'->>0 = ${`urn:suyuan:lot:${lot}`}`.execute(ctx.database.db);
    expect(rows[0]?.doc['suyuan:inspector']).toBe('李四');
  });
});

/** 李四 in GB 18030 (the only non-ASCII text used above). */
function gb18030(text: string): Buffer {
  return Buffer.concat(
    [...text].map((ch) =>
      ch === '李' ? Buffer.from([0xc0, 0xee]) : ch === '四' ? Buffer.from([0xcb, 0xc4]) : Buffer.from(ch),
    ),
  );
}
