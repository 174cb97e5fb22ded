import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Template } from '../templates/model.js';
import { insertTemplate } from '../templates/repository.js';
import { drainImports } from './job.js';
import { xlsxType } from './routes.js';
import { testTemplate } from './sample-template.js';

export { testTemplate };

export async function installTestTemplate(database: Database, template = testTemplate()): Promise<Template> {
  await insertTemplate(database.db, template, 'test');
  return template;
}

export async function eventCount(database: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(database.db);
  return rows[0]?.n ?? 0;
}

/** Downloads the template's workbook through the API. */
export async function downloadWorkbook(app: FastifyInstance, template: string, cte = 'all', lang = 'zh') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/templates/${template}/${cte}/workbook.xlsx?lang=${lang}`,
  });
  if (response.statusCode !== 200) throw new Error(`workbook: ${response.statusCode} ${response.body}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A downloaded production workbook with these rows from row 3 (row 2 is the example). */
export async function productionWorkbook(
  app: FastifyInstance,
  template: string,
  rows: ExcelJS.CellValue[][],
): Promise<Buffer> {
  const workbook = await downloadWorkbook(app, template, 'production');
  const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
  rows.forEach((values, i) => {
    sheet.getRow(3 + i).values = values;
  });
  return toBuffer(workbook);
}

/** Uploads a file, runs the queued import job, and returns the POST response and the final report. */
export async function upload(
  app: FastifyInstance,
  headers: Record<string, string>,
  file: Buffer,
  query: Record<string, string> = {},
  contentType = xlsxType,
) {
  const qs = new URLSearchParams(query).toString();
  const response = await app.inject({
    method: 'POST',
    url: `/api/imports${qs ? `?${qs}` : ''}`,
    headers: { ...headers, 'content-type': contentType },
    payload: file,
  });
  if (response.statusCode !== 202) return { response, report: undefined };
  await drainImports(app);
  const id = response.json<{ id: string }>().id;
  const report = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers });
  return { response, report: report.json<ImportReport>() };
}

export interface ImportReport {
  id: string;
  status: string;
  problem: string | null;
  repeat: boolean;
  rows: {
    total: number | null;
    checked: number;
    stored: number;
    skipped: number;
    invalid: number;
    alreadyImported: number;
  };
  errorCount: number;
  errors: { sheet: string; row: number; column?: string; header?: string; field?: string; message: string }[];
  alreadyImportedRows: { sheet: string; row: number }[];
}
