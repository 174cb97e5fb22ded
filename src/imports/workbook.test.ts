import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { unique } from '../../test/database.js';
import { markerSheet } from './columns.js';
import { downloadWorkbook, installTestTemplate, testTemplate } from './fixtures.js';

type Validations = { model: Record<string, ExcelJS.DataValidation | undefined> };
const validationAt = (sheet: ExcelJS.Worksheet, address: string) =>
  (sheet as unknown as { dataValidations: Validations }).dataValidations.model[address];

describe('the import workbook of a template', () => {
  const ctx = useApp('pglite');
  let template: string;
  beforeAll(async () => {
    template = `wb-${unique()}`;
    await installTestTemplate(ctx.database, testTemplate(template));
  });

  it('has one sheet per CTE with Chinese headers, a help sheet and hidden marker and lists', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'all');
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['生产', 'visible'],
      ['发货', 'visible'],
      ['填写说明', 'visible'],
      [markerSheet, 'veryHidden'],
      ['_lists', 'veryHidden'],
    ]);
    const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '批号 *',
      '生产日期 *',
      '保质期至 *',
      '净重 *',
      '等级 *',
      '有机',
      '检验员',
    ]);
    expect(String(sheet.getCell('E1').note)).toContain('一级, 二级');
    expect(String(sheet.getCell('D1').note)).toContain('KGM, GRM');
    const marker = workbook.getWorksheet(markerSheet) as ExcelJS.Worksheet;
    expect(marker.getCell('B2').value).toBe(`${template}@1`);
    expect(marker.getCell('B3').value).toBe('all');
  });

  it('gives enum and yes/no columns drop-downs, date columns a date format, and an example row', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'production');
    expect(workbook.worksheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual([
      '生产',
      '填写说明',
    ]);
    const sheet = workbook.getWorksheet('生产') as ExcelJS.Worksheet;
    const grade = validationAt(sheet, 'E500');
    expect(grade?.type).toBe('list');
    expect(grade?.formulae).toEqual(["'_lists'!$A$1:$A$2"]);
    expect(validationAt(sheet, 'F3')?.formulae).toEqual(["'_lists'!$B$1:$B$2"]);
    expect(validationAt(sheet, 'B3')?.type).toBe('date');
    expect(validationAt(sheet, 'A3')).toBeUndefined();
    const lists = workbook.getWorksheet('_lists') as ExcelJS.Worksheet;
    expect([lists.getCell('A1').value, lists.getCell('A2').value, lists.getCell('B1').value]).toEqual([
      '一级',
      '二级',
      '是',
    ]);
    expect(sheet.getColumn(2).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual([
      'LOT-0001',
      new Date('2026-06-01T00:00:00Z'),
      new Date('2027-06-01T00:00:00Z'),
      12.5,
      '一级',
    ]);
  });

  it('explains every field on the help sheet', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'all');
    const help = workbook.getWorksheet('填写说明') as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    help.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    const grade = rows.find((r) => r[3] === 'grade');
    expect(grade).toEqual(['生产', 'E', '等级', 'grade', '选项', '是', '', '一级, 二级', '按国家标准分级']);
    const weight = rows.find((r) => r[3] === 'netWeight');
    expect(weight?.slice(4, 8)).toEqual(['数字', '是', 'KGM, GRM', '≥ 0; ≤ 1000']);
    expect(rows.filter((r) => r[0] === '发货')).toHaveLength(3);
  });

  it('is in English on request', async () => {
    const workbook = await downloadWorkbook(ctx.app, template, 'all', 'en');
    expect(workbook.worksheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual([
      'Production',
      'Shipping',
      'Help',
    ]);
    const sheet = workbook.getWorksheet('Production') as ExcelJS.Worksheet;
    expect(sheet.getCell('A1').value).toBe('Lot code *');
    expect(sheet.getCell('E2').value).toBe('Grade A');
  });

  it('answers 404 problems for an unknown template or CTE', async () => {
    const unknownTemplate = await ctx.app.inject({
      method: 'GET',
      url: '/api/templates/nope/all/workbook.xlsx',
    });
    expect(unknownTemplate.statusCode).toBe(404);
    expect(unknownTemplate.headers['content-type']).toContain('application/problem+json');
    const unknownCte = await ctx.app.inject({
      method: 'GET',
      url: `/api/templates/${template}/harvest/workbook.xlsx`,
    });
    expect(unknownCte.statusCode).toBe(404);
    expect(unknownCte.json().detail).toContain('production, shipping');
  });

  it('serves an xlsx attachment named after the template version', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/templates/${template}@1/shipping/workbook.xlsx`,
    });
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${template}-1-shipping.xlsx"`,
    );
  });
});
