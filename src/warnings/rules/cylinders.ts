import { type RawBuilder, sql } from 'kysely';
import type { StoredEvent } from '../../epcis/capture/checks.js';
import type { CandidateColumns, Parameter, Rule, RuleContext } from '../model.js';
import { asDate } from './common.js';
import { assets } from './equipment.js';

// Gas cylinders (气瓶, template gas-cylinders): one code per cylinder. The manufacture record gives
// the first inspection date and the end of design life; each inspection the next date. Both rules
// run on the scan, and at once on capture for the cylinders of the batch.

const none = sql`NULL::text`;
const identifying: Parameter[] = [
  {
    name: 'cylinderSteps',
    type: 'list',
    default: [
      'urn:suyuan:bizstep:cylinder_registration',
      'urn:suyuan:bizstep:filling',
      'urn:suyuan:bizstep:cylinder_inspection',
    ],
    label: {
      zh: '识别气瓶的业务步骤（全国设置）',
      en: 'bizSteps that identify cylinders (nationwide setting)',
    },
  },
  {
    name: 'templates',
    type: 'list',
    default: ['gas-cylinders'],
    label: { zh: '气瓶行业模板（全国设置）', en: 'Cylinder templates (nationwide setting)' },
  },
];
const touchesCylinders = (events: StoredEvent[]) =>
  events.some(
    (e) =>
      (e.event.bizStep !== null && /cylinder|filling/.test(e.event.bizStep)) ||
      String(e.event.doc['suyuan:template'] ?? '').startsWith('gas-cylinders'),
  );

const cylinders = (ctx: RuleContext, onlyPks?: string[]) =>
  assets(ctx.param('cylinderSteps', none), onlyPks, ctx.param('templates', none));

/** The latest date in field `field` over the events of the cylinder `epc` (by event time). */
const latestDate = (epc: RawBuilder<unknown>, field: string) => sql`(
  SELECT ${asDate(sql`o.doc ->> ${field}`)} FROM event_epcs z JOIN events o ON o.id = z.event_pk
  WHERE z.epc = ${epc} AND o.error_declaration_time IS NULL AND o.doc ->> ${field} ~ '^\\d{4}-\\d{2}-\\d{2}'
  ORDER BY o.event_time DESC, o.id DESC LIMIT 1)`;

