import { pointsPerMm } from './layout.js';
import type { ModuleMatrix } from './symbol.js';
import { type Doc, type FittedLine, fitItems, type TextItem, type WidthCache } from './text-fit.js';

/** The printed text of one label; the symbol comes separately as its module matrix. */
export interface LabelText {
  code: string;
  productName?: string;
  lot?: string;
  productionDate?: string;
  expiryDate?: string;
}

/** The registered font's name and the sheet's cache of measured widths. */
export interface LabelStyle {
  font: string;
  widths: WidthCache;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Kept clear inside each label: roll printers drift by a millimetre or so. */
const paddingMm = 2;
const gapMm = 0.5;
const maxFontSize = 9;
const nameScale = 1.15;
const lineSpacing = 1.3;

/**
 * Draws one label into its box: the symbol (quiet zone included) as a square on the left, as large
 * as the box allows up to half its width, and the text lines beside it, centred vertically.
 */
export function drawLabel(
  doc: Doc,
  box: Box,
  matrix: ModuleMatrix,
  text: LabelText,
  style: LabelStyle,
): void {
  const pad = paddingMm * pointsPerMm;
  const inner = { x: box.x + pad, y: box.y + pad, width: box.width - 2 * pad, height: box.height - 2 * pad };
  const side = Math.min(inner.height, inner.width / 2);
  drawMatrix(doc, matrix, inner.x, inner.y, side);

  const x = inner.x + side + gapMm * pointsPerMm;
  const width = inner.x + inner.width - x;
  doc.font(style.font);
  const lines = layoutText(doc, text, width, inner.height, style.widths);
  const blockHeight = lines.reduce((sum, line) => sum + line.size * lineSpacing, 0);
  let y = inner.y + Math.max(0, (inner.height - blockHeight) / 2);
  for (const line of lines) {
    doc.fontSize(line.size).text(line.text, x, y, { lineBreak: false });
    y += line.size * lineSpacing;
  }
}

/**
 * Product name (larger, at most two lines, cut after that), then code, lot and dates, which are
 * broken over lines but never cut; if they overflow even at the smallest size, all shrink together.
 */
function layoutText(
  doc: Doc,
  text: LabelText,
  width: number,
  height: number,
  widths: WidthCache,
): FittedLine[] {
  const whole = (line: string | undefined): TextItem[] =>
    line ? [{ text: line, scale: 1, maxLines: Infinity }] : [];
  const items: TextItem[] = [
    ...(text.productName ? [{ text: text.productName, scale: nameScale, maxLines: 2 }] : []),
    ...whole(text.code),
    ...whole(text.lot && `批号 ${text.lot}`), // lot number
    ...whole(text.productionDate && `生产日期 ${text.productionDate}`),
    ...whole(text.expiryDate && `有效期至 ${text.expiryDate}`), // use by
  ];
  const lines = fitItems(doc, items, { width, height }, maxFontSize, lineSpacing, widths);
  const total = lines.reduce((sum, line) => sum + line.size * lineSpacing, 0);
  const shrink = Math.min(1, height / total);
  return shrink < 1 ? lines.map((line) => ({ text: line.text, size: line.size * shrink })) : lines;
}

/** Draws the dark modules as one filled path of row runs, the quiet zone left blank around them. */
function drawMatrix(doc: Doc, matrix: ModuleMatrix, x: number, y: number, side: number): void {
  const { columns, rows, dark, quietZone } = matrix;
  const module = side / (Math.max(columns, rows) + 2 * quietZone);
  const left = x + quietZone * module;
  const top = y + quietZone * module;
  for (let row = 0; row < rows; row++) {
    let column = 0;
    while (column < columns) {
      if (!dark[row * columns + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < columns && dark[row * columns + column]) column++;
      doc.rect(left + start * module, top + row * module, (column - start) * module, module);
    }
  }
  doc.fill('#000000');
}
