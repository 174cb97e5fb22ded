import type { Lang, Template, TemplateCte, TemplateField } from '../templates/model.js';

export type Language = 'zh' | 'en';

/** The hidden sheet that says which template, version and CTEs a workbook was made for. */
export const markerSheet = '_suyuan';
/** The hidden sheet holding the drop-down lists of enum fields. */
export const listsSheet = '_lists';
export const markerTag = 'suyuan-import-workbook';
/** Drop-downs and cell formats cover this many data rows (more rows import fine without them). */
export const formattedRows = 10_000;
export const headerRow = 1;
/** The column errors.xlsx adds; ignored when the corrected copy is uploaded again. */
export const errorsHeader = '错误 Errors';
/** The column errors.xlsx adds for rows already imported; ignored on import too. */
export const statusHeader = '状态 Status';
/** What errors.xlsx says of a row already imported. */
export const alreadyImportedNote = '已导入过，未重复保存 (already imported, not stored again)';

/** A column errors.xlsx added (errors, status): not the template's, skipped on import. */
export const isAddedColumn = (header: string): boolean =>
  header.startsWith(errorsHeader) || header.startsWith(statusHeader);
export const exampleRow = 2;

export const text = (lang: Lang, language: Language): string => lang[language] || lang.zh || lang.en;

/** The header of a field's column: its label, `*` when required. */
export function columnHeader(field: TemplateField, language: Language): string {
  return `${text(field.label, language)}${field.required ? ' *' : ''}`;
}

/** A header as compared: no required mark, no unit in brackets, no case or inner spaces. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[*＊]/g, '')
    .replace(/[(（][^)）]*[)）]\s*$/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Finds the field a column header names: its zh or en label, or its machine name. */
export function fieldForHeader(cte: TemplateCte, header: string): TemplateField | undefined {
  const wanted = normaliseHeader(header);
  if (wanted === '') return undefined;
  return cte.fields.find(
    (f) =>
      normaliseHeader(f.name) === wanted ||
      normaliseHeader(f.label.zh) === wanted ||
      normaliseHeader(f.label.en) === wanted,
  );
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetNames(ctes: TemplateCte[], language: Language): string[] {
  const used = new Set<string>();
  return ctes.map((cte) => {
    const base = (text(cte.label, language) || cte.id).replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || cte.id;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)}${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function ctesOf(template: Template, cte: string): TemplateCte[] {
  return cte === 'all' ? template.ctes : template.ctes.filter((c) => c.id === cte);
}

const typeNames: Record<string, Lang> = {
  text: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'number' },
  date: { zh: '日期', en: 'date' },
  datetime: { zh: '日期时间', en: 'date and time' },
  time: { zh: '时间', en: 'time' },
  enum: { zh: '选项', en: 'choice' },
  boolean: { zh: '是/否', en: 'yes/no' },
  code: { zh: '追溯码', en: 'code' },
  party: { zh: '统一社会信用代码', en: 'credit code' },
  product: { zh: '产品', en: 'product' },
  location: { zh: '地点', en: 'location' },
  file: { zh: '文件', en: 'file' },
};

export function typeName(field: TemplateField, language: Language): string {
  const name = text(typeNames[field.type] ?? { zh: field.type, en: field.type }, language);
  return field.multiple
    ? `${name}${language === 'zh' ? '（可多个，用 ; 分隔）' : ' (several, separated by ;)'}`
    : name;
}

export const yesNo: Record<Language, [string, string]> = { zh: ['是', '否'], en: ['yes', 'no'] };
