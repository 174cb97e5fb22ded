import type ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, type Unzipped, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
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

/**
 * The most XML inflated for one outline, all parts together (streamed or read whole): the sheet
 * list, each sheet's first rows, the marker sheet and the shared strings up to the last one those
 * rows use. A workbook needing more (a zip bomb, or XML padded to make the reader work) is refused
 * instead of filling memory: the upload route reads the outline synchronously, before any job.
 */
export const maxOutlineBytes = 64 * 1024 * 1024;

/**
 * The most read of the parts read whole or to their end. workbook.xml and its rels are a few
 * kilobytes (a sheet element or a relationship is some 100 bytes: 8 MB is tens of thousands of
 * sheets). The shared strings are read up to the last one the first rows use; the marker's strings
 * come after those of the data, so that is nearly all of them: 10.8 MB for a 200,000-row workbook of
 * the test template (two distinct strings a row, some 54 bytes of XML each). 32 MB leaves room for a
 * 200,000-row workbook with three times as much distinct text.
 */
const partCaps = new Map([
  ['xl/workbook.xml', 8 * 1024 * 1024],
  ['xl/_rels/workbook.xml.rels', 8 * 1024 * 1024],
  ['xl/sharedStrings.xml', 32 * 1024 * 1024],
]);

/**
 * Cells kept of the rows read. Each takes some 100 bytes of memory for 15 bytes of XML
 * (`<c><v>1</v></c>`), so the byte budget alone would let 64 MB of XML take some 400 MB: header
 * rows and marker hold hundreds of cells, not hundreds of thousands.
 */
const maxCells = 200_000;

/** Excel's last column (XFD): a reference beyond it is not a cell of a workbook. */
const maxColumn = 16_384;

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

const tooLarge = (part: string, max: number) =>
  new FileProblem(
    `工作簿过大，无法读取 (the workbook cannot be read: ${part} unpacks to more than ${megabytes(max)} MB)`,
  );

/** What is inflated for one outline, all parts together. */
class Budget {
  private spent = 0;
  private cells = 0;

  constructor(readonly max: number) {}

  /** The most read of one part: its own cap, or the whole budget. */
  cap(part: string): number {
    return Math.min(partCaps.get(part) ?? Number.POSITIVE_INFINITY, this.max);
  }

  /** Counts `bytes` more inflated of `part`; throws once the outline has taken more than its budget. */
  spend(part: string, bytes: number): void {
    this.spent += bytes;
    if (this.spent > this.max)
      throw new FileProblem(
        `工作簿过大，无法读取 (the workbook cannot be read: its sheet list, marker and first rows unpack to more than ${megabytes(this.max)} MB, reading ${part})`,
      );
  }

  cell(): void {
    if (++this.cells > maxCells)
      throw new FileProblem(
        `工作簿无法读取 (the workbook cannot be read: the first rows of its sheets hold more than ${maxCells} cells)`,
      );
  }
}

/** A part that is not well-formed XML (saxes's message). */
class XmlError extends Error {}

const damaged = (why: string) =>
  new FileProblem(`工作簿无法读取 (the workbook cannot be read: the zip archive is damaged, ${why})`);

const badXml = (error: XmlError) =>
  new FileProblem(
    `工作簿无法读取 (the workbook cannot be read: a part is not well-formed XML, ${error.message})`,
  );

/** Takes a part's text chunk by chunk, as it is inflated. */
interface PartReader {
  /** True once it has seen enough of the part (or all of it): no more is inflated. */
  take(text: string, final: boolean): boolean;
}

/** Thrown by an event handler to leave saxes at once, mid-chunk, when a reader has seen enough. */
const enough = new Error('enough');

/** `row` of `x:row`, `id` of `r:id`: files written by some libraries prefix element names. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Attributes by local name. */
function attributes(attrs: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(attrs)) out.set(local(name), value);
  return out;
}

/**
 * An XML part parsed by saxes as it is inflated, elements by local name. saxes goes once through
 * the text whatever it holds (no backtracking), resolves only XML's own entities and character
 * references (no DTD), and throws on XML that is not well-formed.
 */
abstract class XmlReader implements PartReader {
  private readonly parser: SaxesParser<{ xmlns: false }>;
  private done = false;

  constructor(part: string) {
    this.parser = new SaxesParser({ xmlns: false, fileName: part });
    this.parser.on('opentag', (tag) => this.open(local(tag.name), tag.attributes));
    this.parser.on('closetag', (tag) => this.close(local(tag.name)));
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
  }

  protected abstract open(name: string, attrs: Record<string, string>): void;
  protected abstract close(name: string): void;
  protected abstract text(text: string): void;

