import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { getTemplate } from '../templates/engine.js';
import { parseTemplateRef, type Template, type TemplateCte, templateRef } from '../templates/model.js';
import { listsSheet, markerSheet, normaliseHeader } from './columns.js';
import { csvGrid, FileProblem, type Grid, loadWorkbook, worksheetGrid } from './grid.js';
import { readMarker } from './read.js';

/** What an upload holds: the template it follows and, per CTE, the sheet with its rows. */
export interface Resolved {
  template: Template;
  sheets: { grid: Grid; cte: TemplateCte; example?: { row: number; values: string[] } }[];
}

export interface Upload {
  format: 'xlsx' | 'csv';
  file: Buffer;
  template: string | null;
  templateVersion: number | null;
  cte: string | null;
}

async function templateOrProblem(db: Kysely<DB>, id: string, version?: number): Promise<Template> {
  const template = await getTemplate(db, id, version);
  if (!template) throw new FileProblem(`模板 ${id}${version ? `@${version}` : ''} 不存在 (unknown template)`);
  return template;
}

function cteOrProblem(template: Template, id: string): TemplateCte {
  const cte = template.ctes.find((c) => c.id === id);
  if (!cte)
    throw new FileProblem(
      `模板 ${templateRef(template)} 没有环节 ${id} (no CTE ${id}; it has ${template.ctes.map((c) => c.id).join(', ')})`,
    );
  return cte;
}

/**
 * Finds the template and the sheets of an upload. A suyuan workbook names its template in the
 * hidden marker: a workbook of another template or CTE than the one asked for is refused. Other
 * workbooks and CSV files need the template and CTE given with the upload.
 */
export async function resolveUpload(db: Kysely<DB>, upload: Upload): Promise<Resolved> {
  const askedCte = upload.cte && upload.cte !== 'all' ? upload.cte : undefined;
  if (upload.format === 'csv') {
    if (!upload.template || !askedCte)
      throw new FileProblem('CSV 需要指定模板和环节 (a CSV needs template and cte)');
    const template = await templateOrProblem(db, upload.template, upload.templateVersion ?? undefined);
    return { template, sheets: [{ grid: csvGrid(upload.file), cte: cteOrProblem(template, askedCte) }] };
  }
  const workbook = await loadWorkbook(upload.file);
  const marker = readMarker(workbook);
  if (marker) {
    const ref = parseTemplateRef(marker.template);
    if (
      upload.template &&
      (upload.template !== ref.id || (upload.templateVersion && upload.templateVersion !== ref.version))
    ) {
      const asked = `${upload.template}${upload.templateVersion ? `@${upload.templateVersion}` : ''}`;
      throw new FileProblem(
        `这个工作簿是模板 ${marker.template} 的，不是 ${asked} (this workbook was made for template ${marker.template}, not ${asked}; download the workbook of ${asked})`,
      );
    }
    if (askedCte && marker.cte !== 'all' && marker.cte !== askedCte) {
      throw new FileProblem(
        `这个工作簿是环节 ${marker.cte} 的，不是 ${askedCte} (this workbook was made for the CTE ${marker.cte}, not ${askedCte})`,
      );
    }
    const template = await templateOrProblem(db, ref.id, ref.version);
    const sheets: Resolved['sheets'] = [];
    for (const entry of marker.sheets) {
      if (askedCte && entry.cte !== askedCte) continue;
      const sheet = workbook.getWorksheet(entry.name);
      if (!sheet)
        throw new FileProblem(
          `找不到工作表“${entry.name}” (the sheet "${entry.name}" is missing; was it renamed?)`,
        );
      sheets.push({
        grid: worksheetGrid(sheet),
        cte: cteOrProblem(template, entry.cte),
        example: { row: marker.exampleRow, values: entry.example },
      });
    }
    if (sheets.length === 0)
      throw new FileProblem(`工作簿中没有环节 ${askedCte} 的工作表 (no sheet for ${askedCte})`);
    return { template, sheets };
  }
  if (!upload.template)
    throw new FileProblem(
      '这不是从本平台下载的工作簿，请指定模板和环节 (not a suyuan workbook: give the template and cte it follows)',
    );
  const template = await templateOrProblem(db, upload.template, upload.templateVersion ?? undefined);
  const visible = workbook.worksheets.filter(
    (s) => s.state === 'visible' && s.name !== markerSheet && s.name !== listsSheet,
  );
  if (askedCte) {
    const cte = cteOrProblem(template, askedCte);
    const sheet = visible.find((s) => sheetMatches(s, cte)) ?? visible[0];
    if (!sheet) throw new FileProblem('工作簿中没有工作表 (the workbook has no visible sheet)');
    return { template, sheets: [{ grid: worksheetGrid(sheet), cte }] };
  }
  const sheets = template.ctes.flatMap((cte) => {
    const sheet = visible.find((s) => sheetMatches(s, cte));
    return sheet ? [{ grid: worksheetGrid(sheet), cte }] : [];
  });
  if (sheets.length === 0)
    throw new FileProblem(
      `没有与环节同名的工作表 (no sheet is named after a CTE of ${templateRef(template)}: ${template.ctes.map((c) => c.label.zh).join('、')})`,
    );
  return { template, sheets };
}

function sheetMatches(sheet: ExcelJS.Worksheet, cte: TemplateCte): boolean {
  const name = normaliseHeader(sheet.name);
  return [cte.id, cte.label.zh, cte.label.en].some(
    (n) => normaliseHeader(n).slice(0, 28) === name.slice(0, 28),
  );
}
