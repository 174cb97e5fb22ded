import { Unzip, UnzipInflate, type Unzipped, unzipSync } from 'fflate';
import { FileProblem } from './grid.js';
import { type PartReader, readWhole, XmlError } from './outline-xml.js';

// Reading parts of an .xlsx from its zip for the outline (outline.ts), within one budget.

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

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

const tooLarge = (part: string, max: number) =>
  new FileProblem(
    `工作簿过大，无法读取 (the workbook cannot be read: ${part} unpacks to more than ${megabytes(max)} MB)`,
  );

/** What is inflated for one outline, all parts together. */
export class Budget {
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

const damaged = (why: string) =>
  new FileProblem(`工作簿无法读取 (the workbook cannot be read: the zip archive is damaged, ${why})`);

/**
 * The names of the zip's parts and the parts `wanted`, whole, read by fflate from the central
 * directory. fflate inflates a part into a buffer of the size its directory entry declares (no
 * more, whatever the data holds), so the declared sizes are counted against the budget before each
 * part is inflated.
 */
export function unzipParts(
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
export function readParts<R extends PartReader>(
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