  /** Ends the reading of the part here. */
  protected stop(): never {
    this.done = true;
    throw enough;
  }

  take(text: string, final: boolean): boolean {
    if (this.done) return true;
    try {
      this.parser.write(text);
      if (final) this.parser.close();
    } catch (error) {
      if (error === enough) return true;
      if (error instanceof FileProblem) throw error;
      throw new XmlError((error as Error).message);
    }
    return final;
  }
}

/** The text of a shared or inline string (`si`, `is`): its `t` runs, without phonetic hints (`rPh`). */
class StringText {
  value = '';
  private phonetic = 0;
  private inText = 0;

  open(name: string): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inText++;
  }

  close(name: string): void {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't' && this.phonetic === 0 && this.inText > 0) this.inText--;
  }

  text(text: string): void {
    if (this.inText > 0 && this.phonetic === 0) this.value += text;
  }
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
    if (code < 65 || code > 90 || n > maxColumn) break;
    n = n * 26 + (code - 64);
  }
  return n;
}

function cellOf(type: string, text: string): Cell {
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

/**
 * The first `limit` rows of a worksheet part. It has seen enough at the first row numbered past
 * them, at the row after `limit` rows whatever their numbers (rows all numbered 1 do not keep it
 * reading), or at the end of the sheet data.
 */
class RowReader extends XmlReader {
  readonly rows = new Map<number, Map<number, Cell>>();
  private seen = 0;
  private lastRow = 0;
  private row: Map<number, Cell> | undefined;
  private column = 0;
  /** The cell being read: its column and type, its first `v`'s text or its first `is`'s runs. */
  private cell:
    | { column: number; type: string; value?: string; inValue?: boolean; inline?: StringText }
    | undefined;
  private inInline = false;

  constructor(
    part: string,
    private readonly limit: number,
    private readonly budget: Budget,
  ) {
    super(part);
  }

  sheet(): RawSheet {
    return { rows: this.rows };
  }

  protected open(name: string, attrs: Record<string, string>): void {
    // Every row element counts, even one inside a cell left open: it ends that cell.
    if (name === 'row') {
      this.cell = undefined;
      this.inInline = false;
      this.lastRow = Number(attributes(attrs).get('r')) || this.lastRow + 1;
      if (this.lastRow > this.limit || ++this.seen > this.limit) this.stop();
      this.row = new Map();
      this.rows.set(this.lastRow, this.row);
      this.column = 0;
      return;
    }
    const cell = this.cell;
    if (cell) {
      if (this.inInline) (cell.inline as StringText).open(name);
      else if (cell.type === 'inlineStr') {
        if (name === 'is' && !cell.inline) {
          cell.inline = new StringText();
          this.inInline = true;
        }
      } else if (name === 'v' && cell.value === undefined) {
        cell.value = '';
        cell.inValue = true;
      }
    } else if (name === 'c' && this.row) {
      const a = attributes(attrs);
      this.column = columnIndex(a.get('r') ?? '') || this.column + 1;
      if (this.column > maxColumn)
        throw new FileProblem(
          `工作簿无法读取 (the workbook cannot be read: a cell of row ${this.lastRow} is beyond column XFD)`,
        );
      this.cell = { column: this.column, type: a.get('t') ?? 'n' };
    }
  }

  protected close(name: string): void {
    const cell = this.cell;
    if (cell) {
      if (this.inInline) {
        if (name === 'is') this.inInline = false;
        else (cell.inline as StringText).close(name);
      } else if (name === 'v' && cell.inValue) cell.inValue = false;
      else if (name === 'c') {
        this.cell = undefined;
        const value =
          cell.type === 'inlineStr'
            ? cell.inline && { value: cell.inline.value }
            : cell.value !== undefined
              ? cellOf(cell.type, cell.value)
              : undefined;
        if (value && this.row) {
          this.budget.cell();
          this.row.set(cell.column, value);
        }
      }
      return;
    }
    if (name === 'row') this.row = undefined;
    else if (name === 'sheetData') this.stop();
  }

  protected text(text: string): void {
    const cell = this.cell;
    if (!cell) return;
    if (this.inInline) (cell.inline as StringText).text(text);
    else if (cell.inValue) cell.value += text;
  }
}

/** The shared strings at these indexes; it has seen enough after the last one wanted. */
class SharedStringReader extends XmlReader {
  readonly found = new Map<number, string>();
  private index = 0;
  private string: StringText | undefined;
  private inString = false;
  private readonly last: number;

  constructor(
    part: string,
    private readonly wanted: Set<number>,
  ) {
    super(part);
    let last = 0;
    for (const i of wanted) last = Math.max(last, i);
    this.last = last;
  }

  protected open(name: string): void {
    if (this.inString) this.string?.open(name);
    else if (name === 'si') {
      this.inString = true;
      this.string = this.wanted.has(this.index) ? new StringText() : undefined;
    }
  }

  protected close(name: string): void {
    if (!this.inString) return;
    if (name !== 'si') {
      this.string?.close(name);
      return;
    }
    if (this.string) this.found.set(this.index, this.string.value);
    this.inString = false;
    this.string = undefined;
    if (++this.index > this.last) this.stop();
  }

  protected text(text: string): void {
    this.string?.text(text);
  }
}

/** The sheets of xl/workbook.xml: name, state and relationship id. */
class SheetListReader extends XmlReader {
  readonly sheets: Map<string, string>[] = [];

  protected open(name: string, attrs: Record<string, string>): void {
    if (name === 'sheet') this.sheets.push(attributes(attrs));
  }

  protected close(): void {}
  protected text(): void {}
}

/** The relationships of xl/_rels/workbook.xml.rels: target part by id. */
class RelationshipReader extends XmlReader {
  readonly targets = new Map<string, string>();

  protected open(name: string, attrs: Record<string, string>): void {
    if (name !== 'Relationship') return;
    const a = attributes(attrs);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id && target) this.targets.set(id, partName(target));
  }

  protected close(): void {}
  protected text(): void {}
}

