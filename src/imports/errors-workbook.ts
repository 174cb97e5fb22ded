import ExcelJS from 'exceljs';
import { errorsHeader } from './columns.js';
import { csvGrid, loadWorkbook } from './grid.js';
import { findHeaderRow, type ImportIssue } from './read.js';

const badFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

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

/**
 * A copy of the uploaded file with an error column on each sheet that had problems: one line per
 * problem, naming the cell (C5) and its header; bad cells are shaded. With the problems corrected
 * the copy can be uploaded again (the error column is ignored on import).
 */
export async function errorsWorkbook(
  format: 'xlsx' | 'csv',
  file: Buffer,
  issues: ImportIssue[],
): Promise<Buffer> {
  const workbook = format === 'csv' ? csvWorkbook(file) : await loadWorkbook(file);
  const bySheet = new Map<string, ImportIssue[]>();
  for (const issue of issues) {
    const list = bySheet.get(issue.sheet) ?? [];
    list.push(issue);
    bySheet.set(issue.sheet, list);
  }
  for (const [name, list] of bySheet) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) continue;
    const headerRow = findHeaderRow({
      rowCount: sheet.rowCount,
      columnCount: sheet.columnCount,
      cell: (r, c) => sheet.findCell(r, c)?.value ?? null,
    });
    const errorColumn = sheet.columnCount + 1;
    const head = sheet.getCell(headerRow, errorColumn);
    head.value = errorsHeader;
    head.font = { bold: true, color: { argb: 'FFC00000' } };
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
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
