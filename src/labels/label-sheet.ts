/**
 * Label sheets as PDF (标签打印): A4 grids or one label per page on printer rolls.
 *
 * CJK font decision: Noto Sans CJK SC from the Debian package `fonts-noto-cjk`
 * (/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc, face NotoSansCJKsc-Regular).
 * - It covers GB 18030's CJK Unified Ideographs, so product names with rare characters print; WenQuanYi
 *   Micro Hei (`fonts-wqy-microhei`, 1.6 MB) is much smaller but stops at GBK and is no longer developed.
 * - SIL Open Font License 1.1: embedding in the PDFs we hand out is allowed.
 * - The npm packages that ship Noto Sans SC (@fontsource/*) split it into dozens of woff2 files by
 *   unicode-range for browsers, which a PDF writer cannot use as one font.
 * - The cost is a 57 MB download / 91 MB install, once per machine image (CI: apt-get install -y fonts-noto-cjk).
 * pdfkit embeds only the glyphs used (a CID-keyed CFF subset), so 10,000 labels stay a few MB.
 * The font is found at run time (font.ts); a missing font is a LabelError LABEL_FONT_MISSING.
 *
 * Symbols are drawn as vector rectangles from their module matrix, not as embedded images: smaller,
 * sharp at any printer resolution, and fast enough for 10,000 labels in one document.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { LabelError } from './errors.js';
import { type FontSource, loadCjkFont } from './font.js';
import { drawLabel, type LabelStyle, type LabelText } from './label-cell.js';
import { cellOrigin, type Grid, resolveGrid, type SheetLayout } from './layout.js';
import { checkSymbol, moduleMatrix, type SymbolSpec } from './symbol.js';

export interface SheetLabel extends LabelText {
  symbol: SymbolSpec;
}

export interface SheetOptions {
  /** A font to use instead of the installed Noto Sans CJK. */
  font?: FontSource;
  /** Document title in the PDF's metadata. */
  title?: string;
}

export const maxLabelsPerSheet = 10_000;
const maxFieldLength = 100;
/** Labels drawn between yields to the event loop, so a big batch does not stall a server for seconds. */
const labelsPerSlice = 200;
const fontName = 'cjk';

/** Renders labels into one PDF: on A4, rows of `columns` across and `rows` down per page; on a roll, one per page. */
export async function renderLabelSheet(
  labels: readonly SheetLabel[],
  layout: SheetLayout,
  options: SheetOptions = {},
): Promise<Buffer> {
  if (!Array.isArray(labels) || labels.length < 1 || labels.length > maxLabelsPerSheet) {
    const count = Array.isArray(labels) ? labels.length : 'no';
    throw new LabelError(
      'LABEL_BATCH_SIZE',
      `A label sheet takes 1 to ${maxLabelsPerSheet} labels; got ${count}`,
      '/labels',
    );
  }
  const grid = resolveGrid(layout);
  labels.forEach(checkLabel);
  const font = loadCjkFont(options.font);

  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { Title: options.title ?? 'Labels' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  try {
    doc.registerFont(fontName, font.data, font.postscriptName);
    doc.font(fontName);
  } catch (error) {
    throw new LabelError(
      'LABEL_FONT_MISSING',
      `Cannot use the font ${font.path}: ${(error as Error).message}`,
    );
  }
  const style: LabelStyle = { font: fontName, widths: new Map() };
  const perPage = grid.columns * grid.rows;
  for (const [i, label] of labels.entries()) {
    if (i % perPage === 0) doc.addPage({ size: [grid.pageWidth, grid.pageHeight], margin: 0 });
    if (i > 0 && i % labelsPerSlice === 0) await yieldToEventLoop();
    drawLabel(
      doc,
      cellBox(grid, i % perPage),
      moduleMatrix(label.symbol, `/labels/${i}/symbol`),
      label,
      style,
    );
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function cellBox(grid: Grid, indexOnPage: number) {
  return { ...cellOrigin(grid, indexOnPage), width: grid.cellWidth, height: grid.cellHeight };
}

function checkLabel(label: SheetLabel, i: number): void {
  const at = `/labels/${i}`;
  if (
    typeof label !== 'object' ||
    label === null ||
    typeof label.symbol !== 'object' ||
    label.symbol === null
  ) {
    throw new LabelError('LABEL_DATA_INVALID', `Label ${i} has no symbol`, `${at}/symbol`);
  }
  checkSymbol(label.symbol, `${at}/symbol`);
  if (typeof label.code !== 'string' || label.code.trim() === '') {
    throw new LabelError('LABEL_TEXT_INVALID', `Label ${i} has no code to print`, `${at}/code`);
  }
  for (const key of ['code', 'productName', 'lot', 'productionDate', 'expiryDate'] as const) {
    const value = label[key];
    if (value === undefined) continue;
    // Control characters would print as missing glyphs; line breaks would spill into the next label.
    if (typeof value !== 'string' || value.length > maxFieldLength || /\p{Cc}/u.test(value)) {
      throw new LabelError(
        'LABEL_TEXT_INVALID',
        `Label ${i}: ${key} must be text of at most ${maxFieldLength} characters without control characters`,
        `${at}/${key}`,
      );
    }
  }
}
