import type ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, type Unzipped, unzipSync } from 'fflate';
import { markerSheet } from './columns.js';
import { csvGrid, FileProblem, type Grid, type RawCell, worksheetGrid } from './grid.js';

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

// Element names may carry a namespace prefix (<x:row>) in files written by some libraries.
const p = '(?:[\\w.-]+:)?';
const attributePattern = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const rowStart = new RegExp(`<${p}row\\b([^>]*)>`, 'g');
const rowPattern = new RegExp(`<${p}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}row>)`, 'g');
const cellPattern = new RegExp(`<${p}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}c>)`, 'g');
// `<t/>` is an empty element, not the start of one running to the next `</t>`.
const valuePattern = new RegExp(`<${p}v\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}v>)`);
const inlinePattern = new RegExp(`<${p}is\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}is>)`);
const textPattern = new RegExp(`<${p}t\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}t>)`, 'g');
const phoneticPattern = new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g');
const sheetDataEnd = new RegExp(`</${p}sheetData>|<${p}sheetData\\s*/>`);
const sharedPattern = new RegExp(`<${p}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}si>)`, 'g');

/** Attributes by local name (r:id → id). */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(attributePattern)) {
    const name = (m[1] as string).split(':').pop() as string;
    out.set(name, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return out;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return entities[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of a shared or inline string: its runs, without phonetic hints. */
function stringText(xml: string): string {
  let text = '';
  for (const m of xml.replace(phoneticPattern, '').matchAll(textPattern)) text += decodeXml(m[1] ?? '');
  return text;
}

/** A cell as read from the sheet: a value, or the index of a shared string to look up. */
type Cell = { value: RawCell } | { shared: number };

interface RawSheet {
  rows: Map<number, Map<number, Cell>>;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}

function cellOf(attrs: Map<string, string>, body: string): Cell | undefined {
  const type = attrs.get('t') ?? 'n';
  if (type === 'inlineStr') {
    const inline = inlinePattern.exec(body);
    return inline ? { value: stringText(inline[1] ?? '') } : undefined;
  }
  const v = valuePattern.exec(body);
  if (!v) return undefined;
  const text = decodeXml(v[1] ?? '');
  switch (type) {
    case 's':
      return { shared: Number(text) };
    case 'b':
      return { value: text === '1' || text === 'true' };
    case 'e':
      return { value: { error: text } as ExcelJS.CellErrorValue };
    case 'str':
    case 'd':
      return { value: text };
    default:
      return { value: text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text) };
  }
}

/** Takes a part's text chunk by chunk, as it is inflated. */
interface PartReader {
  /** True once it has seen enough of the part: no more is inflated. */
  take(text: string): boolean;
}

/** The first `limit` rows of a worksheet part; it has seen enough at the first row past them. */
class RowReader implements PartReader {
  private xml = '';
  private next = 0;
  private lastRow = 0;
  private cut = -1;

  constructor(private readonly limit: number) {}

  take(text: string): boolean {
    this.xml += text;
    // Row start tags from where the last chunk's search ended (a tag cut in two matches now).
    rowStart.lastIndex = this.next;
    for (let m = rowStart.exec(this.xml); m; m = rowStart.exec(this.xml)) {
      this.next = rowStart.lastIndex;
      this.lastRow = Number(attributes(m[1] ?? '').get('r')) || this.lastRow + 1;
      if (this.lastRow > this.limit) {
        this.cut = m.index;
        return true;
      }
    }
    this.cut = this.xml.search(sheetDataEnd);
    return this.cut >= 0;
  }

  sheet(): RawSheet {
    const body = this.cut >= 0 ? this.xml.slice(0, this.cut) : this.xml;
    const rows = new Map<number, Map<number, Cell>>();
    let r = 0;
    for (const row of body.matchAll(rowPattern)) {
      r = Number(attributes(row[1] ?? '').get('r')) || r + 1;
      if (r > this.limit) break;
      const cells = new Map<number, Cell>();
      let c = 0;
      for (const m of (row[2] ?? '').matchAll(cellPattern)) {
        const attrs = attributes(m[1] ?? '');
        c = columnIndex(attrs.get('r') ?? '') || c + 1;
        const cell = cellOf(attrs, m[2] ?? '');
        if (cell) cells.set(c, cell);
      }
      rows.set(r, cells);
    }
    return { rows };
  }
}

/** The shared strings at these indexes; it has seen enough after the last one wanted. */
class SharedStringReader implements PartReader {
  readonly found = new Map<number, string>();
  private xml = '';
  private index = 0;
  private readonly last: number;

  constructor(private readonly wanted: Set<number>) {
    let last = 0;
    for (const i of wanted) last = Math.max(last, i);
    this.last = last;
  }

  take(text: string): boolean {
    this.xml += text;
    let consumed = 0;
    sharedPattern.lastIndex = 0;
    for (let m = sharedPattern.exec(this.xml); m; m = sharedPattern.exec(this.xml)) {
      if (this.wanted.has(this.index)) this.found.set(this.index, stringText(m[1] ?? ''));
      consumed = sharedPattern.lastIndex;
      if (++this.index > this.last) return true;
    }
    this.xml = this.xml.slice(consumed);
    return false;
  }
}

const damaged = (why: string) =>
  new FileProblem(`工作簿无法读取 (the workbook cannot be read: the zip archive is damaged, ${why})`);

/**
 * The names of the zip's parts and the parts `wanted`, whole, read by fflate from the central
 * directory.
 */
function unzipParts(
  file: Buffer,
  wanted: (name: string) => boolean,
  max: number,
): { names: Set<string>; parts: Unzipped } {
  const names = new Set<string>();
  let count = 0;
  let current = '';
  try {
    const parts = unzipSync(file, {
      filter: ({ name, originalSize }) => {
        // A directory entry takes 46 bytes at least: a count beyond that is not read entry by entry.
        if (++count > file.length / 46) throw damaged('a bad directory entry');
        names.add(name);
        current = name;
        if (!wanted(name)) return false;
        // fflate inflates into a buffer of the declared size, so this bounds what a part can take.
        if (originalSize > max) throw tooLarge(name, max);
        return true;
      },
    });
    return { names, parts };
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    // Before any entry, fflate found no end of central directory record ('invalid zip data').
    throw damaged(count === 0 ? 'no central directory' : `${current}: ${(error as Error).message}`);
  }
}

/**
 * fflate's inflater for zip parts, which `terminate` stops: UnzipInflate has no terminate, so the
 * rest of a large sheet would be inflated as the zip is pushed on to the next part wanted.
 */
class StoppableInflate extends UnzipInflate {
  private stopped = false;

  override push(chunk: Uint8Array, final: boolean): void {
    if (!this.stopped) super.push(chunk, final);
  }

  terminate(): void {
    this.stopped = true;
  }
}

/**
 * The most XML read of one part (a sheet's first rows, the shared strings up to the last one used,
 * a part read whole): 50 MB of sheet XML is a 200,000-row workbook; a part inflating beyond this
 * (a zip bomb) is refused instead of filling memory.
 */
export const maxPartBytes = 256 * 1024 * 1024;

const tooLarge = (part: string, max: number) =>
  new FileProblem(
    `工作簿过大，无法读取 (the workbook cannot be read: ${part} unpacks to more than ${Math.round(max / 1024 / 1024)} MB)`,
  );

/** Compressed bytes pushed at a time (some 30 KB of XML): reading stops within one of them. */
const chunkSize = 4 * 1024;

/**
 * The parts by name, each read by its own reader only until it has seen enough, so the first rows
 * of a sheet cost those rows whatever its size: fflate's streaming Unzip goes once through the zip.
 * A part it could not read so is read again, whole, from the central directory: streaming, fflate
 * finds parts by their local headers, and may take bytes in the data of a part written with a data
 * descriptor (streaming writers such as Apache POI's) for the header of another.
 */
function readParts<R extends PartReader>(
  file: Buffer,
  readers: Map<string, () => R>,
  max: number,
): Map<string, R> {
  const read = new Map<string, R>();
  const open = new Set(readers.keys());
  const unzip = new Unzip((part) => {
    const make = readers.get(part.name);
    if (!make || !open.has(part.name) || read.has(part.name)) return;
    const reader = make();
    read.set(part.name, reader);
    const decoder = new TextDecoder();
    let bytes = 0;
    part.ondata = (error, data, final) => {
      if (!open.has(part.name)) return;
      bytes += data.length;
      if (bytes > max) throw tooLarge(part.name, max);
      if (error) read.delete(part.name);
      if (error || reader.take(decoder.decode(data, { stream: !final })) || final) {
        open.delete(part.name);
        part.terminate();
      }
    };
    part.start();
  });
  unzip.register(StoppableInflate);
  try {
    for (let at = 0; at < file.length && open.size > 0; at += chunkSize)
      unzip.push(file.subarray(at, at + chunkSize), at + chunkSize >= file.length);
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    // What is not read yet is read again below.
  }
  const again = new Set([...readers.keys()].filter((name) => open.has(name) || !read.has(name)));
  if (again.size === 0) return read;
  const { parts } = unzipParts(file, (name) => again.has(name), max);
  for (const name of again) {
    const reader = (readers.get(name) as () => R)();
    reader.take(new TextDecoder().decode(parts[name]));
    read.set(name, reader);
  }
  return read;
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

/** `xl/worksheets/sheet1.xml` from a relationship target of xl/workbook.xml. */
function partName(target: string): string {
  const parts = target.startsWith('/') ? [] : ['xl'];
  for (const part of target.replace(/^\/+/, '').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The outline of an .xlsx upload, read from the zip without loading the workbook. */
export async function readOutline(file: Buffer, max = maxPartBytes): Promise<Outline> {
  const bookPart = 'xl/workbook.xml';
  const relsPart = 'xl/_rels/workbook.xml.rels';
  const sharedPart = 'xl/sharedStrings.xml';
  const { names, parts } = unzipParts(file, (name) => name === bookPart || name === relsPart, max);
  const decoder = new TextDecoder();
  const book = parts[bookPart];
  if (!book)
    throw new FileProblem('这不是 .xlsx 工作簿 (the file is a zip archive but not an .xlsx workbook)');
  const rels = parts[relsPart];
  const targets = new Map<string, string>();
  if (rels) {
    const xml = decoder.decode(rels);
    for (const m of xml.matchAll(new RegExp(`<${p}Relationship\\b([^>]*?)/?>`, 'g'))) {
      const a = attributes(m[1] ?? '');
      if (a.get('Id') && a.get('Target'))
        targets.set(a.get('Id') as string, partName(a.get('Target') as string));
    }
  }
  const xml = decoder.decode(book);
  const found: { name: string; visible: boolean; part: string | undefined }[] = [];
  const limits = new Map<string, number>();
  for (const m of xml.matchAll(new RegExp(`<${p}sheet\\b([^>]*?)/?>`, 'g'))) {
    const a = attributes(m[1] ?? '');
    const name = a.get('name');
    if (!name) continue;
    const target = targets.get(a.get('id') ?? '');
    const part = target !== undefined && names.has(target) ? target : undefined;
    if (part) limits.set(part, Math.max(limits.get(part) ?? 0, name === markerSheet ? markerRows : headRows));
    found.push({ name, visible: (a.get('state') ?? 'visible') === 'visible', part });
  }
  const rows = readParts(
    file,
    new Map([...limits].map(([part, limit]) => [part, () => new RowReader(limit)] as const)),
    max,
  );
  const sheets = found.map(({ name, visible, part }) => {
    const raw: RawSheet = (part ? rows.get(part)?.sheet() : undefined) ?? { rows: new Map() };
    return { name, visible, raw };
  });
  const wanted = new Set<number>();
  for (const sheet of sheets)
    for (const cells of sheet.raw.rows.values())
      for (const cell of cells.values()) if ('shared' in cell) wanted.add(cell.shared);
  const strings =
    names.has(sharedPart) && wanted.size > 0
      ? (readParts(file, new Map([[sharedPart, () => new SharedStringReader(wanted)]]), max).get(sharedPart)
          ?.found ?? new Map<number, string>())
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
