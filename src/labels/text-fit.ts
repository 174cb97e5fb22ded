import type PDFDocument from 'pdfkit';

export type Doc = InstanceType<typeof PDFDocument>;

/** A line ready to print: its text and its font size in points. */
export interface FittedLine {
  text: string;
  size: number;
}

/** One logical line of a label (the name, the code, the lot…) before it is fitted. */
export interface TextItem {
  text: string;
  /** Size relative to the label's base size (the product name is printed larger). */
  scale: number;
  /** Lines it may take; past that the rest is cut with an ellipsis. Codes and dates are never cut. */
  maxLines: number;
}

/** Smallest size we print: 4.5 pt, about 1.6 mm, legible from a 300 dpi printer. */
export const minFontSize = 4.5;
const ellipsis = '…';

/** Widths at 1 pt of strings already measured on this sheet (product names and dates repeat). */
export type WidthCache = Map<string, number>;

/**
 * Fits the items into a text column: tries base sizes from `maxSize` down, breaking items after a
 * space or before "(" (a GS1 AI) and shrinking a piece that still does not fit, and keeps the first
 * size at which everything fits the height. Widths scale with size, so each piece is measured once.
 */
export function fitItems(
  doc: Doc,
  items: TextItem[],
  box: { width: number; height: number },
  maxSize: number,
  lineSpacing: number,
  widths: WidthCache,
): FittedLine[] {
  const unit = (text: string) => {
    let w = widths.get(text);
    if (w === undefined) {
      w = doc.fontSize(1).widthOfString(text);
      widths.set(text, w);
    }
    return w;
  };
  let lines: FittedLine[] = [];
  for (let size = maxSize; size >= minFontSize; size -= 0.5) {
    lines = items.flatMap((item) => fitItem(doc, item, size * item.scale, box.width, unit));
    if (lines.reduce((sum, line) => sum + line.size * lineSpacing, 0) <= box.height) return lines;
  }
  return lines; // overflows even at the smallest size: the caller shrinks the block as a whole
}

function fitItem(
  doc: Doc,
  item: TextItem,
  size: number,
  width: number,
  unit: (t: string) => number,
): FittedLine[] {
  const tokens = item.text.split(/(?<= )|(?=\()/);
  // A name (Chinese, often without spaces) breaks between characters rather than shrink far.
  const floor = Number.isFinite(item.maxLines) ? Math.max(minFontSize, size * 0.85) : minFontSize;
  const lines: FittedLine[] = [];
  let current = '';
  for (const token of tokens) {
    if (current && unit(current + token) * size > width) {
      lines.push(...fitPiece(doc, current.trimEnd(), size, floor, width, unit));
      current = token;
    } else current += token;
  }
  if (current) lines.push(...fitPiece(doc, current.trimEnd(), size, floor, width, unit));
  if (lines.length <= item.maxLines) return lines;
  const kept = lines.slice(0, item.maxLines - 1);
  const rest = lines
    .slice(item.maxLines - 1)
    .map((l) => l.text)
    .join(' ');
  return [...kept, cut(doc, rest, size, width)];
}

/** A piece with no break left: shrunk down to `floor` points, else broken between characters. */
function fitPiece(
  doc: Doc,
  text: string,
  size: number,
  floor: number,
  width: number,
  unit: (t: string) => number,
): FittedLine[] {
  if (unit(text) * size <= width) return [{ text, size }];
  if (width / unit(text) >= floor) return [{ text, size: width / unit(text) }];
  const chars = Array.from(text);
  const kept = Math.max(longestPrefix(doc, chars, floor, width, ''), 1);
  const head = { text: chars.slice(0, kept).join(''), size: floor };
  const rest = chars.slice(kept).join('');
  return rest ? [head, ...fitPiece(doc, rest, floor, floor, width, unit)] : [head];
}

/** The longest start of the text that fits with an ellipsis after it. */
function cut(doc: Doc, text: string, size: number, width: number): FittedLine {
  const chars = Array.from(text);
  const kept = Math.max(longestPrefix(doc, chars, size, width, ellipsis), 1);
  return { text: chars.slice(0, kept).join('').trimEnd() + ellipsis, size };
}

function longestPrefix(doc: Doc, chars: string[], size: number, width: number, suffix: string): number {
  doc.fontSize(size);
  let [fits, fails] = [0, chars.length + 1];
  while (fails - fits > 1) {
    const mid = (fits + fails) >> 1;
    if (doc.widthOfString(chars.slice(0, mid).join('') + suffix) <= width) fits = mid;
    else fails = mid;
  }
  return fits;
}
