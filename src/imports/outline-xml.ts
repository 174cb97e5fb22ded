import type ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { FileProblem, type RawCell } from './grid.js';
import type { Budget } from './outline-zip.js';

// The parts of an .xlsx the outline reads (outline.ts), as XML readers fed while inflated.

/** Excel's last column (XFD): a reference beyond it is not a cell of a workbook. */
const maxColumn = 16_384;

/** A part that is not well-formed XML (saxes's message). */
export class XmlError extends Error {}

const badXml = (error: XmlError) =>
  new FileProblem(
    `工作簿无法读取 (the workbook cannot be read: a part is not well-formed XML, ${error.message})`,
  );

/** Takes a part's text chunk by chunk, as it is inflated. */
export interface PartReader {
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
export type Cell = { value: RawCell } | { shared: number };

export interface RawSheet {
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
export class RowReader extends XmlReader {
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
export class SharedStringReader extends XmlReader {
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
export class SheetListReader extends XmlReader {
  readonly sheets: Map<string, string>[] = [];

  protected open(name: string, attrs: Record<string, string>): void {
    if (name === 'sheet') this.sheets.push(attributes(attrs));
  }

  protected close(): void {}
  protected text(): void {}
}

/** The relationships of xl/_rels/workbook.xml.rels: target part by id. */
export class RelationshipReader extends XmlReader {
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
export function readWhole<R extends PartReader>(reader: R, data: Uint8Array): R {
  try {
    reader.take(new TextDecoder().decode(data), true);
  } catch (error) {
    throw error instanceof XmlError ? badXml(error) : error;
  }
  return reader;
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
