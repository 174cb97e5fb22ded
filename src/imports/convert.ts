import type { FieldValue, TemplateField } from '../templates/model.js';
import type { RawCell } from './grid.js';

/**
 * Turns a spreadsheet cell into the plain value the template engine checks: Excel dates become
 * ISO strings (a cell has no time zone: its wall clock is read as China Standard Time), formula
 * cells give their result, rich text its text. Everything else (numbers with units, enum labels,
 * 是/否, lists) is left for the engine's checkRecord, so every channel validates alike.
 */
export type Converted = { ok: true; value: FieldValue | null } | { ok: false; message: string };

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function isoTime(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Excel serial day number (1900 date system) → Date at UTC. */
function fromSerial(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function fromDate(field: TemplateField, d: Date): FieldValue {
  if (Number.isNaN(d.getTime())) return String(d);
  switch (field.type) {
    case 'datetime':
      return `${isoDate(d)}T${isoTime(d)}+08:00`;
    case 'time':
      return isoTime(d);
    case 'date':
      return isoDate(d);
    default:
      return isoTime(d) === '00:00:00' ? isoDate(d) : `${isoDate(d)} ${isoTime(d)}`;
  }
}

/** Dates typed as text the way people type them: 2026/11/24, 2026.11.24, 2026年11月24日. */
function fromDateText(field: TemplateField, text: string): string {
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?(.*)$/.exec(
      text,
    );
  if (!m) return text;
  const date = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  if (m[4] === undefined) return field.type === 'datetime' ? `${date}T00:00:00` : date;
  return `${date}T${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}${m[7]?.trim() ?? ''}`;
}

function fromNumber(field: TemplateField, n: number): FieldValue {
  if ((field.type === 'date' || field.type === 'datetime') && n > 0 && n < 2_958_466)
    return fromDate(field, fromSerial(n));
  if (field.type === 'time' && n >= 0 && n < 1) return isoTime(new Date(Math.round(n * 86_400_000)));
  if (field.type === 'number' || field.type === 'boolean' || field.type === 'enum') return n;
  return String(n);
}

function fromText(field: TemplateField, raw: string): FieldValue | null {
  const text = raw.trim();
  if (text === '') return null;
  if (field.type === 'date' || field.type === 'datetime') return fromDateText(field, text);
  return text;
}

export function convertCell(field: TemplateField, cell: RawCell): Converted {
  if (cell === null || cell === undefined) return { ok: true, value: null };
  if (typeof cell === 'string') return { ok: true, value: fromText(field, cell) };
  if (typeof cell === 'number') return { ok: true, value: fromNumber(field, cell) };
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  if (cell instanceof Date) return { ok: true, value: fromDate(field, cell) };
  if ('error' in cell)
    return { ok: false, message: `单元格是错误值 ${cell.error} (the cell holds the error ${cell.error})` };
  if ('richText' in cell)
    return { ok: true, value: fromText(field, cell.richText.map((r) => r.text).join('')) };
  if ('hyperlink' in cell) {
    const shown = typeof cell.text === 'string' ? cell.text : '';
    return { ok: true, value: fromText(field, field.type === 'file' ? cell.hyperlink : shown) };
  }
  if ('formula' in cell || 'sharedFormula' in cell) {
    const result = (cell as { result?: unknown }).result;
    if (result === undefined)
      return {
        ok: false,
        message: '公式没有计算结果 (the formula has no computed result; save it in Excel first)',
      };
    return convertCell(field, result as RawCell);
  }
  return { ok: false, message: '无法读取单元格 (the cell cannot be read)' };
}

/** The text of a cell, for comparing the example row and for messages. */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell !== 'object') return String(cell).trim();
  if ('richText' in cell)
    return cell.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('hyperlink' in cell) return String(cell.text ?? '').trim();
  if ('formula' in cell || 'sharedFormula' in cell)
    return cellText((cell as { result?: unknown }).result as RawCell);
  if ('error' in cell) return String(cell.error);
  return '';
}
