import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { type ModuleMatrix, moduleMatrix } from './symbol.js';

beforeAll(async () => {
  // Load the reader's WASM from node_modules: its default is a CDN this machine cannot reach.
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer }, fireImmediately: true });
});

/** Rasterises a module matrix, quiet zone included, the way the PDF draws it: 6 px per module. */
function raster(matrix: ModuleMatrix) {
  const px = 6;
  const width = (matrix.columns + 2 * matrix.quietZone) * px;
  const height = (matrix.rows + 2 * matrix.quietZone) * px;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const column = Math.floor(x / px) - matrix.quietZone;
      const row = Math.floor(y / px) - matrix.quietZone;
      const inside = column >= 0 && row >= 0 && column < matrix.columns && row < matrix.rows;
      if (inside && matrix.dark[row * matrix.columns + column])
        data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width, height, colorSpace: 'srgb' as const };
}

describe('moduleMatrix (the symbols drawn in label sheets)', () => {
  it('gives a QR matrix that decodes to the URL, not mirrored', async () => {
    const data = 'https://trace.example.cn/t/HNS2K7QX4M9P';
    const matrix = moduleMatrix({ kind: 'qr', data });
    expect(matrix.quietZone).toBe(4);
    const [result] = await readBarcodes(raster(matrix), { formats: ['QRCode'] });
    expect([result?.text, result?.isMirrored]).toEqual([data, false]);
  });

  it('gives a GS1 DataMatrix matrix that decodes to the element string', async () => {
    const data = '(01)06901234567892(10)LOT1(21)S1';
    const matrix = moduleMatrix({ kind: 'gs1datamatrix', data });
    const [result] = await readBarcodes(raster(matrix), { formats: ['DataMatrix'], textMode: 'HRI' });
    expect([result?.text, result?.symbologyIdentifier, result?.isMirrored]).toEqual([data, ']d2', false]);
  });
});
