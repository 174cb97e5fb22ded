import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { getTemplate } from '../templates/engine.js';
import { parseTemplateRef, type Template, type TemplateCte, templateRef } from '../templates/model.js';
import { fieldForHeader, isAddedColumn, listsSheet, markerSheet, normaliseHeader } from './columns.js';
import { cellText } from './convert.js';
import { csvGrid, FileProblem, filePointer, type Grid, loadWorkbook, worksheetGrid } from './grid.js';
import { type Outline, workbookOutline } from './outline.js';
import { findHeaderRow, readMarker } from './read.js';

/** What an upload holds: the template it follows and, per CTE, the sheet with its rows. */
export interface Resolved {
  template: Template;
  sheets: { grid: Grid; cte: TemplateCte; example?: { row: number; values: string[] } }[];
}

/** The template of an upload and, per CTE, the name of its sheet. */
export interface Identified {
  template: Template;
  sheets: { name: string; cte: TemplateCte; example?: { row: number; values: string[] } }[];
}

export interface Upload {
  format: 'xlsx' | 'csv';
  file: Buffer;
  template: string | null;
  templateVersion: number | null;
  cte: string | null;
}

async function templateOrProblem(
  db: Kysely<DB>,
  id: string,
  version: number | undefined,
  pointer: string,
): Promise<Template> {
  const template = await getTemplate(db, id, version);
  if (!template)
    throw new FileProblem(`模板 ${id}${version ? `@${version}` : ''} 不存在 (unknown template)`, pointer);
  return template;
}

function cteOrProblem(template: Template, id: string, pointer: string): TemplateCte {
  const cte = template.ctes.find((c) => c.id === id);
  if (!cte)
    throw new FileProblem(
      `模板 ${templateRef(template)} 没有环节 ${id} (no CTE ${id}; it has ${template.ctes.map((c) => c.id).join(', ')})`,
      pointer,
    );
  return cte;
}

/** The header cells of a sheet's first rows (the columns errors.xlsx adds left out). */
function headersOf(grid: Grid): { row: number; headers: string[] } {
  const row = findHeaderRow(grid);
  const headers: string[] = [];
  for (let c = 1; c <= grid.columnCount; c++) {
    const header = cellText(grid.cell(row, c));
    if (header !== '' && !isAddedColumn(header)) headers.push(header);
  }
  return { row, headers };
}

const namesFields = (grid: Grid, cte: TemplateCte): boolean =>
  headersOf(grid).headers.some((h) => fieldForHeader(cte, h));

/**
 * A sheet is of a CTE when its header row names at least one of the CTE's fields. Single unknown
 * columns are the rows' business (reported per column by the job); a header row that names none is
 * a sheet of another template or CTE, or no header at all. An empty sheet has nothing to import.
 */
function checkHeader(grid: Grid, cte: TemplateCte): void {
  const { row, headers } = headersOf(grid);
  if (headers.length === 0 || headers.some((h) => fieldForHeader(cte, h))) return;
  const shown = headers.slice(0, 8).join('、') + (headers.length > 8 ? '…' : '');
  throw new FileProblem(
    `工作表“${grid.name}”第 ${row} 行不是“${cte.label.zh}”的表头 (row ${row} of the sheet "${grid.name}" names no field of ${cte.id}: found ${shown}; expected ${cte.fields.map((f) => f.label.zh).join('、')})`,
    filePointer(grid.name, row),
  );
}

function sheetMatches(name: string, cte: TemplateCte): boolean {
  const wanted = normaliseHeader(name);
  return [cte.id, cte.label.zh, cte.label.en].some(
    (n) => normaliseHeader(n).slice(0, 28) === wanted.slice(0, 28),
  );
}

/**
 * Finds the template and the sheets of an upload from its outline, and checks that each sheet's
 * header is one of its CTE. A suyuan workbook names its template in the hidden marker: a workbook
 * of another template or CTE than the one asked for is refused. Other workbooks and CSV files need
 * the template and CTE given with the upload. Throws a FileProblem naming what is at fault. Run at
 * upload (on the outline read from the zip) and again by the job (on the loaded workbook).
 */
