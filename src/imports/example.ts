import type { TemplateField } from '../templates/model.js';
import { type Language, text, yesNo } from './columns.js';

/** A calendar day as Excel stores it: midnight UTC of that day (no time zone in a cell). */
export function excelDate(isoDate: string): Date {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/** A wall-clock datetime (China Standard Time unless the value says otherwise) as an Excel cell. */
export function excelDatetime(iso: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/.exec(iso);
  return new Date(m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}Z` : iso);
}

const day = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The example row's value of a field: the template's own example, or a plausible one by type. */
export function exampleValue(field: TemplateField, language: Language): ExcelCellValue {
  const given = field.example;
  if (given !== undefined && given !== null) {
    if (field.type === 'date' && typeof given === 'string') return excelDate(given);
    if (field.type === 'datetime' && typeof given === 'string') return excelDatetime(given);
    if (field.type === 'enum') {
      const option = field.enum?.find((o) => o.value === given);
      if (option) return text(option.label, language);
    }
    if (field.type === 'boolean' && typeof given === 'boolean') return yesNo[language][given ? 0 : 1];
    if (Array.isArray(given)) return given.join('; ');
    if (typeof given === 'object' && 'value' in given && 'unit' in given)
      return `${(given as { value: number }).value} ${(given as { unit: string }).unit}`;
    if (typeof given === 'string' || typeof given === 'number') return given;
  }
  switch (field.type) {
    case 'number':
      return field.min !== undefined ? field.min : 1;
    case 'date':
      return excelDate(day(field.allowFuture ? 365 : -1));
    case 'datetime':
      return excelDatetime(`${day(-1)}T09:30:00`);
    case 'time':
      return '09:30';
    case 'enum':
      return field.enum?.[0] ? text(field.enum[0].label, language) : '';
    case 'boolean':
      return yesNo[language][0];
    case 'party':
      return '91460000MA5T000000';
    case 'product':
      return '06901234000017';
    case 'location':
      return '6901234000014';
    case 'file':
      return 'https://example.com/certificate.pdf';
    case 'code':
      return language === 'zh' ? '示例码' : 'EXAMPLE';
    default:
      return language === 'zh' ? '示例' : 'example';
  }
}

export type ExcelCellValue = string | number | boolean | Date;
