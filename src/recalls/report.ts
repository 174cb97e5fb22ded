import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { DomainError } from '../http/errors.js';
import { loadCjkFont } from '../labels/font.js';
import { sheet } from '../trace/excel.js';
import type { RecallDetail } from './service.js';

// The closure report (召回总结报告) as PDF (Noto Sans CJK, as the label sheets) and Excel.

const statusLabel: Record<string, string> = {
  notified: '已通知 notified',
  acknowledged: '已确认 acknowledged',
  reported: '已报告 reported',
  completed: '已完成 completed',
};

function heading(r: RecallDetail): string {
  return r.status === 'closed' ? '召回总结报告 Recall closure report' : '召回进展报告 Recall progress report';
}

export async function recallPdf(r: RecallDetail): Promise<Buffer> {
  let font: ReturnType<typeof loadCjkFont>;
  try {
    font = loadCjkFont();
  } catch (error) {
    throw new DomainError('UNAVAILABLE', (error as Error).message);
  }
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${heading(r)} #${r.id}` } });
  doc.registerFont('cjk', font.data, font.postscriptName);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.fontSize(18).text(heading(r));
  doc.moveDown(0.5).fontSize(11);
  const line = (label: string, value: string | number | null | undefined) =>
    doc.text(`${label}：${value ?? '—'}`);
  line('召回编号 Recall', r.id);
  line('标题 Title', r.title);
  line('原因 Reason', r.reason);
  line('级别 Severity', `${r.severityLabel} (${r.severity})`);
  line('发起方式 Ordered by', r.orderedBy === 'regulator' ? '监管部门责令 regulator' : '企业主动 enterprise');
  line('责任企业 Enterprise', r.enterprise);
  line('启动时间 Opened', r.openedAt);
  line('状态 Status', r.status);
  line('结束时间 Closed', r.closedAt);
  line('受影响追溯码 Affected codes', r.impact.codes);
  line('涉及主体 Holders', r.holders.length);
  line('涉及地区 Regions', r.regions.map((g) => g.region ?? '未知').join('、'));
  doc.moveDown().fontSize(14).text('进度 Progress').fontSize(11);
  for (const q of r.progress.byQuantity)
    line(
      `数量 (${q.uom ?? '件'})`,
      `持有 ${q.held}，查找 ${q.found}，退回 ${q.returned}，销毁 ${q.destroyed}，完成率 ${q.recovered === null ? '—' : `${Math.round(q.recovered * 100)}%`}`,
    );
  const h = r.progress.byHolder;
  line(
    '主体',
    `共 ${h.total}，已通知 ${h.notified}，已确认 ${h.acknowledged}，已报告 ${h.reported}，已完成 ${h.completed}`,
  );
  doc.moveDown().fontSize(14).text('持有者 Holders').fontSize(9);
  for (const x of r.holders)
    doc.text(
      `${x.enterprise ?? x.party}  ${x.region ?? ''}  ${statusLabel[x.status] ?? x.status}  持有 ${x.held} ${x.uom ?? ''}  查找 ${x.found} 退回 ${x.returned} 销毁 ${x.destroyed}  催告 ${x.reminders}`,
    );
  doc.moveDown().fontSize(14).text('处置记录 Timeline').fontSize(9);
  for (const a of r.timeline) doc.text(`${a.at}  ${a.action}  ${a.actor}`);
  if (r.closure) {
    doc.moveDown().fontSize(14).text('总结 Summary').fontSize(11).text(r.closure);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The report workbook; `codes`: every affected identifier (the detail lists the first 1,000). */
export async function recallWorkbook(r: RecallDetail, codes: string[]): Promise<Buffer> {
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
      { item: '报告', value: heading(r) },
      { item: '召回编号', value: r.id },
      { item: '标题', value: r.title },
      { item: '原因', value: r.reason },
      { item: '级别', value: r.severityLabel },
      { item: '发起方式', value: r.orderedBy === 'regulator' ? '监管部门责令' : '企业主动' },
      { item: '责任企业', value: r.enterprise },
      { item: '启动时间', value: r.openedAt },
      { item: '状态', value: r.status },
      { item: '结束时间', value: r.closedAt ?? '' },
      { item: '受影响追溯码数', value: r.impact.codes },
      { item: '持有者数', value: r.holders.length },
      { item: '总结', value: r.closure ?? '' },
    ],
  );
  sheet(
    book,
    '持有者',
    [
      { header: '主体', key: 'party', width: 44 },
      { header: '企业', key: 'enterprise', width: 22 },
      { header: '地区', key: 'region', width: 10 },
      { header: '单位', key: 'uom', width: 8 },
      { header: '持有', key: 'held', width: 10 },
      { header: '查找', key: 'found', width: 10 },
      { header: '退回', key: 'returned', width: 10 },
      { header: '销毁', key: 'destroyed', width: 10 },
      { header: '状态', key: 'status', width: 12 },
      { header: '催告次数', key: 'reminders', width: 10 },
    ],
    r.holders,
  );
  sheet(
    book,
    '处置记录',
    [
      { header: '时间', key: 'at', width: 26 },
      { header: '动作', key: 'action', width: 14 },
      { header: '操作者', key: 'actor', width: 30 },
      { header: '详情', key: 'detail', width: 80 },
    ],
    r.timeline.map((a) => ({ ...a, detail: JSON.stringify(a.detail) })),
  );
  sheet(
    book,
    '受影响追溯码',
    [{ header: '追溯码', key: 'uri', width: 80 }],
    codes.map((uri) => ({ uri })),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