export async function identifyUpload(
  db: Kysely<DB>,
  outline: Outline,
  asked: Omit<Upload, 'format' | 'file'>,
): Promise<Identified> {
  const askedCte = asked.cte && asked.cte !== 'all' ? asked.cte : undefined;
  const askedVersion = asked.templateVersion ?? undefined;
  if (outline.format === 'csv') {
    if (!asked.template || !askedCte)
      throw new FileProblem(
        'CSV 需要指定模板和环节 (a CSV needs template and cte)',
        asked.template ? 'cte' : 'template',
      );
    const template = await templateOrProblem(db, asked.template, askedVersion, 'template');
    const cte = cteOrProblem(template, askedCte, 'cte');
    const grid = outline.head(outline.sheets[0]?.name ?? '') as Grid;
    checkHeader(grid, cte);
    return { template, sheets: [{ name: grid.name, cte }] };
  }
  const marker = outline.marker ? readMarker(outline.marker) : undefined;
  if (marker) {
    const ref = parseTemplateRef(marker.template);
    if (asked.template && (asked.template !== ref.id || (askedVersion && askedVersion !== ref.version))) {
      const name = `${asked.template}${askedVersion ? `@${askedVersion}` : ''}`;
      throw new FileProblem(
        `这个工作簿是模板 ${marker.template} 的，不是 ${name} (this workbook was made for template ${marker.template}, not ${name}; download the workbook of ${name})`,
        'template',
      );
    }
    if (askedCte && marker.cte !== 'all' && marker.cte !== askedCte) {
      throw new FileProblem(
        `这个工作簿是环节 ${marker.cte} 的，不是 ${askedCte} (this workbook was made for the CTE ${marker.cte}, not ${askedCte})`,
        'cte',
      );
    }
    const template = await templateOrProblem(db, ref.id, ref.version, filePointer(markerSheet));
    const sheets: Identified['sheets'] = [];
    for (const entry of marker.sheets) {
      if (askedCte && entry.cte !== askedCte) continue;
      const grid = outline.head(entry.name);
      if (!grid)
        throw new FileProblem(
          `找不到工作表“${entry.name}” (the sheet "${entry.name}" is missing; was it renamed?)`,
          filePointer(entry.name),
        );
      const cte = cteOrProblem(template, entry.cte, filePointer(markerSheet));
      checkHeader(grid, cte);
      sheets.push({ name: entry.name, cte, example: { row: marker.exampleRow, values: entry.example } });
    }
    if (sheets.length === 0)
      throw new FileProblem(`工作簿中没有环节 ${askedCte} 的工作表 (no sheet for ${askedCte})`, 'cte');
    return { template, sheets };
  }
  if (!asked.template)
    throw new FileProblem(
      '这不是从本平台下载的工作簿，请指定模板和环节 (not a suyuan workbook: give the template and cte it follows)',
      'template',
    );
  const template = await templateOrProblem(db, asked.template, askedVersion, 'template');
  const visible = outline.sheets
    .filter((s) => s.visible && s.name !== markerSheet && s.name !== listsSheet)
    .map((s) => outline.head(s.name) as Grid);
  if (askedCte) {
    const cte = cteOrProblem(template, askedCte, 'cte');
    // the sheet named after the CTE, else the first whose header names its fields, else the first
    const grid =
      visible.find((g) => sheetMatches(g.name, cte)) ??
      visible.find((g) => namesFields(g, cte)) ??
      visible[0];
    if (!grid) throw new FileProblem('工作簿中没有工作表 (the workbook has no visible sheet)');
    checkHeader(grid, cte);
    return { template, sheets: [{ name: grid.name, cte }] };
  }
  const sheets = template.ctes.flatMap((cte) => {
    const grid = visible.find((g) => sheetMatches(g.name, cte));
    return grid ? [{ name: grid.name, cte, grid }] : [];
  });
  if (sheets.length === 0)
    throw new FileProblem(
      `没有与环节同名的工作表 (no sheet is named after a CTE of ${templateRef(template)}: ${template.ctes.map((c) => c.label.zh).join('、')}; rename the sheets, or give cte)`,
    );
  for (const { grid, cte } of sheets) checkHeader(grid, cte);
  return { template, sheets: sheets.map(({ name, cte }) => ({ name, cte })) };
}

/** The job's reading of an upload: identifies it on the loaded workbook and returns its sheets. */
export async function resolveUpload(db: Kysely<DB>, upload: Upload): Promise<Resolved> {
  if (upload.format === 'csv') {
    const grid = csvGrid(upload.file);
    const outline: Outline = {
      format: 'csv',
      sheets: [{ name: grid.name, visible: true }],
      head: () => grid,
    };
    const { template, sheets } = await identifyUpload(db, outline, upload);
    return { template, sheets: sheets.map((s) => ({ ...s, grid })) };
  }
  const workbook = await loadWorkbook(upload.file);
  const { template, sheets } = await identifyUpload(db, workbookOutline(workbook), upload);
  return {
    template,
    sheets: sheets.map(({ name, ...s }) => ({
      ...s,
      grid: worksheetGrid(workbook.getWorksheet(name) as ExcelJS.Worksheet),
    })),
  };
}
