import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cellText } from './convert.js';
import { FileProblem, type Grid } from './grid.js';
import { type Outline, readOutline, workbookOutline } from './outline.js';
import { findHeaderRow } from './read.js';
import { testTemplate } from './sample-template.js';
import { buildWorkbook } from './workbook.js';

/**
 * An outline as plain data: sheets, the marker's text and each sheet's header row as text. (Only
 * header text matters to the outline: a date cell read from the zip is its serial number.)
 */
function plain(outline: Outline) {
  const rowText = (grid: Grid, r: number) => {
    const row: string[] = [];
    for (let c = 1; c <= grid.columnCount; c++) row.push(cellText(grid.cell(r, c)));
    while (row.length > 0 && row.at(-1) === '') row.pop();
    return row;
  };
  const header = (grid: Grid | undefined) => {
    if (!grid) return undefined;
    const r = findHeaderRow(grid);
    return { row: r, cells: rowText(grid, r) };
  };
  const marker = outline.marker;
  return {
    sheets: outline.sheets,
    marker: marker && Array.from({ length: marker.rowCount }, (_, i) => rowText(marker, i + 1)),
    headers: Object.fromEntries(outline.sheets.map((s) => [s.name, header(outline.head(s.name))])),
  };
}

async function both(file: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return { fromZip: plain(await readOutline(file)), loaded: plain(workbookOutline(workbook)) };
}

