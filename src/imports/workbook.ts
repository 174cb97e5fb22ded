import ExcelJS from 'exceljs';
import { type Template, type TemplateCte, type TemplateField, templateRef } from '../templates/model.js';
import {
  columnHeader,
  columnLetter,
  ctesOf,
  exampleRow,
  formattedRows,
  headerRow,
  type Language,
  listsSheet,
  markerSheet,
  markerTag,
  sheetNames,
  text,
  typeName,
  yesNo,
} from './columns.js';
import { cellText } from './convert.js';
import { exampleValue } from './example.js';

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const requiredFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

function numberFormat(field: TemplateField): string | undefined {
  switch (field.type) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    case 'time':
      return 'hh:mm';
    case 'number':
      return undefined;
    default:
      // Text, so Excel keeps leading zeros of GTINs and does not turn long codes into 1.2E+13.
      return '@';
  }
}

/** What a header's note says: type, unit, allowed values, help. */
function describeField(field: TemplateField, language: Language): string {
  const zh = language === 'zh';
  const lines = [`${zh ? '类型' : 'Type'}: ${typeName(field, language)}`];
  lines.push(zh ? (field.required ? '必填' : '选填') : field.required ? 'required' : 'optional');
  const units = unitsOf(field);
  if (units) lines.push(`${zh ? '单位' : 'Unit'}: ${units}`);
  const allowed = allowedValues(field, language);
  if (allowed) lines.push(`${zh ? '可选值' : 'Allowed'}: ${allowed}`);
  if (field.help) lines.push(text(field.help, language));
  return lines.join('\n');
}

export function unitsOf(field: TemplateField): string {
  const all = [...new Set([...(field.unit ? [field.unit] : []), ...(field.units ?? [])])];
  return all.join(', ');
}

export function allowedValues(field: TemplateField, language: Language): string {
  if (field.type === 'enum') return (field.enum ?? []).map((o) => text(o.label, language)).join(', ');
  if (field.type === 'boolean') return yesNo[language].join(', ');
  const parts: string[] = [];
  if (field.min !== undefined) parts.push(`≥ ${field.min}`);
  if (field.max !== undefined) parts.push(`≤ ${field.max}`);
  if (field.maxLength !== undefined)
    parts.push(language === 'zh' ? `最多 ${field.maxLength} 字` : `at most ${field.maxLength} characters`);
  if (field.pattern) parts.push(field.pattern);
  return parts.join('; ');
}

interface List {
  field: TemplateField;
  values: string[];
  /** e.g. '_lists'!$A$1:$A$3 */
  range: string;
}

/** The drop-down lists (enum labels, yes/no), one column each on the hidden lists sheet. */
function listsOf(ctes: TemplateCte[], language: Language): Map<TemplateField, List> {
  const lists = new Map<TemplateField, List>();
  for (const field of ctes.flatMap((c) => c.fields)) {
    const values =
      field.type === 'enum'
        ? (field.enum ?? []).map((o) => text(o.label, language))
        : field.type === 'boolean'
          ? yesNo[language]
          : [];
    if (values.length === 0 || field.multiple) continue;
    const letter = columnLetter(lists.size + 1);
    lists.set(field, { field, values, range: `'${listsSheet}'!$${letter}$1:$${letter}$${values.length}` });
  }
  return lists;
}

function writeLists(workbook: ExcelJS.Workbook, lists: Map<TemplateField, List>): void {
  const sheet = workbook.addWorksheet(listsSheet, { state: 'veryHidden' });
  [...lists.values()].forEach((list, column) => {
    list.values.forEach((v, i) => {
      sheet.getCell(i + 1, column + 1).value = v;
    });
  });
}

/** Range data validations: ExcelJS has them (worksheet.dataValidations) but its types do not. */
function validations(sheet: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (
    sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }
  ).dataValidations;
}

function writeCteSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  cte: TemplateCte,
  language: Language,
  lists: Map<TemplateField, List>,
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow }] });
  sheet.columns = cte.fields.map((field) => ({
    header: columnHeader(field, language),
    key: field.name,
    width: Math.min(40, Math.max(12, [...text(field.label, language)].length * 2 + 4)),
    style: numberFormat(field) ? { numFmt: numberFormat(field) } : {},
  }));
  const header = sheet.getRow(headerRow);
  cte.fields.forEach((field, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = field.required ? requiredFill : headerFill;
    cell.note = describeField(field, language);
  });
  const example = sheet.getRow(exampleRow);
  cte.fields.forEach((field, i) => {
    const cell = example.getCell(i + 1);
    cell.value = exampleValue(field, language);
    cell.font = { italic: true, color: { argb: 'FF808080' } };
  });
  cte.fields.forEach((field, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}${exampleRow}:${letter}${exampleRow + formattedRows - 1}`;
    const list = lists.get(field);
    if (list) {
      validations(sheet).add(range, {
        type: 'list',
        allowBlank: !field.required,
        formulae: [list.range],
        showErrorMessage: true,
        errorTitle: language === 'zh' ? '请从下拉列表选择' : 'Choose from the list',
        error: allowedValues(field, language).slice(0, 250),
      });
    } else if (field.type === 'date' || field.type === 'datetime') {
      validations(sheet).add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: !field.required,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true,
        error: language === 'zh' ? '请输入日期，如 2026-11-24' : 'Enter a date such as 2026-11-24',
      });
    }
  });
}

function writeHelp(
  workbook: ExcelJS.Workbook,
  template: Template,
  ctes: TemplateCte[],
  names: string[],
  language: Language,
): void {
  const zh = language === 'zh';
  const sheet = workbook.addWorksheet(zh ? '填写说明' : 'Help');
  sheet.addRow([`${text(template.label, language)} — ${templateRef(template)}`]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([
    zh
      ? '每个工作表对应一个追溯环节；第 1 行是表头（* 为必填），第 2 行是示例（导入时跳过，可删除）。空行会被跳过。不要合并单元格。'
      : 'One sheet per tracking event; row 1 is the header (* = required), row 2 an example (skipped on import; you may delete it). Empty rows are skipped. Do not merge cells.',
  ]);
  sheet.addRow([]);
  const head = sheet.addRow(
    zh
      ? ['工作表', '列', '字段', '字段名', '类型', '必填', '单位', '可选值 / 范围', '说明']
      : ['Sheet', 'Column', 'Field', 'Name', 'Type', 'Required', 'Unit', 'Allowed values / range', 'Help'],
  );
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = headerFill;
  });
  ctes.forEach((cte, n) => {
    cte.fields.forEach((field, i) => {
      sheet.addRow([
        names[n],
        columnLetter(i + 1),
        text(field.label, language),
        field.name,
        typeName(field, language),
        field.required ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
        unitsOf(field),
        allowedValues(field, language),
        field.help ? text(field.help, language) : '',
      ]);
    });
  });
  sheet.columns.forEach((column, i) => {
    column.width = [14, 6, 20, 20, 14, 6, 10, 30, 60][i] ?? 12;
  });
}

/** The hidden marker: template id@version, the CTE asked for, and which sheet holds which CTE. */
function writeMarker(
  workbook: ExcelJS.Workbook,
  template: Template,
  cte: string,
  ctes: TemplateCte[],
  names: string[],
  language: Language,
): void {
  const sheet = workbook.addWorksheet(markerSheet, { state: 'veryHidden' });
  sheet.addRow([markerTag, 1]);
  sheet.addRow(['template', templateRef(template)]);
  sheet.addRow(['cte', cte]);
  sheet.addRow(['lang', language]);
  sheet.addRow(['headerRow', headerRow]);
  sheet.addRow(['exampleRow', exampleRow]);
  ctes.forEach((c, i) => {
    sheet.addRow(['sheet', names[i], c.id]);
  });
  // The example row as written, so an import skips it only while it is unchanged.
  ctes.forEach((c, i) => {
    sheet.addRow(['example', names[i], ...c.fields.map((f) => cellText(exampleValue(f, language)))]);
  });
}

/**
 * The import workbook of a template: one sheet per CTE (or only the one asked for), headers in
 * the chosen language with notes, drop-downs for enums and yes/no, date formats, an example row,
 * a help sheet and a hidden marker so an upload is recognised.
 */
export async function buildWorkbook(template: Template, cte: string, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'suyuan';
  workbook.created = new Date();
  workbook.title = `${text(template.label, language)} (${templateRef(template)})`;
  workbook.keywords = `${markerTag} ${templateRef(template)} ${cte}`;
  const ctes = ctesOf(template, cte);
  const names = sheetNames(ctes, language);
  const lists = listsOf(ctes, language);
  ctes.forEach((c, i) => {
    writeCteSheet(workbook, names[i] as string, c, language, lists);
  });
  writeHelp(workbook, template, ctes, names, language);
  writeMarker(workbook, template, cte, ctes, names, language);
  writeLists(workbook, lists);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
