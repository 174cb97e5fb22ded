import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import { asPrincipal } from '../db/scoped.js';
import { formatReport } from './cli.js';
import {
  eventCount,
  installTestTemplate,
  productionWorkbook,
  testTemplate,
  toBuffer,
  upload,
} from './fixtures.js';
import { findImport, importView } from './report.js';
import { xlsxType } from './routes.js';
import { runImport } from './run.js';
import { importedEventId, importKey, rowContent } from './store.js';

const enterpriseA = '91460000MA5TF00006';
const enterpriseB = '91460000MA5TG00007';

type Row = [
  lot: string,
  production: Date | string,
  expiry: Date | string,
  weight: number | string,
  grade: string,
];

const row = (lot: string, weight: number | string = 12.5, grade = '一级'): Row => [
  lot,
  new Date('2026-06-01T00:00:00Z'),
  new Date('2027-06-01T00:00:00Z'),
  weight,
  grade,
];

describe('imported eventIDs', () => {
  it('are keyed: the same row gives another eventID under another key, and a UUIDv8 each', () => {
    const content = rowContent('production', new Map<string, unknown>([['lot', 'L1']]));
    const one = importedEventId('key-1', 'tpl', content, 1);
    expect(one).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(importedEventId('key-1', 'tpl', content, 1)).toBe(one);
    expect(importedEventId('key-2', 'tpl', content, 1)).not.toBe(one);
    expect(importedEventId('key-1', 'tpl', content, 2)).not.toBe(one);
  });

  it('stay what they were without an upload, and are keyed on the upload of a repeat import', () => {
    const content = rowContent('production', new Map<string, unknown>([['lot', 'L1']]));
    // rows imported before the repeat option keep being found: the plain eventID did not change
    expect(importedEventId('key-1', 'tpl', content, 1)).toBe('urn:uuid:9eecedf7-a66a-8037-b9b3-817f2cedfd23');
    const repeated = importedEventId('key-1', 'tpl', content, 1, 'import-a');
    expect(repeated).not.toBe(importedEventId('key-1', 'tpl', content, 1));
    expect(importedEventId('key-1', 'tpl', content, 1, 'import-a')).toBe(repeated);
    expect(importedEventId('key-1', 'tpl', content, 1, 'import-b')).not.toBe(repeated);
    expect(repeated).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('compare numbers as a spreadsheet shows them (15 significant digits)', () => {
    const of = (weight: number) =>
      rowContent('production', new Map<string, unknown>([['weight', { value: weight, unit: 'KGM' }]]));
    expect(of(12.499999999999998)).toBe(of(12.5));
    expect(of(12.4999)).not.toBe(of(12.5));
  });
});

describe.each(backends())('importing rows again on %s', (backend) => {
  const ctx = useApp(backend);
  let a: { authorization: string };
  let b: { authorization: string };
  let template: string;
  beforeAll(async () => {
    template = `again-${unique()}`;
    await installTestTemplate(ctx.database, testTemplate(template));
    a = await ctx.key(['capture', 'query'], enterpriseA);
    b = await ctx.key(['capture', 'query'], enterpriseB);
  });

  const workbookOf = (rows: Row[]) => productionWorkbook(ctx.app, template, rows);

  async function eventsOf(lot: string): Promise<{ event_id: string; owner_enterprise: string }[]> {
    const { rows } = await sql<{ event_id: string; owner_enterprise: string }>`
      SELECT e.event_id, e.owner_enterprise FROM events e
      WHERE e.doc->'epcList'->>0 = ${`urn:suyuan:lot:${lot}`} ORDER BY e.event_id`.execute(ctx.database.db);
    return rows;
  }

  it('stores nothing new when the same workbook is imported again, and says so', async () => {
    const lots = [1, 2, 3].map((n) => `LOT-${unique()}${n}`);
    const file = await workbookOf(lots.map((lot) => row(lot)));
    const first = await upload(ctx.app, a, file, { fileName: 'june.xlsx' });
    expect(first.report?.rows).toMatchObject({ total: 3, stored: 3, alreadyImported: 0 });
    const before = await eventCount(ctx.database);

    const again = await upload(ctx.app, a, file, { fileName: 'june.xlsx' });
    expect(again.report?.status).toBe('succeeded');
    expect(again.report?.errors).toEqual([]);
    expect(again.report?.rows).toMatchObject({ total: 3, stored: 0, invalid: 0, alreadyImported: 3 });
    expect(await eventCount(ctx.database)).toBe(before);
    expect(await eventsOf(lots[0] as string)).toHaveLength(1);

    // the list of imports and the command line say it too
    const list = await ctx.app.inject({ method: 'GET', url: '/api/imports', headers: a });
    const listed = list.json().find((i: { id: string }) => i.id === again.report?.id);
    expect(listed.rows.alreadyImported).toBe(3);
    const stored = await findImport(ctx.database.db, again.report?.id as string);
    expect(formatReport(importView(stored as NonNullable<typeof stored>), [])).toContain(
      '0 stored, 3 already imported',
    );
  });

  it('stores only the new rows of a workbook that overlaps an earlier one', async () => {
    const lots = [1, 2, 3, 4].map((n) => `LOT-${unique()}${n}`);
    await upload(ctx.app, a, await workbookOf(lots.slice(0, 2).map((lot) => row(lot))));
    const before = await eventCount(ctx.database);
    const { report } = await upload(ctx.app, a, await workbookOf(lots.map((lot) => row(lot))));
    expect(report?.status).toBe('succeeded');
    expect(report?.rows).toMatchObject({ total: 4, stored: 2, alreadyImported: 2 });
    expect(await eventCount(ctx.database)).toBe(before + 2);
    for (const lot of lots) expect(await eventsOf(lot)).toHaveLength(1);
  });

  it('keeps equal rows of one file as separate events, and counts them on the next import', async () => {
    // two equal sales or harvests in one file are two events (docs/decisions.md)
    const lot = `LOT-${unique()}`;
    const twice = await upload(ctx.app, a, await workbookOf([row(lot), row(lot)]));
    expect(twice.report?.rows).toMatchObject({ stored: 2, alreadyImported: 0 });
    expect(await eventsOf(lot)).toHaveLength(2);
    const thrice = await upload(ctx.app, a, await workbookOf([row(lot), row(lot), row(lot)]));
    expect(thrice.report?.rows).toMatchObject({ total: 3, stored: 1, alreadyImported: 2 });
    expect(await eventsOf(lot)).toHaveLength(3);
  });

  it('recognises the same rows written another way (a CSV of the workbook’s rows)', async () => {
    const lot = `LOT-${unique()}`;
    await upload(ctx.app, a, await workbookOf([row(lot, 12.5, '一级')]));
    const csv = `Lot code,Production date,Best before,Net weight,Grade\n${lot},2026/06/01,2027年6月1日,12.5 KGM,Grade A\n`;
    const { report } = await upload(
      ctx.app,
      a,
      Buffer.from(csv),
      { template, cte: 'production' },
      'text/csv',
    );
    expect(report?.rows).toMatchObject({ total: 1, stored: 0, alreadyImported: 1 });
    // a different value is a different row
    const heavier = await upload(ctx.app, a, await workbookOf([row(lot, 13, '一级')]));
    expect(heavier.report?.rows).toMatchObject({ stored: 1, alreadyImported: 0 });
  });

  it('keys eventIDs with a secret per enterprise that requests cannot read', async () => {
    const keyA = await importKey(ctx.database.db, enterpriseA);
    expect(await importKey(ctx.database.db, enterpriseA)).toBe(keyA);
    expect(await importKey(ctx.database.db, enterpriseB)).not.toBe(keyA);
    const seen = await asPrincipal(
      ctx.database,
      { id: 'apikey:probe', kind: 'apikey', scopes: new Set(['query', 'admin']), enterprise: enterpriseA },
      async (trx) => (await sql<{ n: string }>`SELECT count(*) AS n FROM import_keys`.execute(trx)).rows,
    );
    expect(seen).toEqual([{ n: '0' }]);
  });

  it('does not take another enterprise’s event with the same eventID for its own earlier import', async () => {
    const lot = `LOT-${unique()}`;
    const file = await workbookOf([row(lot)]);
    const first = await upload(ctx.app, a, file);
    expect(first.report?.rows).toMatchObject({ stored: 1 });
    const [mine] = await eventsOf(lot);
    // as if enterprise B had captured an event of its own under that eventID first
    await sql`UPDATE events SET owner_enterprise = ${enterpriseB}, doc = jsonb_set(doc, '{bizStep}', '"inspecting"')
      WHERE event_id = ${mine?.event_id as string}`.execute(ctx.database.db);
    const again = await upload(ctx.app, a, file);
    expect(again.report?.rows).toMatchObject({ stored: 0, alreadyImported: 0 });
    expect(again.report?.status).toBe('failed');
    expect(JSON.stringify(again.report?.errors)).toMatch(/already used by a different event/);
  });

  if (backend === 'postgres')
    it('stores one import of an enterprise at a time: another waits for the one storing', async () => {
      const file = await workbookOf([row(`LOT-${unique()}`)]);
      const queued = await ctx.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...a, 'content-type': xlsxType },
        payload: file,
      });
      expect(queued.statusCode).toBe(202);
      const id = queued.json<{ id: string }>().id;
      // an import of enterprise A storing on another connection: it holds A's import lock
      const holder = await ctx.database.pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `suyuan-import:${enterpriseA}`,
        ]);
        let done = false;
        const running = runImport(ctx.database, id).then(() => {
          done = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(done).toBe(false);
        await holder.query('COMMIT');
        await running;
        expect(done).toBe(true);
      } finally {
        holder.release();
      }
      expect((await findImport(ctx.database.db, id))?.status).toBe('succeeded');
    });

  it('stores the same rows again for another enterprise, as its own events', async () => {
    const lot = `LOT-${unique()}`;
    const file = await workbookOf([row(lot)]);
    await upload(ctx.app, a, file);
    const { report } = await upload(ctx.app, b, file);
    expect(report?.rows).toMatchObject({ stored: 1, alreadyImported: 0 });
    const events = await eventsOf(lot);
    expect(events.map((e) => e.owner_enterprise).sort()).toEqual([enterpriseA, enterpriseB]);
    expect(events.every((e) => /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8/.test(e.event_id))).toBe(true);
  });

  it('under rollback stores nothing of an overlapping file with a bad row', async () => {
    const [old, fresh, bad] = [1, 2, 3].map((n) => `LOT-${unique()}${n}`) as [string, string, string];
    await upload(ctx.app, a, await workbookOf([row(old)]));
    const before = await eventCount(ctx.database);
    const { report } = await upload(
      ctx.app,
      a,
      await workbookOf([row(old), row(fresh), row(bad, 12.5, 'Z')]),
    );
    expect(report?.status).toBe('failed');
    expect(report?.rows).toMatchObject({ total: 3, stored: 0, invalid: 1, alreadyImported: 0 });
    expect(await eventCount(ctx.database)).toBe(before);
  });

  it('under proceed stores only the corrected rows when the error copy is uploaded again', async () => {
    const lots = [1, 2, 3].map((n) => `LOT-${unique()}${n}`);
    const file = await workbookOf([
      row(lots[0] as string),
      row(lots[1] as string, -1),
      row(lots[2] as string),
    ]);
    const first = await upload(ctx.app, a, file, { mode: 'proceed' });
    expect(first.report?.rows).toMatchObject({ stored: 2, invalid: 1 });
    const copy = await ctx.app.inject({
      method: 'GET',
      url: `/api/imports/${first.report?.id}/errors.xlsx`,
      headers: a,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(copy.rawPayload as unknown as ArrayBuffer);
    (workbook.getWorksheet('生产') as ExcelJS.Worksheet).getCell('D4').value = 2;
    const before = await eventCount(ctx.database);
    const { report } = await upload(ctx.app, a, await toBuffer(workbook), { mode: 'proceed' });
    expect(report?.status).toBe('succeeded');
    expect(report?.rows).toMatchObject({ total: 3, stored: 1, invalid: 0, alreadyImported: 2 });
    expect(await eventCount(ctx.database)).toBe(before + 1);
  });

  it('under proceed succeeds when the only good rows were imported before', async () => {
    const lot = `LOT-${unique()}`;
    await upload(ctx.app, a, await workbookOf([row(lot)]));
    const { report } = await upload(ctx.app, a, await workbookOf([row(lot), row(`LOT-${unique()}`, 'x')]), {
      mode: 'proceed',
    });
    expect(report?.status).toBe('succeeded');
    expect(report?.rows).toMatchObject({ total: 2, stored: 0, invalid: 1, alreadyImported: 1 });
    expect(report?.errors).toMatchObject([{ row: 4, column: 'D' }]);
  });
});
