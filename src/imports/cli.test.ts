import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import { importFile } from './cli.js';
import { alreadyImportedNote, statusHeader } from './columns.js';
import { downloadWorkbook, eventCount, installTestTemplate, testTemplate, toBuffer } from './fixtures.js';

const enterprise = '91460000MA5TD00004';

describe.each(backends())('suyuan import on %s', (backend) => {
  const ctx = useApp(backend);
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-import-cli-'));
  let template: string;
  let output: string[];
  beforeAll(async () => {
    template = `cli-${unique()}`;
    await installTestTemplate(ctx.database, testTemplate(template));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  function capture(): void {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void output.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void output.push(String(line)));
  }

  it('imports a workbook for an enterprise and prints the report', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    (workbook.getWorksheet('生产') as ExcelJS.Worksheet).getRow(3).values = [
      `LOT-${unique()}`,
      new Date('2026-06-01T00:00:00Z'),
      new Date('2027-06-01T00:00:00Z'),
      3,
      '二级',
    ];
    const path = join(dir, 'good.xlsx');
    writeFileSync(path, await toBuffer(workbook));
    const before = await eventCount(ctx.database);
    capture();
    const code = await importFile(ctx.database, path, { mode: 'rollback', enterprise, sizeLimit: 50 << 20 });
    expect(output.join('\n')).toContain('1 stored');
    expect(code).toBe(0);
    expect(await eventCount(ctx.database)).toBe(before + 1);
    const row = await ctx.database.db
      .selectFrom('imports')
      .select(['enterprise', 'file_name', 'created_by'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ enterprise, file_name: 'good.xlsx', created_by: 'cli' });
  });

  it('prints each bad row of a CSV, stores nothing, and writes the error copy', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(
      path,
      `\uFEFF批号,生产日期,保质期至,净重,等级\nLOT-${unique()},2026-06-01,2027-06-01,abc,一级\n`,
    );
    const errors = join(dir, 'bad-errors.xlsx');
    const before = await eventCount(ctx.database);
    capture();
    const code = await importFile(ctx.database, path, {
      template,
      cte: 'production',
      mode: 'rollback',
      enterprise,
      errors,
      sizeLimit: 50 << 20,
    });
    expect(code).toBe(1);
    const text = output.join('\n');
    expect(text).toContain('失败 failed');
    expect(text).toMatch(/CSV!D2 净重: .*expected a number/);
    expect(text).toContain('nothing was stored');
    expect(await eventCount(ctx.database)).toBe(before);
    expect(existsSync(errors)).toBe(true);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(errors);
    expect(String(copy.getWorksheet('CSV')?.getCell('F2').value)).toContain('D2 净重');
  });

  it('prints and marks the rows already imported, and stores them again with --repeat', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
    for (const r of [3, 4])
      sheet.getRow(r).values = [
        `LOT-${unique()}`,
        new Date('2026-06-01T00:00:00Z'),
        new Date('2027-06-01T00:00:00Z'),
        r,
        '一级',
      ];
    const path = join(dir, 'delivery.xlsx');
    writeFileSync(path, await toBuffer(workbook));
    const options = { mode: 'rollback', enterprise, sizeLimit: 50 << 20 };
    capture();
    expect(await importFile(ctx.database, path, options)).toBe(0);

    const copy = join(dir, 'delivery-result.xlsx');
    const before = await eventCount(ctx.database);
    capture();
    expect(await importFile(ctx.database, path, { ...options, errors: copy })).toBe(0);
    const text = output.join('\n');
    expect(text).toContain('0 stored, 2 already imported');
    expect(text).toContain('已导入过，未重复保存 already imported, not stored again (rows): 生产 3–4');
    expect(text).toContain('--repeat');
    expect(await eventCount(ctx.database)).toBe(before);
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(copy);
    const marked = result.getWorksheet('生产') as ExcelJS.Worksheet;
    const status = marked.getRow(1).cellCount;
    expect(marked.getCell(1, status).value).toBe(statusHeader);
    expect(marked.getCell(3, status).value).toBe(alreadyImportedNote);
    expect(marked.getCell(4, status).value).toBe(alreadyImportedNote);

    capture();
    expect(await importFile(ctx.database, path, { ...options, repeat: true })).toBe(0);
    expect(output.join('\n')).toMatch(/mode rollback, repeat .*\n.*2 stored, 0 already imported/);
    expect(await eventCount(ctx.database)).toBe(before + 2);
  });

  it('refuses a workbook of another CTE before creating an import', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    const path = join(dir, 'production.xlsx');
    writeFileSync(path, await toBuffer(workbook));
    const before = await ctx.database.db
      .selectFrom('imports')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    capture();
    const code = await importFile(ctx.database, path, {
      template,
      cte: 'shipping',
      mode: 'rollback',
      enterprise,
      sizeLimit: 50 << 20,
    });
    expect(code).toBe(2);
    expect(output.join('\n')).toContain('made for the CTE production, not shipping');
    expect(output.join('\n')).toContain('  at cte');
    const after = await ctx.database.db
      .selectFrom('imports')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('refuses an unknown template before reading the file', async () => {
    const path = join(dir, 'x.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    capture();
    const code = await importFile(ctx.database, path, {
      template: 'nope',
      cte: 'x',
      mode: 'rollback',
      sizeLimit: 1 << 20,
    });
    expect(code).toBe(2);
    expect(output.join('\n')).toContain('template: no template nope');
  });
});
