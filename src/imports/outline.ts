import type ExcelJS from 'exceljs';
import { markerSheet } from './columns.js';
import { csvGrid, FileProblem, type Grid, worksheetGrid } from './grid.js';
import {
  type RawSheet,
  RelationshipReader,
  RowReader,
  readWhole,
  SharedStringReader,
  SheetListReader,
} from './outline-xml.js';
import { Budget, maxOutlineBytes, readParts, unzipParts } from './outline-zip.js';

export { maxOutlineBytes };

/**
 * What tells which template an upload follows, without its rows: the sheets, the hidden marker
 * sheet and the first rows of each sheet (the header is among the first ten). The upload route
 * reads it from the zip directly — a few kilobytes of a workbook of any size — so a workbook of
 * the wrong template is refused before a job is queued; the job reads the same from the loaded
 * workbook, so both apply one set of rules (sheets.ts).
 */
export interface Outline {
  format: 'xlsx' | 'csv';
  /** In workbook order. */
  sheets: { name: string; visible: boolean }[];
  /** The marker sheet, when the workbook has one. */
  marker?: Grid;
  /** At least the first ten rows of a sheet; undefined when there is no such sheet. */
  head(name: string): Grid | undefined;
}

/** Rows read of each sheet: findHeaderRow looks at the first ten. */
export const headRows = 10;
/** The marker sheet is read whole: a few rows per CTE. */
const markerRows = 1000;

export function csvOutline(file: Buffer): Outline {
  const grid = csvGrid(file, 'CSV', headRows);
  return {
    format: 'csv',
    sheets: [{ name: grid.name, visible: true }],
    head: (n) => (n === grid.name ? grid : undefined),
  };
}

/** The outline of a workbook ExcelJS has loaded (the job's view). */
export function workbookOutline(workbook: ExcelJS.Workbook): Outline {
  const marker = workbook.getWorksheet(markerSheet);
  return {
    format: 'xlsx',
    sheets: workbook.worksheets.map((s) => ({ name: s.name, visible: (s.state ?? 'visible') === 'visible' })),
    ...(marker ? { marker: worksheetGrid(marker) } : {}),
    head: (name) => {
      const sheet = workbook.getWorksheet(name);
      return sheet ? worksheetGrid(sheet) : undefined;
    },
  };
}

function gridOf(name: string, sheet: RawSheet, strings: Map<number, string>): Grid {
  let rowCount = 0;
  let columnCount = 0;
  for (const [r, cells] of sheet.rows) {
    if (cells.size === 0) continue;
    rowCount = Math.max(rowCount, r);
    for (const c of cells.keys()) columnCount = Math.max(columnCount, c);
  }
  return {
    name,
    rowCount,
    columnCount,
    cell: (r, c) => {
      const cell = sheet.rows.get(r)?.get(c);
      if (!cell) return null;
      return 'shared' in cell ? (strings.get(cell.shared) ?? null) : cell.value;
    },
    merges: [],
  };
}

/**
 * The outline of an .xlsx upload, read from the zip without loading the workbook, inflating at most
 * `max` bytes of XML in all.
 */
export async function readOutline(file: Buffer, max = maxOutlineBytes): Promise<Outline> {
  const budget = new Budget(max);
  const bookPart = 'xl/workbook.xml';
  const relsPart = 'xl/_rels/workbook.xml.rels';
  const sharedPart = 'xl/sharedStrings.xml';
  const { names, parts } = unzipParts(file, (name) => name === bookPart || name === relsPart, budget);
  const book = parts[bookPart];
  if (!book)
    throw new FileProblem('这不是 .xlsx 工作簿 (the file is a zip archive but not an .xlsx workbook)');
  const rels = parts[relsPart];
  const targets = rels
    ? readWhole(new RelationshipReader(relsPart), rels).targets
    : new Map<string, string>();
  const found: { name: string; visible: boolean; part: string | undefined }[] = [];
  const limits = new Map<string, number>();
  for (const a of readWhole(new SheetListReader(bookPart), book).sheets) {
    const name = a.get('name');
    if (!name) continue;
    const target = targets.get(a.get('id') ?? '');
    const part = target !== undefined && names.has(target) ? target : undefined;
    if (part) limits.set(part, Math.max(limits.get(part) ?? 0, name === markerSheet ? markerRows : headRows));
    found.push({ name, visible: (a.get('state') ?? 'visible') === 'visible', part });
  }
  const rows = readParts(
    file,
    new Map([...limits].map(([part, limit]) => [part, () => new RowReader(part, limit, budget)] as const)),
    budget,
  );
  const sheets = found.map(({ name, visible, part }) => {
    const raw: RawSheet = (part ? rows.get(part)?.sheet() : undefined) ?? { rows: new Map() };
    return { name, visible, raw };
  });
  const wanted = new Set<number>();
  for (const sheet of sheets)
    for (const cells of sheet.raw.rows.values())
      for (const cell of cells.values())
        if ('shared' in cell && Number.isInteger(cell.shared) && cell.shared >= 0) wanted.add(cell.shared);
  const strings =
    names.has(sharedPart) && wanted.size > 0
      ? (readParts(
          file,
          new Map([[sharedPart, () => new SharedStringReader(sharedPart, wanted)]]),
          budget,
        ).get(sharedPart)?.found ?? new Map<number, string>())
      : new Map<number, string>();
  const grids = new Map(sheets.map((s) => [s.name, gridOf(s.name, s.raw, strings)]));
  const marker = grids.get(markerSheet);
  return {
    format: 'xlsx',
    sheets: sheets.map(({ name, visible }) => ({ name, visible })),
    ...(marker ? { marker } : {}),
    head: (name) => grids.get(name),
  };
}