/** `reader` given a whole part: its XML problems are problems of the file. */
function readWhole<R extends PartReader>(reader: R, data: Uint8Array): R {
  try {
    reader.take(new TextDecoder().decode(data), true);
  } catch (error) {
    throw error instanceof XmlError ? badXml(error) : error;
  }
  return reader;
}

/**
 * The names of the zip's parts and the parts `wanted`, whole, read by fflate from the central
 * directory. fflate inflates a part into a buffer of the size its directory entry declares (no
 * more, whatever the data holds), so the declared sizes are counted against the budget before each
 * part is inflated.
 */
function unzipParts(
  file: Buffer,
  wanted: (name: string) => boolean,
  budget: Budget,
): { names: Set<string>; parts: Unzipped } {
  const names = new Set<string>();
  let count = 0;
  let current = '';
  try {
    const parts = unzipSync(file, {
      filter: ({ name, size, originalSize }) => {
        // A directory entry takes 46 bytes at least: a count beyond that is not read entry by entry.
        if (++count > file.length / 46) throw damaged('a bad directory entry');
        names.add(name);
        current = name;
        if (!wanted(name)) return false;
        // A stored part is copied at its compressed size, a deflated one inflated at its declared size.
        const bytes = Math.max(size, originalSize);
        if (bytes > budget.cap(name)) throw tooLarge(name, budget.cap(name));
        budget.spend(name, bytes);
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

/** Compressed bytes pushed at a time (some 30 KB of XML): reading stops within one of them. */
const chunkSize = 4 * 1024;

/**
 * The parts by name, each read by its own reader only until it has seen enough, so the first rows
 * of a sheet cost those rows whatever its size: fflate's streaming Unzip goes once through the zip.
 * A part it could not read so is read again, whole, from the central directory: streaming, fflate
 * finds parts by their local headers, and may take bytes in the data of a part written with a data
 * descriptor (streaming writers such as Apache POI's) for the header of another. Every byte
 * inflated, either way, is counted against the outline's budget.
 */
function readParts<R extends PartReader>(
  file: Buffer,
  readers: Map<string, () => R>,
  budget: Budget,
): Map<string, R> {
  const read = new Map<string, R>();
  const open = new Set(readers.keys());
  const unzip = new Unzip((part) => {
    const make = readers.get(part.name);
    if (!make || !open.has(part.name) || read.has(part.name)) return;
    const reader = make();
    read.set(part.name, reader);
    const decoder = new TextDecoder();
    const cap = budget.cap(part.name);
    let bytes = 0;
    part.ondata = (error, data, final) => {
      if (!open.has(part.name)) return;
      let done = true;
      if (error) read.delete(part.name);
      else {
        bytes += data.length;
        if (bytes > cap) throw tooLarge(part.name, cap);
        budget.spend(part.name, data.length);
        try {
          done = reader.take(decoder.decode(data, { stream: !final }), final);
        } catch (problem) {
          if (!(problem instanceof XmlError)) throw problem;
          // Not well-formed as streamed: read again whole, where it is a problem of the file.
          read.delete(part.name);
        }
      }
      if (done) {
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
  const { parts } = unzipParts(file, (name) => again.has(name), budget);
  for (const name of again) {
    const data = parts[name];
    if (data) read.set(name, readWhole((readers.get(name) as () => R)(), data));
    else read.delete(name);
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
