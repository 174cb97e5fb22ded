import type ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import {
  downloadWorkbook,
  eventCount,
  type ImportReport,
  installTestTemplate,
  testTemplate,
  toBuffer,
  upload,
} from './fixtures.js';
import { xlsxType } from './routes.js';
import { runImport } from './run.js';

const enterprise = '91460000MA5TJ00009';

describe.each(backends())('importing equal rows again on purpose (repeat) on %s', (backend) => {
  const ctx = useApp(backend);
  let headers: { authorization: string };
  let template: string;
  beforeAll(async () => {
    template = `repeat-${unique()}`;
    await installTestTemplate(ctx.database, testTemplate(template));
    headers = await ctx.key(['capture', 'query'], enterprise);
  });

  /** A production workbook with one row per lot from row 3 (row 2 is the example). */
  async function workbookOf(lots: string[]): Promise<Buffer> {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
    lots.forEach((lot, i) => {
      sheet.getRow(3 + i).values = [
        lot,
        new Date('2026-06-01T00:00:00Z'),
        new Date('2027-06-01T00:00:00Z'),
        12.5,
        '一级',
      ];
    });
    return toBuffer(workbook);
  }

  async function eventIdsOf(lots: string[]): Promise<string[]> {
    const { rows } = await sql<{ event_id: string }>`
      SELECT event_id FROM events WHERE doc->'epcList'->>0 = ANY(${lots.map((l) => `urn:suyuan:lot:${l}`)})
      ORDER BY event_id`.execute(ctx.database.db);
    return rows.map((r) => r.event_id);
  }

  async function reportOf(id: string): Promise<ImportReport> {
    return (await ctx.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers })).json<ImportReport>();
  }

  it('stores a delivery identical to an earlier one as new events when asked, and only then', async () => {
    const lots = [1, 2, 3].map((n) => `LOT-${unique()}${n}`);
    const file = await workbookOf(lots);
    const first = await upload(ctx.app, headers, file);
    expect(first.report).toMatchObject({ repeat: false, rows: { stored: 3, alreadyImported: 0 } });
    const firstIds = await eventIdsOf(lots);

    const before = await eventCount(ctx.database);
    const repeated = await upload(ctx.app, headers, file, { repeat: 'true' });
    expect(repeated.response.json()).toMatchObject({ repeat: true });
    expect(repeated.report).toMatchObject({
      status: 'succeeded',
      repeat: true,
      rows: { total: 3, stored: 3, alreadyImported: 0 },
      alreadyImportedRows: [],
    });
    expect(await eventCount(ctx.database)).toBe(before + 3);
    const ids = await eventIdsOf(lots);
    expect(ids).toHaveLength(6);
    expect(ids.filter((id) => firstIds.includes(id))).toHaveLength(3);

    // a third delivery is a third upload: stored again
    const third = await upload(ctx.app, headers, file, { repeat: 'true' });
    expect(third.report?.rows).toMatchObject({ stored: 3, alreadyImported: 0 });
    expect(await eventIdsOf(lots)).toHaveLength(9);

    // without the option (the default, or repeat=false) the file is taken as imported before
    for (const query of [{}, { repeat: 'false' }] as Record<string, string>[]) {
      const plain = await upload(ctx.app, headers, file, query);
      expect(plain.report).toMatchObject({ repeat: false, rows: { stored: 0, alreadyImported: 3 } });
    }
    expect(await eventIdsOf(lots)).toHaveLength(9);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/imports', headers });
    expect(list.json().find((i: { id: string }) => i.id === repeated.report?.id)).toMatchObject({
      repeat: true,
    });
  });

  it('stores each row of a repeat upload once, however often its job runs', async () => {
    const lots = [1, 2, 3].map((n) => `LOT-${unique()}${n}`);
    const file = await workbookOf(lots);
    await upload(ctx.app, headers, file);
    const queued = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports?repeat=true',
      headers: { ...headers, 'content-type': xlsxType },
      payload: file,
    });
    expect(queued.statusCode).toBe(202);
    const id = queued.json<{ id: string }>().id;
    const before = await eventCount(ctx.database);

    // the worker dies after storing the first row: its transaction stores nothing
    let crashed = false;
    const crash = runImport(ctx.database, id, {
      chunkSize: 1,
      onProgress: (p) => {
        if (p.phase === 'storing' && p.stored === 1 && !crashed) {
          crashed = true;
          throw new Error('the worker died');
        }
      },
    });
    await expect(crash).rejects.toThrow('the worker died');
    expect(await eventCount(ctx.database)).toBe(before);

    // the job is retried: every row stored, once
    await runImport(ctx.database, id, { chunkSize: 1 });
    expect((await reportOf(id)).rows).toMatchObject({ stored: 3, alreadyImported: 0 });
    expect(await eventCount(ctx.database)).toBe(before + 3);

    // run once more (as if its finished status had been lost): the upload's eventIDs are found stored
    await sql`UPDATE imports SET status = 'queued' WHERE id = ${id}`.execute(ctx.database.db);
    await runImport(ctx.database, id);
    const report = await reportOf(id);
    expect(report).toMatchObject({ status: 'succeeded', rows: { stored: 0, alreadyImported: 3 } });
    expect(report.alreadyImportedRows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(await eventCount(ctx.database)).toBe(before + 3);
    expect(await eventIdsOf(lots)).toHaveLength(6);
  });

  it('refuses a repeat that is not true or false, pointing at it, and queues nothing', async () => {
    const count = async () =>
      (
        await ctx.database.db
          .selectFrom('imports')
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports?repeat=yes',
      headers: { ...headers, 'content-type': xlsxType },
      payload: await workbookOf([`LOT-${unique()}`]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { pointer: 'repeat', message: expect.stringContaining('boolean') },
    ]);
    expect(await count()).toBe(before);
  });
});
