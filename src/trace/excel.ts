import ExcelJS from 'exceljs';
import type { Impact } from './impact.js';

export const excelType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Column = { header: string; key: string; width: number };

/** A worksheet with a bold, frozen, filterable header row (the platform's Excel exports share it). */
export function sheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: Record<string, unknown>[],
) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.addRows(rows);
}

/** 销售范围及影响评估 as a sortable spreadsheet: summary, affected objects, parties, holdings. */
export async function impactWorkbook(impact: Impact): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'suyuan 溯源';
  book.created = new Date();
  sheet(
    book,
    '汇总',
    [
      { header: '项目', key: 'item', width: 24 },
      { header: '内容', key: 'value', width: 80 },
    ],
    [
      { item: '问题批次', value: impact.lots.join('\n') },
      { item: '时间范围 起', value: impact.from ?? '' },
      { item: '时间范围 止', value: impact.to ?? '' },
      { item: '受影响追溯码数', value: impact.objects.length },
      { item: '涉及主体数', value: new Set(impact.parties.map((p) => p.party)).size },
      {
        item: '涉及地区',
        value: impact.regions.map((r) => `${impact.regionNames[r] ?? ''}(${r})`).join('、'),
      },
      { item: '公众扫码次数', value: impact.scans },
      { item: '生成时间', value: new Date().toISOString() },
    ],
  );
  sheet(
    book,
    '受影响产品',
    [
      { header: '追溯码', key: 'code', width: 48 },
      { header: '类型', key: 'kind', width: 12 },
      { header: '产品', key: 'product', width: 18 },
      { header: '产品名称', key: 'productName', width: 20 },
      { header: '批次', key: 'lot', width: 16 },
      { header: '生产日期', key: 'productionDate', width: 12 },
      { header: '有效期至', key: 'expiryDate', width: 12 },
      { header: '生产者', key: 'producer', width: 40 },
      { header: '层级', key: 'depth', width: 8 },
      { header: '扫码次数', key: 'scans', width: 10 },
    ],
    impact.objects.map((o) => ({ ...o })),
  );
  const partyColumns: Column[] = [
    { header: '主体标识', key: 'party', width: 48 },
    { header: '企业名称', key: 'enterpriseName', width: 30 },
    { header: '统一社会信用代码', key: 'creditCode', width: 20 },
    { header: '地区代码', key: 'region', width: 10 },
    { header: '地区', key: 'regionName', width: 24 },
  ];
  const who = (p: { enterprise?: { name: string; creditCode: string; regionName: string | null } }) => ({
    enterpriseName: p.enterprise?.name ?? '',
    creditCode: p.enterprise?.creditCode ?? '',
    regionName: p.enterprise?.regionName ?? '',
  });
  const quantities: Column[] = [
    { header: '单位', key: 'uom', width: 8 },
    { header: '收货量', key: 'received', width: 10 },
    { header: '发货量', key: 'shipped', width: 10 },
    { header: '销售量', key: 'sold', width: 10 },
    { header: '现存量', key: 'held', width: 10 },
  ];
  sheet(
    book,
    '涉及主体',
    [...partyColumns, { header: '涉及追溯码数', key: 'objects', width: 14 }, ...quantities],
    impact.parties.map((p) => ({ ...p, ...who(p) })),
  );
  sheet(
    book,
    '库存明细',
    [
      ...partyColumns,
      { header: '追溯码', key: 'object', width: 48 },
      ...quantities,
      { header: '生产量', key: 'produced', width: 10 },
      { header: '加工消耗', key: 'consumed', width: 10 },
      { header: '销毁量', key: 'destroyed', width: 10 },
    ],
    impact.holdings.map((h) => ({ ...h, ...who(h) })),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
