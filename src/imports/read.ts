import type { FieldValue, TemplateCte, TemplateField } from '../templates/model.js';
import {
  columnLetter,
  exampleRow as defaultExampleRow,
  fieldForHeader,
  isAddedColumn,
  markerTag,
} from './columns.js';
import { cellText, convertCell } from './convert.js';
import type { Grid } from './grid.js';

/** One problem in the file, named as a person sees it in Excel. */
export interface ImportIssue {
  sheet: string;
  /** Spreadsheet row number (1 = header). */
  row: number;
  /** Column letter, when the problem is in one cell. */
  column?: string;
  header?: string;
  field?: string;
  message: string;
}

/** What the hidden marker sheet of a suyuan workbook says. */
export interface Marker {
  template: string;
  cte: string;
  lang: string;
  exampleRow: number;
  sheets: { name: string; cte: string; example: string[] }[];
}

/** Reads the marker sheet (`_suyuan`); undefined when it is not a suyuan marker. */
export function readMarker(sheet: Grid): Marker | undefined {
  if (cellText(sheet.cell(1, 1)) !== markerTag) return undefined;
  const marker: Marker = { template: '', cte: 'all', lang: 'zh', exampleRow: defaultExampleRow, sheets: [] };
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(cellText(sheet.cell(r, c)));
    const [key, a = '', b = ''] = values;
    if (key === 'template') marker.template = a;
    else if (key === 'cte') marker.cte = a;
    else if (key === 'lang') marker.lang = a;
    else if (key === 'exampleRow') marker.exampleRow = Number(a) || defaultExampleRow;
    else if (key === 'sheet') marker.sheets.push({ name: a, cte: b, example: [] });
    else if (key === 'example') {
      const entry = marker.sheets.find((s) => s.name === a);
      if (entry) entry.example = values.slice(2);
    }
  }
  return marker.template ? marker : undefined;
}

export interface Column {
  index: number;
  letter: string;
  header: string;
  field: TemplateField;
}

export interface SheetRow {
  row: number;
  fields: Record<string, FieldValue | null>;
  /** Problems found reading the cells (conversion, merged cells). */
  issues: ImportIssue[];
}

export interface ReadSheet {
  sheet: string;
  cte: TemplateCte;
  columns: Column[];
  headerRow: number;
  rows: SheetRow[];
  /** Empty rows and the example row: not records, not errors. */
  skipped: number;
  /** Problems with the header (unknown or repeated columns). */
  issues: ImportIssue[];
}

/** The header row: the first non-empty row among the first ten. */
export function findHeaderRow(grid: Pick<Grid, 'rowCount' | 'columnCount' | 'cell'>): number {
  for (let r = 1; r <= Math.min(10, grid.rowCount); r++) {
    for (let c = 1; c <= grid.columnCount; c++) if (cellText(grid.cell(r, c)) !== '') return r;
  }
  return 1;
}

/**
 * Reads one sheet against a CTE: maps header cells to fields (zh or en label, or machine name),
 * then converts each data row. Empty rows and an unchanged example row are skipped.
 */
export function readSheet(
  grid: Grid,
  cte: TemplateCte,
  example?: { row: number; values: string[] },
): ReadSheet {
  const headerRow = findHeaderRow(grid);
  const issues: ImportIssue[] = [];
  const columns: Column[] = [];
  for (let c = 1; c <= grid.columnCount; c++) {
    const header = cellText(grid.cell(headerRow, c));
    if (header === '' || isAddedColumn(header)) continue;
    const letter = columnLetter(c);
    const field = fieldForHeader(cte, header);
    if (!field) {
      issues.push({
        sheet: grid.name,
        row: headerRow,
        column: letter,
        header,
        message: `表头“${header}”不是“${cte.label.zh}”的字段 (the header "${header}" is not a field of ${cte.id}; fields: ${cte.fields.map((f) => f.label.zh).join('、')})`,
      });
      continue;
    }
    const twice = columns.find((k) => k.field === field);
    if (twice) {
      issues.push({
        sheet: grid.name,
        row: headerRow,
        column: letter,
        header,
        field: field.name,
        message: `列 ${twice.letter} 和 ${letter} 都是“${field.label.zh}” (columns ${twice.letter} and ${letter} are both ${field.name})`,
      });
      continue;
    }
    columns.push({ index: c, letter, header, field });
  }

  const merged = new Map<number, ImportIssue[]>();
  for (const m of grid.merges) {
    if (m.bottom <= headerRow) continue;
    for (let r = Math.max(m.top, headerRow + 1); r <= m.bottom; r++) {
      const list = merged.get(r) ?? [];
      list.push({
        sheet: grid.name,
        row: r,
        column: columnLetter(m.left),
        header: cellText(grid.cell(headerRow, m.left)),
        message: `单元格 ${m.range} 已合并，请取消合并并在每一行填写 (cells ${m.range} are merged; unmerge them and fill in every row)`,
      });
      merged.set(r, list);
    }
  }

  const rows: SheetRow[] = [];
  let skipped = 0;
  for (let r = headerRow + 1; r <= grid.rowCount; r++) {
    const texts = columns.map((c) => cellText(grid.cell(r, c.index)));
    if (texts.every((t) => t === '') && !merged.has(r)) {
      skipped++;
      continue;
    }
    // Compared field by field: columns may have been moved or removed since the download.
    if (
      example &&
      r === example.row &&
      columns.every((c, i) => texts[i] === (example.values[cte.fields.indexOf(c.field)] ?? ''))
    ) {
      skipped++;
      continue;
    }
    const row: SheetRow = { row: r, fields: {}, issues: [...(merged.get(r) ?? [])] };
    for (const column of columns) {
      const converted = convertCell(column.field, grid.cell(r, column.index));
      if (converted.ok) row.fields[column.field.name] = converted.value;
      else
        row.issues.push({
          sheet: grid.name,
          row: r,
          column: column.letter,
          header: column.header,
          field: column.field.name,
          message: converted.message,
        });
    }
    rows.push(row);
  }
  return { sheet: grid.name, cte, columns, headerRow, rows, skipped, issues };
}
