import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkUnpackedSize, FileProblem, loadWorkbook } from './grid.js';

const zipOf = (parts: Record<string, string>) =>
  Buffer.from(
    zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])), { level: 9 }),
  );

describe('the size a workbook unpacks to', () => {
  // 3 MB of XML that deflates to a few kilobytes: a small zip bomb
  const bomb = zipOf({ 'xl/worksheets/sheet1.xml': `<worksheet>${' '.repeat(3 * 1024 * 1024)}</worksheet>` });

  it('is counted as inflated, and a workbook beyond the limit is refused as a file problem', () => {
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => checkUnpackedSize(bomb, 1024 * 1024)).toThrow(FileProblem);
    expect(() => checkUnpackedSize(bomb, 1024 * 1024)).toThrow(/unpacks to more than 1 MB/);
    expect(() => checkUnpackedSize(bomb, 4 * 1024 * 1024)).not.toThrow();
  });

  it('counts every part, not one at a time', () => {
    const parts = Object.fromEntries(
      [1, 2, 3].map((n) => [
        `xl/worksheets/sheet${n}.xml`,
        `<worksheet>${' '.repeat(512 * 1024)}</worksheet>`,
      ]),
    );
    expect(() => checkUnpackedSize(zipOf(parts), 1024 * 1024)).toThrow(FileProblem);
  });

  it('leaves a damaged zip to the workbook loader, which says it cannot read it', async () => {
    const damaged = Buffer.concat([Buffer.from('PK'), Buffer.alloc(100, 1)]);
    expect(() => checkUnpackedSize(damaged, 1024)).not.toThrow();
    await expect(loadWorkbook(damaged)).rejects.toThrow(FileProblem);
  });
});
