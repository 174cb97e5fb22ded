import bwipjs from 'bwip-js';
import { LabelError } from './errors.js';
import { bwipEncoding, checkSymbol, encodingError, quietZoneModules, type SymbolSpec } from './symbol.js';
import { type TextLines, textFont, withTextLines } from './text-drawing.js';

export interface SymbolInput extends SymbolSpec {
  /** Human-readable lines under the symbol (the code, then optionally one more): printable ASCII. */
  text?: string[];
  /** bwip-js scale: each module is 2 × scale pixels. The default 3 gives 0.51 mm modules at 300 dpi. */
  scale?: number;
  /** Resolution written into the PNG (pHYs) and used for the SVG's physical width and height. */
  dpi?: number;
}

export interface RenderedSymbol {
  svg: string;
  png: Buffer;
  /** Pixel size of the PNG, which is also the SVG's viewBox. */
  width: number;
  height: number;
  dpi: number;
}

export const defaultScale = 3;
export const defaultDpi = 300;
const maxTextLines = 2;
const maxTextLength = 64;
/** Text cell height in pixels per unit of scale: 10 × 3 = 30 px = 2.5 mm at 300 dpi. */
const fontPxPerScale = 10;

/** Renders a symbol, quiet zone included, with its human-readable lines as an SVG and a PNG of one size. */
export async function renderSymbol(input: SymbolInput): Promise<RenderedSymbol> {
  checkSymbol(input);
  const lines = checkText(input.text);
  const scale = checkInteger(input.scale ?? defaultScale, 1, 20, '/scale');
  const dpi = checkInteger(input.dpi ?? defaultDpi, 72, 2400, '/dpi');
  // bwip-js measures padding in units of half a module.
  const options = { ...bwipEncoding(input), scale, padding: quietZoneModules[input.kind] * 2 };
  const fontPx = scale * fontPxPerScale;
  try {
    const svgText = withTextLines(bwipjs.drawingSVG(), lines, fontPx, false);
    const svg = bwipjs.render({ ...options, backgroundcolor: 'FFFFFF' }, svgText.drawing);
    const pngText = withTextLines(bwipjs.drawingZlibPng(), lines, fontPx, true);
    // `dpi` is a bwip-js PNG option that its type definitions leave out.
    const pngOptions: bwipjs.RenderOptions & { dpi: number } = { ...options, backgroundcolor: 'FFFFFF', dpi };
    const png = await bwipjs.render(pngOptions, pngText.drawing);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    return { svg: finishSvg(svg, svgText, width, height, dpi), png, width, height, dpi };
  } catch (error) {
    throw encodingError(input, error);
  }
}

function checkText(text: string[] | undefined): string[] {
  if (text === undefined) return [];
  if (!Array.isArray(text) || text.length > maxTextLines) {
    throw new LabelError('LABEL_TEXT_INVALID', `Give at most ${maxTextLines} text lines`, '/text');
  }
  text.forEach((line, i) => {
    if (
      typeof line !== 'string' ||
      !/^[\x20-\x7e]+$/.test(line) ||
      line.trim() === '' ||
      line.length > maxTextLength
    ) {
      throw new LabelError(
        'LABEL_TEXT_INVALID',
        `Text line ${i + 1} must be 1 to ${maxTextLength} printable ASCII characters ` +
          '(the symbol font has no CJK glyphs: Chinese text belongs on the label sheet)',
        `/text/${i}`,
      );
    }
  });
  return text;
}

function checkInteger(value: number, min: number, max: number, pointer: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LabelError(
      'LABEL_OPTION_INVALID',
      `${pointer.slice(1)} must be an integer from ${min} to ${max}`,
      pointer,
    );
  }
  return value;
}

/** Gives the SVG its printed size at `dpi` and appends the human-readable lines as <text> elements. */
function finishSvg(svg: string, text: TextLines<string>, width: number, height: number, dpi: number): string {
  const mm = (px: number) => `${((px / dpi) * 25.4).toFixed(2)}mm`;
  const elements = text.placements.map(
    (p) =>
      `<text x="${p.centre}" y="${p.baseline}" text-anchor="middle" font-size="${text.fontPx}" ` +
      `font-family="${textFont}, 'DejaVu Sans Mono', monospace" fill="#000000">${escapeXml(p.line)}</text>\n`,
  );
  return svg
    .replace('<svg ', `<svg width="${mm(width)}" height="${mm(height)}" `)
    .replace(/<\/svg>\s*$/, `${elements.join('')}</svg>\n`);
}

const xmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => xmlEntities[c] ?? c);
}
