import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { loadConfig } from '../src/config/config.js';
import { normaliseEvent } from '../src/epcis/capture/normalise.js';
import { storeEvents } from '../src/epcis/capture/store.js';
import { importQueue } from '../src/imports/job.js';
import { xlsxType } from '../src/imports/routes.js';
import { type Progress, runImport } from '../src/imports/run.js';
import { testTemplate } from '../src/imports/sample-template.js';
import { buildWorkbook } from '../src/imports/workbook.js';
import { recordToEvent } from '../src/templates/engine.js';
import { insertTemplate } from '../src/templates/repository.js';
import { type Backend, freshDatabase } from './databases.js';
import { progress, round2 } from './report.js';

export interface ImportFigures {
  backend: Backend;
  rows: number;
  fileMB: number;
  uploadSeconds: number;
  readSeconds: number;
  checkSeconds: number;
  storeSeconds: number;
  importSeconds: number;
  rowsPerSecond: number;
  ceilingSeconds: number;
  ceilingRowsPerSecond: number;
  shareOfCeiling: number;
}

const enterprise = '91460000MA5TE00005';
const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

/** A workbook of the bench template's production CTE with `rows` filled rows (not timed). */
async function makeWorkbook(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    (await buildWorkbook(testTemplate('import-bench'), 'production', 'zh')) as unknown as ArrayBuffer,
  );
  const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
  const grades = ['一级', '二级'];
  for (let i = 0; i < rows; i++) {
    sheet.getRow(3 + i).values = [
      `LOT-B${String(i).padStart(7, '0')}`,
      day(i % 300),
      day((i % 300) + 365),
      1 + (i % 500) / 10,
      grades[i % 2] as string,
      i % 3 === 0 ? '是' : '否',
      `检验员${i % 50}`,
    ];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * POST /api/imports of an N-row workbook, then the import job as the worker runs it (read, check
 * every row with the template engine, store through storeRows in one transaction). The ceiling
 * stores the same events with storeEvents directly, in batches of 1,000 in one transaction, on a
 * fresh database: what the import costs beyond writing its events.
 */
export async function benchImport(backend: Backend, rows: number, serverUrl: string): Promise<ImportFigures> {
  const file = await makeWorkbook(rows);
  const template = testTemplate('import-bench');

  const target = await freshDatabase(backend, serverUrl);
  await insertTemplate(target.database.db, template, 'bench');
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const app = await buildApp(config, { database: target.database, worker: false });
  const { key } = await createApiKey(target.database.db, 'bench', ['capture', 'query'], enterprise);

  const t0 = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { authorization: `Bearer ${key}`, 'content-type': xlsxType },
    payload: file,
  });
  if (response.statusCode !== 202)
    throw new Error(`upload answered ${response.statusCode}: ${response.body}`);
  const t1 = performance.now();
  const [job] = await app.jobs.boss.fetch<{ id: string }>(importQueue);
  if (!job) throw new Error('no import job was queued');
  const phases: Partial<Record<Progress['phase'], number>> = {};
  const bar = progress(`${backend} import`, rows);
  let last = 0;
  await runImport(target.database, job.data.id, {
    onProgress: (p) => {
      phases[p.phase] ??= performance.now();
      const done = p.phase === 'checking' ? p.checked / 2 : rows / 2 + p.stored / 2;
      for (; last < Math.floor(done); last++) bar.increment();
    },
  });
  await app.jobs.boss.complete(importQueue, job.id);
  const t2 = performance.now();
  bar.stop();
  const report = await target.database.db
    .selectFrom('imports')
    .select(['status', 'rows_stored', 'errors', 'problem'])
    .where('id', '=', job.data.id)
    .executeTakeFirstOrThrow();
  if (report.status !== 'succeeded' || report.rows_stored !== rows)
    throw new Error(
      `import ${report.status}: ${report.rows_stored} stored, ${report.problem ?? JSON.stringify(report.errors).slice(0, 500)}`,
    );
  const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(target.database.db);
  if (stored.rows[0]?.n !== rows) throw new Error(`expected ${rows} events, found ${stored.rows[0]?.n}`);
  await app.close();
  await target.drop();

  // The ceiling: the same events, converted beforehand (not timed), stored with storeEvents.
  const ceiling = await freshDatabase(backend, serverUrl);
  await insertTemplate(ceiling.database.db, template, 'bench');
  const events = Array.from({ length: rows }, (_, i) => {
    const fields = {
      lotCode: `LOT-B${String(i).padStart(7, '0')}`,
      productionDate: day(i % 300)
        .toISOString()
        .slice(0, 10),
      expiryDate: day((i % 300) + 365)
        .toISOString()
        .slice(0, 10),
      netWeight: 1 + (i % 500) / 10,
      grade: i % 2 === 0 ? 'A' : 'B',
      organic: i % 3 === 0,
      inspector: `检验员${i % 50}`,
    };
    const made = recordToEvent(template, 'production', fields, { enterprise });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    const normalised = normaliseEvent(made.event, made.event['@context'], `/${i}`);
    if (!normalised.ok) throw new Error(JSON.stringify(normalised.issues));
    return { event: normalised.event, pointer: `/${i}` };
  });
  const c0 = performance.now();
  await ceiling.database.db.transaction().execute(async (trx) => {
    for (let start = 0; start < events.length; start += 1000) {
      await storeEvents(trx, events.slice(start, start + 1000), null, { principal: 'bench', enterprise });
    }
  });
  const ceilingSeconds = (performance.now() - c0) / 1000;
  await ceiling.drop();

  const importSeconds = (t2 - t0) / 1000;
  const checking = phases.checking ?? t1;
  const storing = phases.storing ?? checking;
  return {
    backend,
    rows,
    fileMB: round2(file.length / 1048576),
    uploadSeconds: round2((t1 - t0) / 1000),
    readSeconds: round2((checking - t1) / 1000),
    checkSeconds: round2((storing - checking) / 1000),
    storeSeconds: round2((t2 - storing) / 1000),
    importSeconds: round2(importSeconds),
    rowsPerSecond: Math.round(rows / importSeconds),
    ceilingSeconds: round2(ceilingSeconds),
    ceilingRowsPerSecond: Math.round(rows / ceilingSeconds),
    shareOfCeiling: round2(ceilingSeconds / importSeconds),
  };
}