const today = (ctx: RuleContext) => sql`(${ctx.now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;

function inspectionDue(ctx: RuleContext, onlyPks?: string[]): RawBuilder<CandidateColumns> {
  const years = ctx.param('intervalYears', sql`a.enterprise`);
  return sql<CandidateColumns>`
    WITH cylinders AS (${cylinders(ctx, onlyPks)}),
    inspected AS (${assets(ctx.param('inspectionSteps', none), onlyPks)}),
    due AS (
      SELECT a.epc, a.enterprise, coalesce(i.last_event, a.last_event) AS last_event, coalesce(
          ${latestDate(sql`a.epc`, 'suyuan:nextInspectionDate')},
          ((coalesce(i.last_at, a.first_at) AT TIME ZONE 'Asia/Shanghai')::date
            + make_interval(months => (${years} * 12)::int))::date) AS due
      FROM cylinders a LEFT JOIN inspected i ON i.epc = a.epc
      WHERE NOT a.retired)
    SELECT 'cylinder-inspection:' || d.epc || ' ' || d.due AS subject, d.enterprise, d.epc AS code,
      format('气瓶 %s 应于 %s 前定期检验，已超期，不得充装', d.epc, d.due) AS message,
      jsonb_build_object('events', jsonb_build_array(d.last_event), 'codes', jsonb_build_array(d.epc),
        'facts', jsonb_build_object('due', d.due)) AS evidence
    FROM due d WHERE d.due < ${today(ctx)}`;
}

export const cylinderInspection: Rule = {
  id: 'cylinder-inspection-overdue',
  name: { zh: '气瓶定期检验超期', en: 'Cylinder inspection overdue' },
  description: {
    zh: '气瓶下次检验日期（最近记录的 suyuan:nextInspectionDate；没有时为最近检验或首次记录后若干年）已过；超期气瓶不得充装。检验周期因介质不同，按地区和行业设置。',
    en: 'The next periodic inspection of a cylinder has passed; an overdue cylinder must not be filled.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'intervalYears',
      type: 'number',
      default: 4,
      min: 1,
      max: 20,
      label: { zh: '缺省检验周期（年）', en: 'Default inspection interval (years)' },
    },
    {
      name: 'inspectionSteps',
      type: 'list',
      default: ['inspecting', 'urn:suyuan:bizstep:cylinder_inspection'],
      label: { zh: '检验业务步骤（全国设置）', en: 'Inspection bizSteps (nationwide setting)' },
    },
    ...identifying,
  ],
  appliesTo: touchesCylinders,
  onCapture: (ctx) => inspectionDue(ctx, ctx.pks),
  onSchedule: (ctx) => inspectionDue(ctx),
};

function pastScrapAge(ctx: RuleContext, onlyPks?: string[]): RawBuilder<CandidateColumns> {
  const fields = ctx.param('manufactureFields', none);
  return sql<CandidateColumns>`
    WITH cylinders AS (${cylinders(ctx, onlyPks)}),
    made AS (
      SELECT a.*, ${latestDate(sql`a.epc`, 'suyuan:scrapDate')} AS scrap_date, coalesce(
        (SELECT min(d) FROM event_epcs z JOIN events o ON o.id = z.event_pk CROSS JOIN unnest(${fields}) f
          CROSS JOIN LATERAL (SELECT coalesce(${asDate(sql`o.doc -> 'ilmd' ->> f`)}, ${asDate(sql`o.doc ->> f`)}) AS d) v
          WHERE z.epc = a.epc AND o.error_declaration_time IS NULL),
        (SELECT min((o.event_time AT TIME ZONE 'Asia/Shanghai')::date) FROM event_epcs z JOIN events o ON o.id = z.event_pk
          WHERE z.epc = a.epc AND o.error_declaration_time IS NULL AND o.biz_step = 'commissioning')) AS made_on,
        ${ctx.param('scrapYears', sql`a.enterprise`)} AS years
      FROM cylinders a WHERE NOT a.retired),
    judged AS (
      SELECT m.*, coalesce(m.scrap_date, (m.made_on + make_interval(months => (m.years * 12)::int))::date) AS scrap_on
      FROM made m)
    SELECT 'cylinder-scrap:' || j.epc AS subject, j.enterprise, j.epc AS code,
      format('气瓶 %s（制造于 %s）已于 %s 达到报废期限，应报废，不得充装', j.epc, coalesce(j.made_on::text, '未知'), j.scrap_on) AS message,
      jsonb_build_object('events', jsonb_build_array(j.last_event), 'codes', jsonb_build_array(j.epc),
        'facts', jsonb_build_object('manufactured', j.made_on, 'scrapOn', j.scrap_on)) AS evidence
    FROM judged j
    WHERE j.scrap_on IS NOT NULL AND j.scrap_on <= ${today(ctx)}`;
}

export const cylinderScrapAge: Rule = {
  id: 'cylinder-scrap-age',
  name: { zh: '气瓶超过报废年限', en: 'Cylinder past its scrap age' },
  description: {
    zh: '气瓶已到报废期限（记录的 suyuan:scrapDate；没有时为制造日期加报废年限，如液化石油气钢瓶 12 年）且未报废。',
    en: 'A cylinder past its scrap date (recorded, or manufacture date + scrap age) that was not scrapped.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'scrapYears',
      type: 'number',
      default: 12,
      min: 1,
      max: 50,
      label: { zh: '缺省报废年限（年）', en: 'Default scrap age (years)' },
    },
    {
      name: 'manufactureFields',
      type: 'list',
      default: ['suyuan:manufactureDate', 'suyuan:manufacturedOn', 'cbvmda:productionDate'],
      label: { zh: '制造日期字段（全国设置）', en: 'Manufacture date fields (nationwide setting)' },
    },
    ...identifying,
  ],
  appliesTo: touchesCylinders,
  onCapture: (ctx) => pastScrapAge(ctx, ctx.pks),
  onSchedule: (ctx) => pastScrapAge(ctx),
};
