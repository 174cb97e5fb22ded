import ExcelJS from 'exceljs';
import type { RowRun } from './already-imported.js';
import { alreadyImportedNote, errorsHeader, statusHeader } from './columns.js';
import { csvGrid, loadWorkbook } from './grid.js';
import { findHeaderRow, type ImportIssue } from './read.js';

const badFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const alreadyFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A CSV upload as a one-sheet workbook (sheet "CSV", as its issues name it). */
function csvWorkbook(file: Buffer): ExcelJS.Workbook {
  const grid = csvGrid(file);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(grid.name);
  for (let r = 1; r <= grid.rowCount; r++) {
    for (let c = 1; c <= grid.columnCount; c++) {
      const value = grid.cell(r, c);
      if (value !== null) sheet.getCell(r, c).value = value;
    }
  }
  return workbook;
}

/** Adds a column after the last one, its header on the header row; returns its number. */
function addColumn(sheet: ExcelJS.Worksheet, headerRow: number, header: string, color: string): number {
  const column = sheet.columnCount + 1;
  const head = sheet.getCell(headerRow, column);
  head.value = header;
  head.font = { bold: true, color: { argb: color } };
  return column;
}

const headerRowOf = (sheet: ExcelJS.Worksheet): number =>
  findHeaderRow({
    rowCount: sheet.rowCount,
    columnCount: sheet.columnCount,
    cell: (r, c) => sheet.findCell(r, c)?.value ?? null,
  });

/** The error column of one sheet: one line per problem, naming the cell (C5) and its header. */
function markIssues(sheet: ExcelJS.Worksheet, headerRow: number, list: ImportIssue[]): void {
  const errorColumn = addColumn(sheet, headerRow, errorsHeader, 'FFC00000');
  const head = sheet.getCell(headerRow, errorColumn);
  sheet.getColumn(errorColumn).width = 80;
  const lines = new Map<number, string[]>();
  for (const issue of list) {
    const where = issue.column
      ? `${issue.column}${issue.row}${issue.header ? ` ${issue.header}` : ''}`
      : `第 ${issue.row} 行`;
    const text = `${where}: ${issue.message}`;
    const row = issue.row;
    lines.set(row, [...(lines.get(row) ?? []), text]);
    if (issue.column) sheet.getCell(`${issue.column}${row}`).fill = badFill;
  }
  for (const [row, texts] of lines) {
    const cell = row === headerRow ? head : sheet.getCell(row, errorColumn);
    cell.value = row === headerRow ? [errorsHeader, ...texts].join('\n') : texts.join('\n');
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = { color: { argb: 'FFC00000' } };
  }
}

/** The status column of one sheet: the rows taken as already imported, not stored again. */
function markAlreadyImported(sheet: ExcelJS.Worksheet, headerRow: number, runs: RowRun[]): void {
  const statusColumn = addColumn(sheet, headerRow, statusHeader, 'FF1F4E79');
  sheet.getColumn(statusColumn).width = 40;
  for (const run of runs) {
    for (let row = run.from; row <= run.to; row++) {
      const cell = sheet.getCell(row, statusColumn);
      cell.value = alreadyImportedNote;
      cell.fill = alreadyFill;
      cell.font = { color: { argb: 'FF1F4E79' } };
    }
  }
}

/**
 * A copy of the uploaded file with the outcome of its rows. On each sheet that had problems, an
 * error column: one line per problem, naming the cell (C5) and its header; bad cells are shaded.
 * On each sheet with rows taken as already imported, a status column after it marking those rows
 * (已导入过，未重复保存). With the problems corrected the copy can be uploaded again (both columns
 * are ignored on import; the rows already imported are found so again).
 */
export async function errorsWorkbook(
  format: 'xlsx' | 'csv',
  file: Buffer,
  issues: ImportIssue[],
  alreadyImported: RowRun[] = [],
): Promise<Buffer> {
  const workbook = format === 'csv' ? csvWorkbook(file) : await loadWorkbook(file);
  const bySheet = new Map<string, { issues: ImportIssue[]; runs: RowRun[] }>();
  const of = (name: string) => {
    const entry = bySheet.get(name) ?? { issues: [], runs: [] };
    bySheet.set(name, entry);
    return entry;
  };
  for (const issue of issues) of(issue.sheet).issues.push(issue);
  for (const run of alreadyImported) of(run.sheet).runs.push(run);
  for (const [name, entry] of bySheet) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) continue;
    const headerRow = headerRowOf(sheet);
    if (entry.issues.length > 0) markIssues(sheet, headerRow, entry.issues);
    if (entry.runs.length > 0) markAlreadyImported(sheet, headerRow, entry.runs);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