/** A zip of stored (uncompressed) entries, for parts written by hand. */
function storedZip(parts: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The same parts zipped by a streaming writer: sizes in data descriptors after the data. */
function withDataDescriptors(file: Buffer): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(unzipSync(file))) {
    const part = new ZipDeflate(name);
    zip.add(part);
    part.push(data, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** workbook.xml and its rels for these sheets, by name, in parts xl/worksheets/sheet1.xml and on. */
function sheetList(sheets: Record<string, string>): Record<string, string> {
  const names = Object.keys(sheets);
  return {
    'xl/workbook.xml': `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ...Object.fromEntries(Object.values(sheets).map((xml, i) => [`xl/worksheets/sheet${i + 1}.xml`, xml])),
  };
}

/** A worksheet part of this sheet data. */
const worksheet = (rows: string) => `<worksheet xmlns="${ns}"><sheetData>${rows}</sheetData></worksheet>`;

/** The zip with the local header of `part` unmarked: the streaming pass misses it, it is read whole. */
function unmarked(file: Buffer, part: string): Buffer {
  const out = Buffer.from(file);
  for (let at = file.indexOf(part); at >= 0; at = file.indexOf(part, at + 1))
    if (at >= 30 && file.readUInt32LE(at - 30) === 0x04034b50) {
      out.writeUInt32LE(0, at - 30);
      return out;
    }
  throw new Error(`no local header for ${part}`);
}

/** The zip with the uncompressed size that the central directory declares for `part` set to `size`. */
function declaring(file: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(file);
  for (let at = file.indexOf(part); at >= 0; at = file.indexOf(part, at + 1))
    if (at >= 46 && file.readUInt32LE(at - 46) === 0x02014b50) {
      out.writeUInt32LE(size, at - 46 + 24);
      return out;
    }
  throw new Error(`no directory entry for ${part}`);
}

const problemOf = (outline: Promise<unknown>) =>
  outline.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('the outline of a workbook read from its zip', () => {
  it('is what the loaded workbook shows: sheets, visibility, marker and header rows', async () => {
    for (const language of ['zh', 'en'] as const) {
      const file = await buildWorkbook(testTemplate('outline'), 'all', language);
      const { fromZip, loaded } = await both(file);
      expect(fromZip).toEqual(loaded);
      expect(fromZip.sheets.filter((s) => !s.visible).map((s) => s.name)).toEqual(['_suyuan', '_lists']);
      expect(fromZip.marker?.[1]).toEqual(['template', 'outline@1']);
    }
  });

  it('reads inline strings, rich text, numbers, booleans, formulas and a header below empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据 & more');
    sheet.getCell('B3').value = { richText: [{ text: '批号', font: { bold: true } }, { text: ' *' }] };
    sheet.getCell('C3').value = 'a < b & "c"';
    sheet.getCell('D3').value = 12.5;
    sheet.getCell('E3').value = true;
    sheet.getCell('F3').value = { formula: '1+1', result: 2 };
    sheet.getCell('A4').value = 'LOT-1';
    for (const useSharedStrings of [true, false]) {
      const file = Buffer.from(await workbook.xlsx.writeBuffer({ useSharedStrings }));
      const { fromZip, loaded } = await both(file);
      expect(fromZip).toEqual(loaded);
      expect(fromZip.headers['数据 & more']).toEqual({
        row: 3,
        cells: ['', '批号 *', 'a < b & "c"', '12.5', 'true', '2'],
      });
    }
  });

  it('reads only the first rows of a large sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('big');
    sheet.addRow(['批号', '生产日期']);
    for (let i = 0; i < 20_000; i++)
      sheet.addRow([`LOT-${i}`, `2026-06-${String((i % 28) + 1).padStart(2, '0')}`]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    // Its sheet and shared strings unpack to more than 256 KB: reading stops after the first rows.
    const parts = unzipSync(file);
    expect((parts['xl/worksheets/sheet1.xml'] as Uint8Array).length).toBeGreaterThan(1024 * 1024);
    for (const [zip, budget] of [
      [file, 256 * 1024],
      [withDataDescriptors(file), undefined],
    ] as const) {
      const head = (await readOutline(zip, budget)).head('big') as Grid;
      expect(head.rowCount).toBe(10);
      expect(cellText(head.cell(10, 1))).toBe('LOT-8');
    }
  });

  it('reads a sheet of rows all numbered 1 only to its first rows', async () => {
    const row = `<row r="1"><c r="A1" t="inlineStr"><is><t>批号</t></is></c></row>`;
    const file = storedZip(sheetList({ 生产: worksheet(row.repeat(100_000)) }));
    expect(file.length).toBeGreaterThan(5 * 1024 * 1024);
    // 64 KB: a reader going on past the first rows would take more
    expect(plain(await readOutline(file, 64 * 1024)).headers).toEqual({ 生产: { row: 1, cells: ['批号'] } });
  });

  it('reads 20,000 row elements left open only to the first rows', async () => {
    const row = `<row r="1"><c r="A1" t="inlineStr"><is><t>批号</t></is></c>`;
    const file = storedZip(sheetList({ 生产: `<worksheet xmlns="${ns}"><sheetData>${row.repeat(20_000)}` }));
    expect(plain(await readOutline(file, 64 * 1024)).headers).toEqual({ 生产: { row: 1, cells: ['批号'] } });
    // Without a row past the first ten, the end of the part is reached: it is not well-formed XML.
    const short = storedZip(sheetList({ 生产: `<worksheet xmlns="${ns}"><sheetData>${row.repeat(5)}` }));
    const refused = await problemOf(readOutline(short));
    expect(refused).toBeInstanceOf(FileProblem);
    expect((refused as FileProblem).message).toContain('not well-formed XML');
    expect((refused as FileProblem).message).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a tag with a 1 MB run of attribute text without "=" as XML that is not well-formed', async () => {
    const run = 'a'.repeat(1024 * 1024);
    const cell = '<c r="A1" t="inlineStr"><is><t>批号</t></is></c>';
    const sheetRun = sheetList({ 生产: worksheet(`<row r="1" ${run}>${cell}</row>`) });
    const cellRun = sheetList({ 生产: worksheet(`<row r="1"><c r="A1" ${run}/></row>`) });
    const bookRun = sheetList({ 生产: worksheet(`<row r="1">${cell}</row>`) });
    bookRun['xl/workbook.xml'] = (bookRun['xl/workbook.xml'] as string).replace('<sheet ', `<sheet ${run} `);
    for (const parts of [sheetRun, cellRun, bookRun])
      for (const file of [
        storedZip(parts),
        Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([n, x]) => [n, Buffer.from(x)])))),
      ]) {
        const refused = await problemOf(readOutline(file));
        expect(refused).toBeInstanceOf(FileProblem);
        expect((refused as FileProblem).message).toContain('not well-formed XML');
      }
  });

  it('refuses a cell beyond column XFD', async () => {
    const file = storedZip(
      sheetList({ 生产: worksheet('<row r="1"><c r="ZZZZZZZZZZZZ1"><v>1</v></c></row>') }),
    );
    await expect(readOutline(file)).rejects.toThrow('beyond column XFD');
  });

  it('refuses first rows of more cells than header rows and a marker hold', async () => {
    // the marker sheet is read to its 1000th row: 201 cells a row are 201,000 cells
    const row = (r: number) => `<row r="${r}">${'<c><v>1</v></c>'.repeat(201)}</row>`;
    const rows = Array.from({ length: 1000 }, (_, i) => row(i + 1)).join('');
    const file = storedZip(sheetList({ _suyuan: worksheet(rows) }));
    await expect(readOutline(file)).rejects.toThrow('more than 200000 cells');
  });

  it('counts every part read against one budget, streamed or read whole', async () => {
    // three sheets of 400 KB of whitespace before their first row: each under 1 MB, together over it
    const sheet = worksheet(`${' '.repeat(400 * 1024)}<row r="1"><c r="A1"><v>1</v></c></row>`);
    const file = storedZip(sheetList({ a: sheet, b: sheet, c: sheet }));
    for (const zip of [
      file,
      unmarked(
        unmarked(unmarked(file, 'xl/worksheets/sheet1.xml'), 'xl/worksheets/sheet2.xml'),
        'xl/worksheets/sheet3.xml',
      ),
    ]) {
      const refused = await problemOf(readOutline(zip, 1024 * 1024));
      expect(refused).toBeInstanceOf(FileProblem);
      expect((refused as FileProblem).message).toContain('unpack to more than 1 MB');
      expect((await readOutline(zip, 2 * 1024 * 1024)).sheets.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    }
  });

  it('reads a part read whole no further than its declared size, refused when that is over the budget', async () => {
    const parts = sheetList({
      生产: worksheet(`${' '.repeat(2 * 1024 * 1024)}<row r="1"><c r="A1"><v>1</v></c></row>`),
    });
    const zipped = Buffer.from(
      zipSync(Object.fromEntries(Object.entries(parts).map(([n, x]) => [n, Buffer.from(x)]))),
    );
    const part = 'xl/worksheets/sheet1.xml';
    const whole = unmarked(zipped, part);
    // declared larger than the budget: refused before it is inflated
    const refused = await problemOf(readOutline(declaring(whole, part, 100 * 1024 * 1024)));
    expect(refused).toBeInstanceOf(FileProblem);
    expect((refused as FileProblem).message).toMatch(/unpacks? to more than 64 MB/);
    // declared smaller than it is: fflate inflates no more than declared, a cut part is not XML
    const cut = await problemOf(readOutline(declaring(whole, part, 1000), 1024 * 1024));
    expect(cut).toBeInstanceOf(FileProblem);
    expect((cut as FileProblem).message).toContain('not well-formed XML');
  });

  it('refuses a part that unpacks beyond the limit, streamed or read whole', async () => {
    const book = `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="生产" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/a.xml"/></Relationships>`;
    // 2 MB of whitespace before the first row: the sheet's first rows are never reached under 1 MB
    const sheet = `<worksheet xmlns="${ns}"><sheetData>${' '.repeat(2 * 1024 * 1024)}<row r="1"/></sheetData></worksheet>`;
    const file = storedZip({
      'xl/workbook.xml': book,
      'xl/_rels/workbook.xml.rels': rels,
      'xl/worksheets/a.xml': sheet,
    });
    const refused = await readOutline(file, 1024 * 1024).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FileProblem);
    expect((refused as FileProblem).message).toContain('xl/worksheets/a.xml unpacks to more than 1 MB');
    // within the limit the same file reads
    expect((await readOutline(file, 4 * 1024 * 1024)).sheets).toEqual([{ name: '生产', visible: true }]);
    // a part read whole (the workbook part) is refused by its declared size before it is inflated
    const big = storedZip({
      'xl/workbook.xml': book + ' '.repeat(2 * 1024 * 1024),
      'xl/_rels/workbook.xml.rels': rels,
    });
    const whole = await readOutline(big, 1024 * 1024).catch((e: unknown) => e);
    expect((whole as FileProblem).message).toContain('xl/workbook.xml unpacks to more than 1 MB');
  });

  it('reads parts written with namespace prefixes and phonetic hints', async () => {
    const file = storedZip({
      'xl/workbook.xml': `<x:workbook xmlns:x="${ns}" xmlns:r="${rel}"><x:sheets><x:sheet name="生产" sheetId="1" r:id="rId1"/><x:sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="/xl/worksheets/a.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/b.xml"/></Relationships>`,
      'xl/worksheets/a.xml': `<x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t xml:space="preserve">净重 &#x2A;</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      'xl/worksheets/b.xml': `<x:worksheet xmlns:x="${ns}"><x:sheetData/></x:worksheet>`,
      'xl/sharedStrings.xml': `<x:sst xmlns:x="${ns}"><x:si><x:r><x:t>批</x:t></x:r><x:r><x:t/></x:r><x:r><x:t>号</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ピ</x:t></x:rPh></x:si></x:sst>`,
    });
    const expected = {
      sheets: [
        { name: '生产', visible: true },
        { name: '隐藏', visible: false },
      ],
      marker: undefined,
      headers: { 生产: { row: 1, cells: ['批号', '', '净重 *'] }, 隐藏: { row: 1, cells: [] } },
    };
    expect(plain(await readOutline(file))).toEqual(expected);
    // A part whose local header the streaming pass does not find is read from the central directory.
    const unmarked = Buffer.from(file);
    for (let at = file.indexOf('xl/worksheets/a.xml'); ; at = file.indexOf('xl/worksheets/a.xml', at + 1))
      if (file.readUInt32LE(at - 30) === 0x04034b50) {
        unmarked.writeUInt32LE(0, at - 30);
        break;
      }
    expect(plain(await readOutline(unmarked))).toEqual(expected);
  });

  it('refuses a damaged zip as a problem of the file', async () => {
    const file = await buildWorkbook(testTemplate('outline'), 'production', 'zh');
    await expect(readOutline(file.subarray(0, file.length - 10))).rejects.toBeInstanceOf(FileProblem);
    const noWorkbook = storedZip({ 'word/document.xml': '<w:document/>' });
    await expect(readOutline(noWorkbook)).rejects.toThrow('not an .xlsx workbook');
  });
});
