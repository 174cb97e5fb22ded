import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';

/** A raw cell as ExcelJS gives it (CSV cells are strings). */
export type RawCell = ExcelJS.CellValue;

/** One sheet of an uploaded file, whatever its format. Rows and columns count from 1. */
export interface Grid {
  name: string;
  rowCount: number;
  columnCount: number;
  cell(row: number, column: number): RawCell;
  /** Merged ranges (Excel only). */
  merges: { top: number; left: number; bottom: number; right: number; range: string }[];
}

/**
 * A problem with the whole file: nothing in it is imported. `pointer` names what is at fault, as
 * the upload's problem+json does: `file`, a sheet (`file/生产`), a row of a sheet (`file/生产/1`),
 * or the query parameter (`template`, `cte`) that does not fit the file.
 */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly pointer = 'file',
  ) {
    super(message);
  }
}

/** A sheet, or a row of it, as a FileProblem pointer (RFC 6901 escaping of the sheet name). */
export function filePointer(sheet: string, row?: number): string {
  const name = sheet.replace(/~/g, '~0').replace(/\//g, '~1');
  return row === undefined ? `file/${name}` : `file/${name}/${row}`;
}

/**
 * The most a workbook may unpack to before the job loads it: a 200,000-row workbook of the import
 * benchmark unpacks to ~62 MB; ExcelJS needs several times the unpacked size in memory, so more
 * than this is refused rather than loaded (a zip bomb fits in the 50 MiB upload limit).
 */
export const maxUnpackedBytes = 512 * 1024 * 1024;

/**
 * Inflates every part once, keeping nothing, and refuses a workbook that unpacks beyond `max`:
 * sizes are counted as inflated, not taken from the zip's directory, which can say anything.
 */
export function checkUnpackedSize(file: Buffer, max = maxUnpackedBytes): void {
  let total = 0;
  const unzip = new Unzip((part) => {
    part.ondata = (error, data) => {
      if (!error) total += data.length;
    };
    part.start();
  });
  unzip.register(UnzipInflate);
  const chunk = 64 * 1024;
  try {
    for (let at = 0; at < file.length && total <= max; at += chunk)
      unzip.push(file.subarray(at, at + chunk), at + chunk >= file.length);
  } catch {
    // a damaged zip: ExcelJS says what it cannot read
  }
  if (total > max)
    throw new FileProblem(
      `工作簿过大，无法读取 (the workbook cannot be read: it unpacks to more than ${Math.round(max / 1024 / 1024)} MB)`,
    );
}

export async function loadWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  if (file.subarray(0, 2).toString('latin1') !== 'PK')
    throw new FileProblem(
      '这不是 .xlsx 工作簿 (the file is not an .xlsx workbook; old .xls files must be saved as .xlsx first)',
    );
  checkUnpackedSize(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw new FileProblem(`工作簿无法读取 (the workbook cannot be read): ${(error as Error).message}`);
  }
  return workbook;
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  range: string;
}

export function worksheetGrid(sheet: ExcelJS.Worksheet): Grid {
  // ExcelJS keeps merges in a private map; there is no public accessor but `model`, which would
  // serialise every row.
  const merges = Object.values(
    (sheet as unknown as { _merges: Record<string, MergeRange | undefined> })._merges,
  )
    .filter((m): m is MergeRange => Boolean(m))
    .map(({ top, left, bottom, right, range }) => ({ top, left, bottom, right, range }));
  return {
    name: sheet.name,
    rowCount: sheet.actualRowCount === 0 ? 0 : sheet.rowCount,
    columnCount: sheet.columnCount,
    cell: (row, column) => sheet.findCell(row, column)?.value ?? null,
    merges,
  };
}

/** UTF-8 (with or without BOM); files saved by Excel on Chinese Windows are GB 18030. */
function decode(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** The CSV file as a grid; `maxRows` reads only the first rows (to find its header). */
export function csvGrid(file: Buffer, name = 'CSV', maxRows?: number): Grid {
  const content = decode(file);
  // Comma unless the header line has none but tabs or semicolons (European Excel's CSV).
  const firstLine = content.slice(0, content.search(/\r?\n|$/));
  const delimiter = firstLine.includes(',')
    ? ','
    : firstLine.includes('\t')
      ? '\t'
      : firstLine.includes(';')
        ? ';'
        : ',';
  let records: string[][];
  try {
    records = parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      delimiter,
      ...(maxRows ? { to_line: maxRows } : {}),
    }) as string[][];
  } catch (error) {
    throw new FileProblem(`CSV 文件无法解析 (the CSV file cannot be parsed): ${(error as Error).message}`);
  }
  const columnCount = records.reduce((n, r) => Math.max(n, r.length), 0);
  return {
    name,
    rowCount: records.length,
    columnCount,
    cell: (row, column) => {
      const value = records[row - 1]?.[column - 1];
      return value === undefined || value === '' ? null : value;
    },
    merges: [],
  };
}
