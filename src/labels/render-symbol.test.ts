import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, type ReadInputBarcodeFormat, readBarcodes } from 'zxing-wasm/reader';
import { LabelError } from './errors.js';
import { renderSymbol, type SymbolInput } from './render-symbol.js';

const resolverUrl = 'https://trace.example.cn/t/HNS2K7QX4M9P';
const elementString = '(01)06901234567892(10)LOT1(21)S1';

beforeAll(async () => {
  // Load the reader's WASM from node_modules: its default is a CDN this machine cannot reach.
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer }, fireImmediately: true });
});

async function decode(png: Buffer, format: ReadInputBarcodeFormat) {
  const [result, ...rest] = await readBarcodes(new Uint8Array(png), { formats: [format], textMode: 'HRI' });
  expect(rest).toHaveLength(0);
  return result;
}

function pngDpi(png: Buffer): number {
  const at = png.indexOf('pHYs');
  return Math.round((png.readUInt32BE(at + 4) * 0.0254) / 1) || 0;
}

async function rejection(input: SymbolInput): Promise<LabelError> {
  const error = await renderSymbol(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabelError);
  return error as LabelError;
}

describe('renderSymbol', () => {
  it('renders a QR PNG that a barcode reader decodes back to the resolver URL', async () => {
    const { png } = await renderSymbol({ kind: 'qr', data: resolverUrl, text: ['HNS2K7QX4M9P'] });
    expect((await decode(png, 'QRCode'))?.text).toBe(resolverUrl);
  });

  it('renders a QR carrying a GS1 Digital Link URI that decodes unchanged', async () => {
    const data = 'https://id.gs1.org/01/06901234567892/10/LOT1/21/S1';
    const { png } = await renderSymbol({ kind: 'qr', data });
    expect((await decode(png, 'QRCode'))?.text).toBe(data);
  });

  it('renders a GS1 DataMatrix whose decoded element string equals the input, with FNC1 after the lot', async () => {
    const { png } = await renderSymbol({ kind: 'gs1datamatrix', data: elementString, text: [elementString] });
    const result = await decode(png, 'DataMatrix');
    expect(result?.text).toBe(elementString);
    expect(result?.symbologyIdentifier).toBe(']d2'); // ]d2: DataMatrix in GS1 mode (leading FNC1)
    const raw = await readBarcodes(new Uint8Array(png), { formats: ['DataMatrix'], textMode: 'Plain' });
    expect(raw[0]?.text).toBe('01069012345678921' + '0LOT1\x1d21S1');
  });

  it('writes the requested resolution into the PNG, 300 dpi by default', async () => {
    expect(pngDpi((await renderSymbol({ kind: 'qr', data: resolverUrl })).png)).toBe(300);
    expect(pngDpi((await renderSymbol({ kind: 'qr', data: resolverUrl, dpi: 600 })).png)).toBe(600);
  });

  it('scales the image with the scale option, two pixels per module per unit', async () => {
    const small = await renderSymbol({ kind: 'gs1datamatrix', data: elementString, scale: 1 });
    const large = await renderSymbol({ kind: 'gs1datamatrix', data: elementString, scale: 4 });
    // An 18×18 symbol plus a 2-module quiet zone on each side: 22 modules.
    expect(small.width).toBe(22 * 2);
    expect(large.width).toBe(22 * 8);
  });

  it('renders a well-formed SVG, sized for print, that carries the human-readable lines as text', async () => {
    const { svg, width, height } = await renderSymbol({
      kind: 'qr',
      data: resolverUrl,
      text: ['HNS2K7QX4M9P', 'LOT <1>'],
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false }).parse(svg).svg;
    expect(root['@_viewBox']).toBe(`0 0 ${width} ${height}`);
    expect(root['@_width']).toBe(`${((width / 300) * 25.4).toFixed(2)}mm`);
    const texts = [root.text].flat().map((t: { '#text': string }) => t['#text']);
    expect(texts).toEqual(['HNS2K7QX4M9P', 'LOT <1>']);
  });

  it('makes the PNG taller for each text line and keeps the symbol readable', async () => {
    const bare = await renderSymbol({ kind: 'qr', data: resolverUrl });
    const oneLine = await renderSymbol({ kind: 'qr', data: resolverUrl, text: ['HNS2K7QX4M9P'] });
    const twoLines = await renderSymbol({
      kind: 'qr',
      data: resolverUrl,
      text: ['HNS2K7QX4M9P', '2025-06-01'],
    });
    expect(oneLine.height).toBeGreaterThan(bare.height);
    expect(twoLines.height).toBeGreaterThan(oneLine.height);
    expect((await decode(twoLines.png, 'QRCode'))?.text).toBe(resolverUrl);
  });

  it('widens the image when a text line is wider than the symbol', async () => {
    const line = 'HNS2K7QX4M9P-0123456789-ABCDEFGHIJ';
    const plain = await renderSymbol({ kind: 'gs1datamatrix', data: elementString });
    const wide = await renderSymbol({ kind: 'gs1datamatrix', data: elementString, text: [line] });
    expect(wide.width).toBeGreaterThan(plain.width);
    expect(wide.svg.match(/viewBox="0 0 (\d+)/)?.[1]).toBe(String(wide.width));
    expect((await decode(wide.png, 'DataMatrix'))?.text).toBe(elementString);
  });
});

describe('renderSymbol input checks', () => {
  it('rejects empty data', async () => {
    const error = await rejection({ kind: 'qr', data: '  ' });
    expect(error.code).toBe('LABEL_DATA_EMPTY');
    expect(error.pointer).toBe('/data');
  });

  it('rejects a QR payload over 2000 characters', async () => {
    const error = await rejection({ kind: 'qr', data: `https://trace.example.cn/t/${'A'.repeat(2000)}` });
    expect(error.code).toBe('LABEL_DATA_TOO_LONG');
    expect(error.message).toMatch(/at most 2000/);
  });

  it('rejects QR data that is not an http(s) URL', async () => {
    expect((await rejection({ kind: 'qr', data: 'HNS2K7QX4M9P' })).code).toBe('LABEL_DATA_INVALID');
    expect((await rejection({ kind: 'qr', data: 'https://trace.example.cn/t/五常' })).code).toBe(
      'LABEL_DATA_INVALID',
    );
  });

  it('rejects a GS1 element string with a bad check digit, naming the AI', async () => {
    const error = await rejection({ kind: 'gs1datamatrix', data: '(01)06901234567891(10)LOT1' });
    expect(error.code).toBe('LABEL_DATA_INVALID');
    expect(error.message).toBe('GS1 element string does not parse: AI 01: Bad checksum');
  });

  it('rejects element strings that are not bracketed AIs or use unknown AIs', async () => {
    expect((await rejection({ kind: 'gs1datamatrix', data: '010690123456789210LOT1' })).code).toBe(
      'LABEL_DATA_INVALID',
    );
    const unknownAi = await rejection({ kind: 'gs1datamatrix', data: '(01)06901234567892(99999)X' });
    expect(unknownAi.message).toMatch(/^GS1 element string does not parse: /);
  });

  it('rejects an unknown symbol kind, non-ASCII or extra text lines, and a bad scale', async () => {
    const kind = { kind: 'pdf417', data: resolverUrl } as unknown as SymbolInput;
    expect((await rejection(kind)).code).toBe('LABEL_OPTION_INVALID');
    const chinese = await rejection({ kind: 'qr', data: resolverUrl, text: ['五常大米'] });
    expect([chinese.code, chinese.pointer]).toEqual(['LABEL_TEXT_INVALID', '/text/0']);
    expect((await rejection({ kind: 'qr', data: resolverUrl, text: ['a', 'b', 'c'] })).code).toBe(
      'LABEL_TEXT_INVALID',
    );
    const scale = await rejection({ kind: 'qr', data: resolverUrl, scale: 2.5 });
    expect([scale.code, scale.pointer]).toEqual(['LABEL_OPTION_INVALID', '/scale']);
  });
});
