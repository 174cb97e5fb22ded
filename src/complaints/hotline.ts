import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../http/errors.js';
import type { ComplaintsDb } from './db.js';
import { categories } from './schema.js';
import { submitComplaint } from './submit.js';

// Import of 12345 hotline work orders (12345 政务服务便民热线工单) from CSV or Excel. Columns are
// matched by their Chinese or English header; one work order number is imported once.

const headers: Record<string, string[]> = {
  hotlineNo: ['工单编号', '工单号', 'workorder', 'work order', 'hotlineno', 'no'],
  receivedAt: ['来电时间', '受理时间', 'receivedat', 'time', 'date'],
  description: ['诉求内容', '投诉内容', '内容', 'description', 'content'],
  contact: ['联系电话', '联系方式', '来电号码', 'contact', 'phone'],
  code: ['追溯码', '产品追溯码', 'code', 'tracecode'],
  category: ['诉求类型', '类别', 'category'],
};

const categoryNames: Record<string, string> = {
  质量: 'quality',
  安全: 'safety',
  假冒: 'counterfeit',
  标签: 'label',
  过期: 'expired',
  价格: 'price',
  服务: 'service',
};

export const maxRows = 5000;

function columnsOf(header: string[]): Map<string, number> {
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase().replace(/[\s_]/g, '');
    for (const [key, names] of Object.entries(headers))
      if (!found.has(key) && names.some((n) => n.replace(/\s/g, '') === name)) found.set(key, i);
  });
  for (const required of ['hotlineNo', 'description', 'contact'])
    if (!found.has(required))
      throw new DomainError('VALIDATION_FAILED', `The file has no ${headers[required]?.[0]} column`, [
        { pointer: `/0/${required}`, message: `expected a column named ${headers[required]?.join(' / ')}` },
      ]);
  return found;
}

function categoryOf(value: string | undefined): string {
  if (!value) return 'other';
  if ((categories as readonly string[]).includes(value)) return value;
  for (const [zh, en] of Object.entries(categoryNames)) if (value.includes(zh)) return en;
  return 'other';
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
  }
  return String(value);
}

export async function gridOf(body: Buffer, contentType: string): Promise<string[][]> {
  if (contentType.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as ExcelJS.CellValue[];
      rows.push(values.slice(1).map(cellText));
    });
    return rows;
  }
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  return parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
}

export interface ImportResult {
  imported: number;
  duplicates: number;
  errors: { row: number; message: string }[];
  tickets: { row: number; hotlineNo: string; ticket: string }[];
}

/** Imports the rows as complaints from source `hotline`; row numbers count the header as 1. */
export async function importHotline(
  system: ComplaintsDb,
  grid: string[][],
  importer: string,
): Promise<ImportResult> {
  const [header, ...rows] = grid;
  if (!header) throw new DomainError('VALIDATION_FAILED', 'The file is empty');
  if (rows.length > maxRows)
    throw new DomainError('PAYLOAD_TOO_LARGE', `At most ${maxRows} work orders per file`);
  const col = columnsOf(header);
  const at = (row: string[], key: string) => {
    const i = col.get(key);
    return i === undefined ? undefined : row[i]?.trim() || undefined;
  };
  const result: ImportResult = { imported: 0, duplicates: 0, errors: [], tickets: [] };
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    const hotlineNo = at(row, 'hotlineNo');
    const description = at(row, 'description');
    const contact = at(row, 'contact');
    if (!hotlineNo || !description || !contact) {
      result.errors.push({ row: line, message: 'work order number, content and contact are required' });
      continue;
    }
    const received = at(row, 'receivedAt');
    const createdAt = received ? new Date(received.replace(' ', 'T')) : undefined;
    if (createdAt && Number.isNaN(createdAt.getTime())) {
      result.errors.push({ row: line, message: `unreadable time ${received}` });
      continue;
    }
    const exists = await system
      .selectFrom('complaints')
      .select('id')
      .where('hotline_no', '=', hotlineNo)
      .executeTakeFirst();
    if (exists) {
      result.duplicates += 1;
      continue;
    }
    const saved = await submitComplaint(system, {
      source: 'hotline',
      hotlineNo,
      description,
      contact,
      code: at(row, 'code'),
      category: categoryOf(at(row, 'category')),
      reporter: importer,
      createdAt,
    });
    result.imported += 1;
    result.tickets.push({ row: line, hotlineNo, ticket: saved.ticket });
  }
  return result;
}
